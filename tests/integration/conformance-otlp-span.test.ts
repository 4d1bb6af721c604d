import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { runWithReport, type ReportRun } from './reporter-helpers.ts'
import { fixturesDir, runFixture, type FixtureRun } from './run-fixture.ts'

const FIXTURE = 'conformance-otlp-span'
const FILE = 'traces/batch.otlp.json'
const text = readFileSync(path.join(fixturesDir, FIXTURE, FILE), 'utf8')
/** 1-based column of the n-th (1-based) span object of the one-line batch. */
const spanColumn = (n: number): number => text.indexOf(`{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b17${n}"`) + 1
const third = {
  name: 'PUT /kv/a',
  spanId: 'eee19b7ec3c1b173',
  traceId: '5b8efff798038103d269b633813fc60c',
  start: '2025-10-04T06:21:09.100000003Z',
}

// The two successes of key "a" overlap in time (100 ms spans started 2 ns apart): no order of them
// fits, and the message says so (docs/concurrency.md).
const concurrent =
  ` — the 2 events of key "a" at lines 1:${spanColumn(1)}, 1:${spanColumn(3)} overlap in time, and no order of them that real time allows fits the spec.` +
  ` The longest order that fits: line 1:${spanColumn(1)} (success); after it, line 1:${spanColumn(3)} (success) breaks a rule there`

let run: FixtureRun
let report: ReportRun
beforeAll(async () => {
  expect(text.trimEnd().split('\n')).toHaveLength(1)
  run = await runFixture(FIXTURE)
  report = await runWithReport(FIXTURE, ['run'])
})

describe('a violation in a one-line OTLP batch is located at its span', () => {
  test('the rule test fails at line 1 and the column of the third span, naming the span', () => {
    const c = run.get(FILE, 'rule multiple-success')
    expect(c.state).toBe('failed')
    expect(spanColumn(3)).toBeGreaterThan(1000)
    expect(c.errors[0]).toMatchObject({ name: 'RuleViolation', file: FILE, line: 1, column: spanColumn(3) })
    expect(c.errors[0]!.message).toBe(
      [
        `rule multiple-success: 1 violation in ${FILE}`,
        `  ${FILE}:1:${spanColumn(3)} span "PUT /kv/a" (spanId ${third.spanId}, traceId ${third.traceId}, start ${third.start}) "a" — second success for key "a"; the first was at line 1${concurrent}`,
      ].join('\n'),
    )
    expect(c.meta.specCi).toMatchObject({ violations: [{ rule: 'multiple-success', line: 1, column: spanColumn(3), key: 'a', span: third }] })
  })

  test('an attempt number sent as a string is an event-schema finding at its span', () => {
    const c = run.get(FILE, 'rule event-schema')
    expect(c.state).toBe('failed')
    expect(c.errors[0]).toMatchObject({ line: 1, column: spanColumn(4) })
    expect(c.errors[0]!.message).toContain(
      `${FILE}:1:${spanColumn(4)} span "PUT /kv/b" (spanId eee19b7ec3c1b174, traceId ${third.traceId}, start 2025-10-04T06:21:09.100000004Z) "b" — attempt number attribute "kvonce.event.context.attempt" is the string "2"; expected an integer (an intValue attribute)`,
    )
  })

  test('the other rules pass', () => {
    const failed = run.cases.filter((c) => c.file === FILE && c.state === 'failed').map((c) => c.name.replace(/^.* > rule /, ''))
    expect(failed.sort()).toEqual(['event-schema', 'multiple-success'])
  })

  test('Vitest’s own output points at file:1:column', () => {
    expect(report.code).toBe(1)
    expect(report.stdout + report.stderr).toContain(`${FILE}:1:${spanColumn(3)}`)
  })

  test('summary.json carries the column and the span (the summary validated against the schema)', () => {
    const [trace] = report.summary.conformance.traces
    expect(trace).toMatchObject({ file: FILE, valid: false, events: 3 })
    // The spans' own intervals, and the trace id as the writer (no `actor` attribute).
    const span = (n: number) => ({ line: 1, column: spanColumn(n), type: 'success', start: `175955886910000000${n}`, end: `175955886920000000${n}`, actor: third.traceId })
    const [firstSpan, thirdSpan] = [span(1), span(3)]
    expect(trace!.issues).toEqual([
      {
        rule: 'multiple-success',
        line: 1,
        column: spanColumn(3),
        key: 'a',
        message: `second success for key "a"; the first was at line 1${concurrent}`,
        severity: 'error',
        span: third,
        concurrency: {
          verdict: 'violation',
          clock: 'time',
          events: [firstSpan, thirdSpan],
          candidates: [{ ...thirdSpan, outcome: 'rejected' }],
          longestOrder: [firstSpan],
        },
      },
      {
        rule: 'event-schema',
        line: 1,
        column: spanColumn(4),
        key: 'b',
        message: 'attempt number attribute "kvonce.event.context.attempt" is the string "2"; expected an integer (an intValue attribute)',
        severity: 'error',
        span: { ...third, name: 'PUT /kv/b', spanId: 'eee19b7ec3c1b174', start: '2025-10-04T06:21:09.100000004Z' },
      },
    ])
    expect(report.markdown).toContain(`${FILE}:1:${spanColumn(3)}`)
  })
})
