import { SpecCiConfigError } from '../errors.ts'
import type { RuleSeverity, SpecModel, Violation } from '../spec/types.ts'
import { openTrace } from '../trace/open-trace.ts'
import type { OpenedTrace, ReadTraceOptions, TraceFormat, TraceRecord } from '../trace/types.ts'

export interface CheckTraceOptions {
  /** Options of the spec (e.g. `{ maxRetries: 5 }` for kvonce). Validated by the spec. */
  specOptions?: object
  /** Severity per rule id; rules not named are `error`. `off` rules are not reported. */
  rules?: Readonly<Record<string, RuleSeverity>>
  /**
   * Violations kept per rule, in line order; the rest are counted. Keeps memory bounded by keys even
   * when every event of a huge trace breaks a rule.
   * @default 1000
   */
  maxStoredViolations?: number
  /** @default 16 MiB */
  maxLineBytes?: number
}

export interface RuleOutcome {
  rule: string
  severity: RuleSeverity
  /** All violations found, including those not stored. */
  count: number
  /** The first `maxStoredViolations` violations by line. */
  violations: Violation[]
}

export interface ConformanceResult {
  spec: string
  format: TraceFormat
  gzip: boolean
  /** Well-formed events replayed through the spec. */
  events: number
  /** Outcomes in the spec's rule catalogue order. */
  rules: RuleOutcome[]
  /** No violation of an `error` rule. */
  valid: boolean
  projection: Record<string, unknown>
}

export function resolveRuleSeverities(spec: SpecModel, given: Readonly<Record<string, RuleSeverity>> | undefined): Record<string, RuleSeverity> {
  const severities: Record<string, RuleSeverity> = Object.create(null)
  for (const id of Object.keys(spec.rules)) severities[id] = 'error'
  for (const [id, severity] of Object.entries(given ?? {})) {
    if (!(id in spec.rules))
      throw new SpecCiConfigError(`rules: spec "${spec.name}" has no rule "${id}"; its rules are ${Object.keys(spec.rules).join(', ')}`)
    if (severity !== 'error' && severity !== 'warn' && severity !== 'off')
      throw new SpecCiConfigError(`rules.${id} is ${JSON.stringify(severity)}; expected "error", "warn" or "off"`)
    severities[id] = severity
  }
  return severities
}

function isBatched(records: TraceRecords): records is { batches(): AsyncIterable<readonly TraceRecord[]> } {
  return typeof (records as { batches?: unknown }).batches === 'function'
}

/** Records one by one, or a stream that also hands them out in batches (an {@link OpenedTrace}). */
export type TraceRecords = AsyncIterable<TraceRecord> | { batches(): AsyncIterable<readonly TraceRecord[]> }

/** Replays records through the spec in one pass. Memory grows with distinct keys and stored violations only. */
export async function checkRecords(
  spec: SpecModel,
  records: TraceRecords,
  options: CheckTraceOptions = {},
): Promise<Omit<ConformanceResult, 'format' | 'gzip'>> {
  const severities = resolveRuleSeverities(spec, options.rules)
  const specOptions = spec.resolveOptions(options.specOptions)
  const cap = options.maxStoredViolations ?? 1000
  const outcomes = new Map<string, RuleOutcome>()
  for (const [rule, severity] of Object.entries(severities)) outcomes.set(rule, { rule, severity, count: 0, violations: [] })
  let unsorted = false
  const report = (v: Violation): void => {
    const outcome = outcomes.get(v.rule)!
    if (outcome.severity === 'off') return
    outcome.count++
    const stored = outcome.violations
    const last = stored[stored.length - 1]
    if (last && v.line < last.line) unsorted = true
    // Violations arrive almost always in line order; one found late (retry-context-missing) may go earlier.
    if (stored.length < cap) stored.push(v)
    else if (last && v.line < last.line) {
      stored[stored.length - 1] = v
      unsorted = true
    }
    if (unsorted) {
      stored.sort((a, b) => a.line - b.line)
      unsorted = false
    }
  }
  const checker = spec.createChecker(specOptions)
  if (isBatched(records)) {
    for await (const batch of records.batches()) for (let i = 0; i < batch.length; i++) checker.check(batch[i]!, report)
  } else {
    for await (const record of records) checker.check(record, report)
  }
  checker.finish(report)
  const rules = [...outcomes.values()]
  return {
    spec: spec.name,
    events: checker.events,
    rules,
    valid: rules.every((r) => r.severity !== 'error' || r.count === 0),
    projection: checker.projection(),
  }
}

/** Reads a trace file (any supported format, gzip or not) and checks it against the spec. */
export async function checkTraceFile(file: string, spec: SpecModel, options: CheckTraceOptions = {}): Promise<ConformanceResult> {
  const readOptions: ReadTraceOptions = { otlpDomain: spec.otlpDomain }
  if (options.maxLineBytes !== undefined) readOptions.maxLineBytes = options.maxLineBytes
  const trace = await openTrace(file, readOptions)
  const result = await checkRecords(spec, trace, options)
  return { ...result, format: trace.format, gzip: trace.gzip }
}
