import { expect, test } from 'vitest'
import { concurrentWriters } from '../../../src/built-in-specs/kvonce/property-concurrent-writers.ts'
import type { KvOnceImplementation } from '../../../src/built-in-specs/kvonce/property-implementation.ts'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import { checkProperty } from '../../../src/property/check-property.ts'
import { EmittedEvents } from '../../../src/property/emitted-events.ts'
import { formatPropertyFailure } from '../../../src/property/format-failure.ts'
import type { ImplementationFactory } from '../../../src/property/types.ts'
import { createLateReportStore } from '../../fixtures/property/stores/late-report.ts'
import { createRacyStore } from '../../fixtures/property/stores/racy.ts'

const property = (implementation: ImplementationFactory<KvOnceImplementation>) =>
  ({ name: 'concurrent writers', property: concurrentWriters({ spec: kvonce, specOptions: kvonce.resolveOptions({ maxRetries: 3 }), implementation, maxCommands: 30 }) })

test('a correct store whose winner reports after its loser passes: racing writers are decided over the orders real time allows', async () => {
  // Each run's emitted events, to show that the scheduler really made writers race and report out of order.
  const runs: object[][] = []
  const lateReport: ImplementationFactory<KvOnceImplementation> = ({ emit, io }) => {
    const emitted: object[] = []
    runs.push(emitted)
    return createLateReportStore({ onEvent: (e) => (emitted.push(e), emit(e)), io })
  }
  const outcome = await checkProperty(property(lateReport), { seed: 7, numRuns: 100 })
  expect(outcome).toMatchObject({ passed: true, runs: 100 })

  // In many runs a loser's duplicate was emitted before the winner's success: replayed in emission
  // order (the check before intervals), each of those runs breaks duplicate-without-success.
  const reportedOutOfOrder = runs.filter((events) => (events[0] as { type: string }).type === 'failure')
  expect(reportedOutOfOrder.length).toBeGreaterThan(10)
  const inEmissionOrder = new EmittedEvents(kvonce, kvonce.resolveOptions({ maxRetries: 3 }))
  for (const e of reportedOutOfOrder[0]!) inEmissionOrder.push(e)
  expect(() => inEmissionOrder.checkNew()).toThrow(/^duplicate-without-success/)
})

test('a store that lets two writers both succeed fails multiple-success, naming the concurrent events and who emitted them', async () => {
  const racy: ImplementationFactory<KvOnceImplementation> = ({ emit, io }) => createRacyStore({ onEvent: emit, io })
  const outcome = await checkProperty(property(racy), { seed: 7, numRuns: 100 })
  expect(outcome).toMatchObject({ passed: false, rule: 'multiple-success' })
  // Which success is "second" is the search's choice: either order is allowed by real time, neither fits.
  expect(outcome.reason).toMatch(/^multiple-success: second success for key "(\w)"; the first was at line [12] .*the 2 events of key "\1" at lines (1, 2|2, 1) overlap in time, and no order of them that real time allows fits the spec/s)
  expect(outcome.reason).toMatch(/\(emitted event [12]\)\nResults: put\("\w", "v\d"\) → "written", put\("\w", "v\d"\) → "written"; then get → "v\d"$/)
  expect(outcome.events).toEqual([
    expect.stringMatching(/^1: \{"type":"success",.*\}  ← writer [12]: put\("\w", "v\d"\)$/),
    expect.stringMatching(/^2: \{"type":"success",.*\}  ← writer [12]: put\("\w", "v\d"\)$/),
  ])
  // The same seed gives the same failure (the intervals' order is the scheduler's, never the clock's ties).
  expect(await checkProperty(property(racy), { seed: 7, numRuns: 100 })).toEqual(outcome)
  const message = formatPropertyFailure(outcome, 'SPEC_CI_SEED=7 npx vitest run x -t y')
  expect(message).toContain('(seed 7, shrunk')
  expect(message).toContain('Counterexample (shrunk):\n  schedulerFor()')
})
