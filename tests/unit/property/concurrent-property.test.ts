import { expect, test } from 'vitest'
import type { KvOnceImplementation } from '../../../src/built-in-specs/kvonce/operations.ts'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import { register } from '../../../src/built-in-specs/register/spec.ts'
import { kv } from '../../../src/built-in-specs/kv/spec.ts'
import { checkProperty } from '../../../src/property/check-property.ts'
import { EmittedEvents } from '../../../src/property/emitted-events.ts'
import { formatPropertyFailure } from '../../../src/property/format-failure.ts'
import { concurrentProperty } from '../../../src/property/operations/concurrent-property.ts'
import type { SpecOperations } from '../../../src/property/operations/types.ts'
import type { ImplementationFactory } from '../../../src/property/types.ts'
import type { SpecModel } from '../../../src/spec-model/types.ts'
import { createLateReportStore } from '../../fixtures/property/stores/late-report.ts'
import { createRacyStore } from '../../fixtures/property/stores/racy.ts'
import { createLostUpdateKvStore } from '../../fixtures/property-operations/stores/kv.ts'
import { createNonAtomicCasRegister, createRegister } from '../../fixtures/property-operations/stores/register.ts'

const concurrent = (spec: SpecModel, implementation: ImplementationFactory<any>, specOptions: object = {}, clients = 3) => ({
  name: 'concurrent clients',
  property: concurrentProperty(
    { spec, specOptions: spec.resolveOptions(specOptions), implementation, maxCommands: 30, clients, operationsPerClient: 5 },
    spec.operations as SpecOperations<unknown, unknown>,
  ),
})

test('a correct kvonce store whose winner reports after its loser passes: racing writers are decided over the orders real time allows', async () => {
  // Each run's emitted events, to show that the scheduler really made writers race and report out of order.
  const runs: object[][] = []
  const lateReport: ImplementationFactory<KvOnceImplementation> = ({ emit, io }) => {
    const emitted: object[] = []
    runs.push(emitted)
    return createLateReportStore({ onEvent: (e) => (emitted.push(e), emit(e)), io })
  }
  const outcome = await checkProperty(concurrent(kvonce, lateReport, { maxRetries: 3 }), { seed: 7, numRuns: 200 })
  expect(outcome).toMatchObject({ passed: true, runs: 200 })

  // In some runs a loser's duplicate was emitted before the winner's success: replayed in emission
  // order (the check before intervals), each of those runs breaks duplicate-without-success.
  const reportedOutOfOrder = runs.filter((events) => (events[0] as { type: string } | undefined)?.type === 'failure')
  expect(reportedOutOfOrder.length).toBeGreaterThan(3)
  const inEmissionOrder = new EmittedEvents(kvonce, kvonce.resolveOptions({ maxRetries: 3 }))
  for (const e of reportedOutOfOrder[0]!) inEmissionOrder.push(e)
  expect(() => inEmissionOrder.checkNew()).toThrow(/^duplicate-without-success/)
})

test('a kvonce store that lets two writers both succeed fails multiple-success, naming the concurrent events, who emitted them, and the timeline', async () => {
  const racy: ImplementationFactory<KvOnceImplementation> = ({ emit, io }) => createRacyStore({ onEvent: emit, io })
  const outcome = await checkProperty(concurrent(kvonce, racy, { maxRetries: 3 }), { seed: 7, numRuns: 100 })
  expect(outcome).toMatchObject({ passed: false, rule: 'multiple-success' })
  expect(outcome.reason).toMatch(/^multiple-success: second success for key "(\w)"; .*overlap in time, and no order of them that real time allows fits the spec/s)
  expect(outcome.reason).toMatch(/\nHistory \(per client, real-time order\):\n {2}client 1 +client 2/)
  expect(outcome.events).toEqual([
    expect.stringMatching(/^\d+: \{"type":"success",.*\} {2}← client \d: put\("\w", "v\d"\)$/),
    expect.stringMatching(/^\d+: \{"type":"success",.*\} {2}← client \d: put\("\w", "v\d"\)$/),
  ])
  // Shrunk to the racing puts (and at most one more).
  expect(outcome.history!.operations.filter((o) => o.operation === 'put').length).toBeLessThanOrEqual(3)
  expect(outcome.history!.trace.format).toBe('events')
  // The same seed gives the same failure (the intervals' order is the scheduler's, never the clock's ties).
  expect(await checkProperty(concurrent(kvonce, racy, { maxRetries: 3 }), { seed: 7, numRuns: 100 })).toEqual(outcome)
  const message = formatPropertyFailure(outcome, 'SPEC_CI_SEED=7 npx vitest run x -t y')
  expect(message).toContain('(seed 7, shrunk')
  expect(message).toContain('Counterexample (shrunk):\n  schedulerFor()')
  // Each client's shrunk calls read as calls, not as objects.
  expect(outcome.counterexample).toMatch(/, \[\[((put|get)\("\w"(, "v\d")?\),?)*\](,\[((put|get)\("\w"(, "v\d")?\),?)*\])*\]$/)
})

test('a correct register passes; a non-atomic compare-and-set fails "linearizable" with a shrunk history, a per-client timeline and a register trace', async () => {
  expect(await checkProperty(concurrent(register, createRegister), { seed: 3, numRuns: 300 })).toMatchObject({ passed: true, runs: 300 })
  const outcome = await checkProperty(concurrent(register, createNonAtomicCasRegister), { seed: 3, numRuns: 1000 })
  expect(outcome).toMatchObject({ passed: false, rule: 'linearizable' })
  expect(outcome.reason).toMatch(/^linearizable: no order of the \d+ operations on key "\w" consistent with real time is a legal history of the model: .* cannot be placed/)
  expect(outcome.reason).toContain('cas(')
  const history = outcome.history!
  // Shrunk: a handful of operations, among them a successful cas.
  expect(history.operations.length).toBeLessThanOrEqual(8)
  expect(history.operations.some((o) => o.operation === 'cas' && o.result === true)).toBe(true)
  // The trace is the register operation schema, with ranked times and clients as actors: the conformance engine replays it.
  expect(history.trace.format).toBe('operations')
  for (const line of history.trace.lines) expect(JSON.parse(line)).toMatchObject({ type: expect.stringMatching(/^(read|write|cas)$/), start: expect.any(Number), end: expect.any(Number), actor: expect.any(Number) })
  const checker = register.createChecker(register.resolveOptions({}))
  const violations: string[] = []
  history.trace.lines.forEach((line, i) => checker.check({ kind: 'event', line: i + 1, event: JSON.parse(line) }, (v) => violations.push(v.rule)))
  checker.finish((v) => violations.push(v.rule))
  expect(violations).toEqual(['linearizable'])
})

test('a kv store whose append loses concurrent updates fails "linearizable"', async () => {
  const outcome = await checkProperty(concurrent(kv, createLostUpdateKvStore), { seed: 5, numRuns: 300 })
  expect(outcome).toMatchObject({ passed: false, rule: 'linearizable' })
  expect(outcome.history!.operations.filter((o) => o.operation === 'append').length).toBeGreaterThanOrEqual(2)
})
