import { afterAll, describe, expect, test } from 'vitest'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import { checkRecords, checkTraceFile } from '../../../src/conformance/check-trace.ts'
import { formatRuleFailure } from '../../../src/conformance/format-rule-failure.ts'
import type { Violation } from '../../../src/spec-model/types.ts'
import { recordsOf } from '../built-in-specs/records.ts'
import { TraceDir } from '../trace/trace-files.ts'

const files = new TraceDir()
afterAll(() => files.remove())

type AnyValue = Record<string, unknown>
const str = (stringValue: string): AnyValue => ({ stringValue })
const int = (intValue: string | number): AnyValue => ({ intValue })

function span(n: number, attributes: Record<string, AnyValue>): Record<string, unknown> {
  return {
    traceId: `trace${n}`,
    spanId: `span${n}`,
    name: `PUT /kv/${n}`,
    startTimeUnixNano: `175955886910000000${n}`,
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
  }
}

const event = (type: string, key: string, extra: Record<string, AnyValue> = {}): Record<string, AnyValue> => ({
  'kvonce.event.type': str(type),
  'kvonce.event.key': str(key),
  ...extra,
})

/** One OTLP JSON batch on one line, as the JSON exporter sends it. */
function oneLineBatch(spans: Record<string, unknown>[]): string {
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'kv' }, spans }] }] })
}

const columnOf = (text: string, spanId: string): number => text.indexOf(`{"traceId":"trace${spanId.slice(4)}"`) + 1

async function check(text: string): Promise<Violation[]> {
  const result = await checkTraceFile(files.write(text, { name: 'batch.otlp.json' }), kvonce)
  return result.rules.flatMap((r) => r.violations)
}

describe('violations at an OTLP span', () => {
  test('carry the column of the span’s object, its name, ids and start time; the message names the span', async () => {
    const text = oneLineBatch([span(1, event('success', 'a')), span(2, event('success', 'b')), span(3, event('success', 'a'))])
    const violations = await check(text)
    expect(violations).toEqual([
      {
        rule: 'multiple-success',
        line: 1,
        column: columnOf(text, 'span3'),
        key: 'a',
        message: 'second success for key "a"; the first was at line 1',
        span: { name: 'PUT /kv/3', spanId: 'span3', traceId: 'trace3', start: '2025-10-04T06:21:09.100000003Z' },
      },
    ])
    expect(columnOf(text, 'span3')).toBeGreaterThan(100)
    expect(formatRuleFailure('t.otlp.json', { rule: 'multiple-success', severity: 'error', count: 1, violations })).toBe(
      [
        'rule multiple-success: 1 violation in t.otlp.json',
        `  t.otlp.json:1:${columnOf(text, 'span3')} span "PUT /kv/3" (spanId span3, traceId trace3, start 2025-10-04T06:21:09.100000003Z) "a" — second success for key "a"; the first was at line 1`,
      ].join('\n'),
    )
  })

  test('an invalid span is located at it too', async () => {
    const text = oneLineBatch([span(1, event('success', 'a')), span(2, { 'kvonce.event.type': { stringValue: 7 } })])
    expect(await check(text)).toEqual([
      {
        rule: 'event-schema',
        line: 1,
        column: columnOf(text, 'span2'),
        message: 'span attribute "kvonce.event.type": stringValue must be a string, found 7',
        span: { name: 'PUT /kv/2', spanId: 'span2', traceId: 'trace2', start: '2025-10-04T06:21:09.100000002Z' },
      },
    ])
  })

  test('a violation found at a later span (retry-context-missing) is at the earlier span, column and span included', async () => {
    // The attempt-less retry (span 1) is a violation only once a later retry (span 2) carries a number.
    const text = oneLineBatch([span(1, event('retry', 'a')), span(2, event('retry', 'a', { 'kvonce.event.context.attempt': int(2) })), span(3, event('success', 'a'))])
    const violations = (await check(text)).filter((v) => v.rule === 'retry-context-missing')
    expect(violations).toEqual([
      {
        rule: 'retry-context-missing',
        line: 1,
        column: columnOf(text, 'span1'),
        key: 'a',
        message: 'retry for key "a" has no attempt number, but the retry at line 1 carries one',
        span: { name: 'PUT /kv/1', spanId: 'span1', traceId: 'trace1', start: '2025-10-04T06:21:09.100000001Z' },
      },
    ])
  })

  test('NDJSON violations stay as they were: no column, no span', async () => {
    const result = await checkRecords(kvonce, recordsOf([{ type: 'success', key: 'a' }, { type: 'success', key: 'a' }, { type: 'nope', key: 'b' }]))
    const violations = result.rules.flatMap((r) => r.violations)
    expect(violations.map((v) => Object.keys(v))).toEqual([
      ['rule', 'line', 'key', 'message'],
      ['rule', 'line', 'key', 'message'],
    ])
    expect(formatRuleFailure('t.ndjson', result.rules.find((r) => r.rule === 'multiple-success')!)).toBe(
      'rule multiple-success: 1 violation in t.ndjson\n  t.ndjson:2 "a" — second success for key "a"; the first was at line 1',
    )
  })
})

