import { beforeAll, describe, expect, test } from 'vitest'
import { runWithReport, type ReportRun } from './reporter-helpers.ts'
import { runFixture, type FixtureRun } from './run-fixture.ts'

// Real Vitest runs of the conformance project on KvOnce traces of concurrent writers (issue 14).
const FIXTURE = 'conformance-concurrency'

let run: FixtureRun
let report: ReportRun
beforeAll(async () => {
  run = await runFixture(FIXTURE)
  report = await runWithReport(FIXTURE, ['run'])
})

const failedRules = (file: string): string[] =>
  run.cases
    .filter((c) => c.file === file && c.state === 'failed')
    .map((c) => c.name.replace(/^.* > rule /, ''))
    .sort()

describe('racing writers', () => {
  test('NDJSON with start/end: the loser starting first passes every rule', () => {
    expect(run.cases.filter((c) => c.file === 'traces/racing-writers.ndjson').length).toBeGreaterThan(5)
    expect(failedRules('traces/racing-writers.ndjson')).toEqual([])
  })

  test('OTLP spans that overlap, the loser starting first: every rule passes', () => {
    expect(run.cases.filter((c) => c.file === 'traces/racing-writers.otlp.json').length).toBeGreaterThan(5)
    expect(failedRules('traces/racing-writers.otlp.json')).toEqual([])
  })
})

// A log written as operations complete: writer B's duplicate (which saw A's write take effect) ends, and
// is logged, before A's success, with another key's operation logged between them. Read in file order,
// B would be decided alone (before A's line is read) and fail duplicate-without-success.
describe('NDJSON in completion order, not start order', () => {
  test('the racing writers pass every rule: the file is read again sorted by start', () => {
    expect(run.cases.filter((c) => c.file === 'traces/completion-order.ndjson').length).toBeGreaterThan(5)
    expect(failedRules('traces/completion-order.ndjson')).toEqual([])
  })

  test('a second success is still found, at its own line, and nothing else', () => {
    const FILE = 'traces/completion-order-double-success.ndjson'
    expect(failedRules(FILE)).toEqual(['multiple-success'])
    const c = run.get(FILE, 'rule multiple-success')
    expect(c.errors[0]!.message).toContain(`${FILE}:4 "order-42" — second success for key "order-42"; the first was at line 3`)
    expect(c.meta.specCi).toMatchObject({ violations: [{ rule: 'multiple-success', line: 4 }] })
  })
})

describe('a store that lets two writers both succeed', () => {
  const FILE = 'traces/double-success.ndjson'

  test('fails multiple-success at the second success, naming the concurrent event and the longest order that fit', () => {
    expect(failedRules(FILE)).toEqual(['multiple-success'])
    const c = run.get(FILE, 'rule multiple-success')
    expect(c.errors[0]).toMatchObject({ name: 'RuleViolation', file: FILE, line: 2 })
    expect(c.errors[0]!.message).toContain(
      `${FILE}:2 "order-42" — second success for key "order-42"; the first was at line 1 — the 2 events of key "order-42" at lines 1, 2 overlap in time, and no order of them that real time allows fits the spec. The longest order that fits: line 1 (success); after it, line 2 (success) breaks a rule there`,
    )
    expect(c.meta.specCi).toMatchObject({
      violations: [
        {
          rule: 'multiple-success',
          line: 2,
          concurrency: {
            verdict: 'violation',
            events: [
              { line: 1, type: 'success' },
              { line: 2, type: 'success' },
            ],
            candidates: [{ line: 2, type: 'success', outcome: 'rejected' }],
            longestOrder: [{ line: 1, type: 'success' }],
          },
        },
      ],
    })
  })

  test('summary.json carries the concurrency detail (validated against the schema)', () => {
    const trace = report.summary.conformance.traces.find((t: { file: string }) => t.file === FILE)
    expect(trace).toMatchObject({ valid: false, events: 2 })
    expect(trace!.issues).toEqual([
      expect.objectContaining({
        rule: 'multiple-success',
        line: 2,
        concurrency: expect.objectContaining({ verdict: 'violation', clock: 'time', longestOrder: [expect.objectContaining({ line: 1, type: 'success', start: expect.stringMatching(/^\d+$/) })] }),
      }),
    ])
    const racing = report.summary.conformance.traces.filter((t: { file: string }) => t.file.includes('racing-writers'))
    expect(racing.map((t: { valid: boolean }) => t.valid)).toEqual([true, true])
  })
})

// conformance.concurrency: the fixture checks the same three racing writers twice, traces/three-writers.ndjson
// with the default bounds and traces/bounded/ with a trace group's { maxSearchSteps: 1 }.
describe('the search bounds set in the config (conformance.concurrency)', () => {
  test('with the default bounds, three racing writers (a loser starting first) pass every rule', () => {
    expect(run.cases.filter((c) => c.file === 'traces/three-writers.ndjson').length).toBeGreaterThan(5)
    expect(failedRules('traces/three-writers.ndjson')).toEqual([])
  })

  test('with maxSearchSteps 1, the same race is undecided, which fails the rule test (never a pass), naming the bound', () => {
    const FILE = 'traces/bounded/three-writers.ndjson'
    expect(failedRules(FILE)).toEqual(['duplicate-without-success'])
    const c = run.get(FILE, 'rule duplicate-without-success')
    expect(c.errors[0]).toMatchObject({ name: 'RuleViolation', file: FILE, line: 1 })
    expect(c.errors[0]!.message).toContain(
      `${FILE}:1 "order-42" — undecided: whether some order of the 3 overlapping events of key "order-42" at lines 1, 2, 3 fits the spec is not known: the search reached its bound of 1 steps (maxSearchSteps)`,
    )
    expect(c.meta.specCi).toMatchObject({
      violations: [{ rule: 'duplicate-without-success', line: 1, concurrency: { verdict: 'undecided', bound: { maxSearchSteps: 1, maxWindowEvents: 1000 } } }],
    })
  })
})
