import fc from 'fast-check'
import { PropertyFailure } from './property-failure.ts'
import type { NamedProperty } from './types.ts'
import type { FailingHistory } from './operations/failing-history.ts'
import { thrownText } from '../thrown-value.ts'

export interface PropertyRunSettings {
  seed: number
  numRuns: number
}

export interface PropertyOutcome {
  name: string
  passed: boolean
  seed: number
  numRuns: number
  /** Runs made (all of them when it passed; up to the first failure otherwise). */
  runs: number
  /** The shrunk counterexample as fast-check prints it. */
  counterexample?: string
  /** fast-check's replay path of the shrunk counterexample (with the seed, `{ seed, path }` replays it directly). */
  path?: string
  shrinks?: number
  /** The rule or expectation that broke, e.g. `multiple-success` or `observable state`. */
  rule?: string
  /** What broke, in words, with the steps that led there. */
  reason?: string
  /** Emitted events that show the problem, as `N: json` lines. */
  events?: readonly string[]
  /** The failing run's operations per client (properties generated from a spec's operations). */
  history?: FailingHistory
}


/** Runs one property with a fixed seed and run count; the same settings give the same outcome. */
export async function checkProperty(named: NamedProperty, settings: PropertyRunSettings): Promise<PropertyOutcome> {
  const details = await fc.check(named.property, { seed: settings.seed, numRuns: settings.numRuns })
  const base = { name: named.name, seed: settings.seed, numRuns: settings.numRuns }
  if (!details.failed) return { ...base, passed: true, runs: details.numRuns }
  const error = details.errorInstance
  const reason =
    error instanceof PropertyFailure
      ? error.message
      : details.counterexample === null
        ? (details.interrupted ? 'the run was interrupted' : `fast-check gave up: ${details.numSkips} runs skipped`)
        : `the implementation threw: ${thrownText(error)}`
  return {
    ...base,
    passed: false,
    runs: details.numRuns,
    counterexample: details.counterexample === null ? undefined : details.counterexample.map((v: unknown) => fc.stringify(v)).join(', '),
    path: details.counterexamplePath ?? undefined,
    shrinks: details.numShrinks,
    rule: error instanceof PropertyFailure ? error.rule : 'implementation error',
    reason,
    events: error instanceof PropertyFailure ? error.events : [],
    ...(error instanceof PropertyFailure && error.history ? { history: error.history } : {}),
  }
}