describe('attempt numbers in OpenTelemetry attributes', () => {
  const rulesOf = (violations: Violation[]): string[] => violations.map((v) => `${v.rule}: ${v.message}`)

  test('a flattened kvonce.event.context.attempt is the attempt number', async () => {
    const text = oneLineBatch([
      span(1, event('retry', 'a', { 'kvonce.event.context.attempt': int(1) })),
      span(2, event('retry', 'a', { 'kvonce.event.context.attempt': int('3') })),
      span(3, event('success', 'a', { 'kvonce.event.context.attempt': int(2) })),
    ])
    expect(rulesOf(await check(text))).toEqual([
      'retry-attempt-out-of-sequence: retry carries attempt 3 but key "a" had 1 earlier retry, so attempt 2 was expected',
      'success-attempt-mismatch: success carries attempt 2 but key "a" had 2 earlier retries, so attempt 3 was expected',
    ])
  })

  test('a JSON object text in kvonce.event.context carries the attempt number', async () => {
    const text = oneLineBatch([span(1, event('retry', 'a', { 'kvonce.event.context': str('{"attempt": 1}') })), span(2, event('success', 'a', { 'kvonce.event.context': str('{"attempt":5}') }))])
    expect(rulesOf(await check(text))).toEqual([
      'success-attempt-mismatch: success carries attempt 5 but key "a" had 1 earlier retry, so attempt 2 was expected',
    ])
  })

  test.each([
    [{ 'kvonce.event.context.attempt': str('2') }, 'attempt number attribute "kvonce.event.context.attempt" is the string "2"; expected an integer (an intValue attribute)'],
    [{ 'kvonce.event.context.attempt': { doubleValue: 2.5 } }, 'attempt number attribute "kvonce.event.context.attempt" is the double 2.5; expected an integer (an intValue attribute)'],
    [{ 'kvonce.event.context.attempts': { boolValue: true } }, 'attempt number attribute "kvonce.event.context.attempts" is true; expected an integer (an intValue attribute)'],
    [
      { 'kvonce.event.context': { kvlistValue: { values: [{ key: 'attempt', value: str('2') }] } } },
      'attempt number "attempt" in attribute "kvonce.event.context" is the string "2"; expected an integer (an intValue attribute)',
    ],
    [{ 'kvonce.event.context': str('{"attempt": "2"}') }, 'attempt number "attempt" in attribute "kvonce.event.context" is the string "2"; expected an integer (an intValue attribute)'],
    [{ 'kvonce.event.context': { doubleValue: 1.5 } }, 'attempt number attribute "kvonce.event.context" is the double 1.5; expected an integer (an intValue attribute)'],
  ])('an attempt number it cannot use is an event-schema finding at the span: %j', async (context, message) => {
    const text = oneLineBatch([span(1, event('retry', 'a', { 'kvonce.event.context.attempt': int(1) })), span(2, event('retry', 'a', context))])
    const violations = await check(text)
    expect(violations).toEqual([{ rule: 'event-schema', line: 1, column: columnOf(text, 'span2'), key: 'a', message, span: expect.objectContaining({ spanId: 'span2' }) }])
  })

  test('an integral double and an empty value are fine; NDJSON keeps reading a string attempt as none', async () => {
    const text = oneLineBatch([
      span(1, event('retry', 'a', { 'kvonce.event.context.attempt': { doubleValue: 1 } })),
      span(2, event('retry', 'b', { 'kvonce.event.context.attempt': {} })),
    ])
    expect(await check(text)).toEqual([])
    const ndjson = await checkRecords(kvonce, recordsOf([{ type: 'retry', key: 'a', context: { attempt: '2' } }]))
    expect(ndjson.rules.flatMap((r) => r.violations)).toEqual([])
  })
})
