import { afterAll, describe, expect, test } from 'vitest'
import type { TraceRecord } from '../../../src/trace/types.ts'
import { TraceDir, event, invalid, readTrace } from './trace-files.ts'

const files = new TraceDir()
afterAll(() => files.remove())

/** The records without their span locations (`at`), which the tests of locations check on their own. */
/** The records without their span location and interval (tested on their own). */
async function readWithoutAt(...args: Parameters<typeof readTrace>): ReturnType<typeof readTrace> {
  const read = await readTrace(...args)
  return { ...read, records: read.records.map(({ at: _at, ...record }) => { delete (record as { interval?: unknown }).interval; return record as TraceRecord }) }
}

type AnyValue = Record<string, unknown>

const str = (stringValue: string): AnyValue => ({ stringValue })
const int = (intValue: string | number): AnyValue => ({ intValue })
const kvlist = (entries: Record<string, AnyValue>): AnyValue => ({
  kvlistValue: { values: Object.entries(entries).map(([key, value]) => ({ key, value })) },
})

/** A span whose first key is its spanId, so its `{` is on the line before `"spanId"` when pretty-printed. */
function span(spanId: string, start: string | null, attributes: Record<string, AnyValue>, traceId = `trace-${spanId}`): Record<string, unknown> {
  return {
    spanId,
    traceId,
    name: `op-${spanId}`,
    ...(start === null ? {} : { startTimeUnixNano: start }),
    attributes: [{ key: 'service.instance', value: str('x') }, ...Object.entries(attributes).map(([key, value]) => ({ key, value }))],
  }
}

function kvEvent(type: string, key: string, extra: Record<string, AnyValue> = {}): Record<string, AnyValue> {
  return { 'kvonce.event.type': str(type), 'kvonce.event.key': str(key), ...extra }
}

function tracesData(groups: Record<string, unknown>[][], scopes: 'scopeSpans' | 'instrumentationLibrarySpans' = 'scopeSpans'): Record<string, unknown> {
  return {
    resourceSpans: groups.map((spans) => ({
      resource: { attributes: [{ key: 'service.name', value: str('svc') }] },
      [scopes]: [{ scope: { name: 'lib' }, spans }],
    })),
  }
}

/** Physical line (1-based) of the `{` of the span with this id in pretty-printed text. */
function spanLine(text: string, spanId: string): number {
  const lines = text.split('\n')
  return lines.findIndex((line) => line.includes(`"spanId": "${spanId}"`))
}

describe('OTLP JSON document', () => {
  const doc = JSON.stringify(
    tracesData([
      [
        span('s1', '1759558869200000000', kvEvent('success', 'alpha', { 'kvonce.event.value': str('v1'), 'kvonce.event.context': kvlist({ attempt: int('2') }) })),
        span('s2', '1759558869100000000', kvEvent('retry', 'alpha', { 'kvonce.event.context': kvlist({ attempt: int(1) }) })),
        { spanId: 'plain', name: 'not an event', startTimeUnixNano: '1', attributes: [{ key: 'http.method', value: str('GET') }] },
      ],
      [span('s3', '1759558869137000001', kvEvent('failure', 'beta', { 'kvonce.event.reason': str('duplicate') }))],
    ]),
    null,
    2,
  )

  test('reads a pretty-printed document: events at their span lines, in start time order', async () => {
    const file = files.write(doc, { name: 'trace.otlp.json' })
    expect(await readWithoutAt(file)).toEqual({
      format: 'otlp-json',
      gzip: false,
      records: [
        event(spanLine(doc, 's2'), { type: 'retry', key: 'alpha', context: { attempt: 1 }, timestamp: '2025-10-04T06:21:09.100000000Z', traceId: 'trace-s2' }),
        event(spanLine(doc, 's3'), { type: 'failure', key: 'beta', reason: 'duplicate', timestamp: '2025-10-04T06:21:09.137000001Z', traceId: 'trace-s3' }),
        event(spanLine(doc, 's1'), { type: 'success', key: 'alpha', value: 'v1', context: { attempt: 2 }, timestamp: '2025-10-04T06:21:09.200000000Z', traceId: 'trace-s1' }),
      ],
    })
    expect(spanLine(doc, 's1')).toBeGreaterThan(10)
  })

  test('reads the same document gzip-compressed', async () => {
    const plain = await readWithoutAt(files.write(doc))
    const gzipped = await readWithoutAt(files.write(doc, { gzip: true }))
    expect(gzipped).toEqual({ ...plain, gzip: true })
  })

  test('reads the legacy instrumentationLibrarySpans', async () => {
    const text = JSON.stringify(tracesData([[span('a', '5', kvEvent('retry', 'k'))]], 'instrumentationLibrarySpans'), null, 1)
    expect((await readWithoutAt(files.write(text))).records).toEqual([
      event(spanLine(text.replaceAll('"spanId":"', '"spanId": "'), 'a'), { type: 'retry', key: 'k', timestamp: '1970-01-01T00:00:00.000000005Z', traceId: 'trace-a' }),
    ])
  })

  test('orders by start time, ties in document order', async () => {
    const text = JSON.stringify(
      tracesData([
        [span('late', '300', kvEvent('retry', 'k1')), span('tie-a', '200', kvEvent('retry', 'k2'))],
        [span('tie-b', '200', kvEvent('retry', 'k3')), span('early', '100', kvEvent('retry', 'k4')), span('tie-c', '200', kvEvent('retry', 'k5'))],
      ]),
      null,
      2,
    )
    const { records } = await readWithoutAt(files.write(text))
    expect(records.map((r) => r.kind === 'event' && r.event.key)).toEqual(['k4', 'k2', 'k3', 'k5', 'k1'])
  })

  test('gives each event its span interval, exact: start and end, no end without one, none without start (issue 14)', async () => {
    const text = JSON.stringify(
      tracesData([
        [
          { ...span('a', '1759558869137000001', kvEvent('retry', 'k')), endTimeUnixNano: '1759558869237000009' },
          span('b', '1759558869300000000', kvEvent('retry', 'k')),
          { ...span('c', '1759558869400000000', kvEvent('retry', 'k')), endTimeUnixNano: '5' },
          span('d', null, kvEvent('retry', 'k')),
        ],
      ]),
      null,
      2,
    )
    const { records } = await readTrace(files.write(text))
    expect(records.map((r) => (r.kind === 'event' ? r.interval : r))).toEqual([
      undefined,
      { start: 1759558869137000001n, end: 1759558869237000009n },
      { start: 1759558869300000000n },
      // An end before the start is no end.
      { start: 1759558869400000000n },
    ])
  })

  test('keeps intValue beyond 2^53 exact and kvlist keys like __proto__ and toString as own keys', async () => {
    const text = [
      '{"resourceSpans": [{"scopeSpans": [{"spans": [',
      '  {"startTimeUnixNano": 1759558869137000001, "attributes": [',
      '    {"key": "kvonce.event.type", "value": {"stringValue": "retry"}},',
      '    {"key": "kvonce.event.key", "value": {"stringValue": "__proto__"}},',
      '    {"key": "kvonce.event.context", "value": {"kvlistValue": {"values": [',
      '      {"key": "attempt", "value": {"intValue": "9007199254740993"}},',
      '      {"key": "raw", "value": {"intValue": 9007199254740995}},',
      '      {"key": "__proto__", "value": {"stringValue": "own"}},',
      '      {"key": "toString", "value": {"boolValue": true}}',
      '    ]}}}',
      '  ]}',
      ']}]}]}',
    ].join('\n')
    const { records } = await readWithoutAt(files.write(text))
    expect(records).toHaveLength(1)
    const record = records[0]!
    if (record.kind !== 'event') throw new Error('expected an event')
    expect(record.line).toBe(2)
    expect(record.event.timestamp).toBe('2025-10-04T06:21:09.137000001Z')
    const context = record.event.context as Record<string, unknown>
    expect(context.attempt).toBe(9007199254740993n)
    expect(context.raw).toBe(9007199254740995n)
    expect(Object.keys(context)).toEqual(['attempt', 'raw', '__proto__', 'toString'])
    expect(Object.getOwnPropertyDescriptor(context, '__proto__')?.value).toBe('own')
    expect(context.toString).toBe(true)
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype)
  })

  test('reports a span with a duplicate key at its line and reads the others', async () => {
    const text = [
      '{"resourceSpans": [{"scopeSpans": [{"spans": [',
      '  {"traceId": "a", "traceId": "b", "attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "x"}}]},',
      '  {"attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "y", "stringValue": "z"}}]},',
      '  {"attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "ok"}}]}',
      ']}]}]}',
    ].join('\n')
    expect((await readWithoutAt(files.write(text))).records).toEqual([
      invalid(2, 'span has the key "traceId" twice'),
      invalid(3, 'span has the key "stringValue" twice'),
      event(4, { key: 'ok' }),
    ])
  })

  test('reports a truncated document after the events found so far', async () => {
    const text = [
      '{"resourceSpans": [{"scopeSpans": [{"spans": [',
      '  {"startTimeUnixNano": "2", "attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "b"}}]},',
      '  {"startTimeUnixNano": "1", "attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "a"}}]},',
      '  {"startTimeUnixNano": "0", "attributes": [{"key": "kvonce.event.key", "value": {"stringV',
    ].join('\n')
    expect((await readWithoutAt(files.write(text))).records).toEqual([
      invalid(4, 'document is not valid JSON: unexpected end of input'),
      event(3, { key: 'a', timestamp: '1970-01-01T00:00:00.000000001Z' }),
      event(2, { key: 'b', timestamp: '1970-01-01T00:00:00.000000002Z' }),
    ])
    const unclosed = `${text.split('\n').slice(0, 3).join('\n')}\n\n\n`
    expect((await readWithoutAt(files.write(unclosed))).records[0]).toEqual(invalid(3, 'document is not valid JSON: unexpected end of input'))
  })

  test('reports a syntax error at its line and stops there', async () => {
    const text = [
      '{"resourceSpans": [{"scopeSpans": [{"spans": [',
      '  {"attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "a"}}]},',
      '  {"attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "b"}}]}',
      '  x',
      '  {"attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "c"}}]}',
      ']}]}]}',
    ].join('\n')
    expect((await readWithoutAt(files.write(text))).records).toEqual([invalid(4, 'document is not valid JSON: expected "," or "]" but found "x"'), event(2, { key: 'a' }), event(3, { key: 'b' })])
  })

  test('reports a bad span attribute and a document without resourceSpans at the top', async () => {
    const bad = '{\n"resourceSpans": [{"scopeSpans": [{"spans": [\n{"attributes": [{"key": "kvonce.event.context", "value": {"intValue": "1.5"}}]}\n]}]}]}'
    expect((await readWithoutAt(files.write(bad))).records).toEqual([invalid(3, 'span attribute "kvonce.event.context": intValue must be an integer, found "1.5"')])
    const nested = '\n{\n  "data": {"resourceSpans": []}\n}\n'
    expect(await readWithoutAt(files.write(nested))).toEqual({
      format: 'otlp-json',
      gzip: false,
      records: [invalid(2, 'document has no "resourceSpans": not an OTLP TracesData record')],
    })
  })

  test('stops at a line that is not UTF-8, saying the rest is not read', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"resourceSpans": [{"scopeSpans": [{"spans": [\n{"attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "a"}}]},\n{"name": "'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n]}]}]}\n'),
    ])
    expect((await readWithoutAt(files.write(bytes))).records).toEqual([invalid(3, 'line is not valid UTF-8; the rest of the document is not read'), event(2, { key: 'a' })])
  })

  test('uses the otlpDomain option for the attribute prefix', async () => {
    const text = JSON.stringify(tracesData([[span('i', '7', { 'inventory.event.type': str('stock'), 'kvonce.event.type': str('retry') })]]), null, 2)
    expect((await readWithoutAt(files.write(text), { otlpDomain: 'inventory' })).records).toEqual([
      event(spanLine(text, 'i'), { type: 'stock', timestamp: '1970-01-01T00:00:00.000000007Z', traceId: 'trace-i' }),
    ])
  })
})

describe('OTLP JSON Lines', () => {
  const line1 = JSON.stringify(tracesData([[span('b', '1759558869300000000', kvEvent('success', 'k')), span('tie1', '1759558869200000000', kvEvent('retry', 'k'))]]))
  const line2 = JSON.stringify(tracesData([[span('a', '1759558869100000000', kvEvent('retry', 'j'))], [span('tie2', '1759558869200000000', kvEvent('retry', 'j'))]]))

  test('gives each event its record line, ordered by start time over the whole file', async () => {
    const file = files.write(`${line1}\n\n${line2}\n`, { name: 'trace.otlp.jsonl' })
    const trace = await readWithoutAt(file)
    expect(trace.format).toBe('otlp-jsonl')
    expect(trace.records.map((r) => [r.line, r.kind === 'event' && r.event.traceId])).toEqual([
      [3, 'trace-a'],
      [1, 'trace-tie1'],
      [3, 'trace-tie2'],
      [1, 'trace-b'],
    ])
  })

  test('reports malformed lines one by one and reads the rest', async () => {
    const duplicate = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x","name":"y","attributes":[{"key":"kvonce.event.key","value":{"stringValue":"d"}}]},{"attributes":[{"key":"kvonce.event.key","value":{"stringValue":"e"}}]}]}]}]}'
    const text = [
      line1,
      `${JSON.stringify(tracesData([[span('lost', '1', kvEvent('retry', 'lost'))]]))},`,
      '[1,2]',
      '{"other": true}',
      '{"resourceSpans": "not an array"}',
      duplicate,
      line2,
    ].join('\r\n')
    const { format, records } = await readWithoutAt(files.write(text))
    expect(format).toBe('otlp-jsonl')
    expect(records.filter((r) => r.kind === 'invalid')).toEqual([
      invalid(2, 'line is not valid JSON: unexpected "," after the JSON value'),
      invalid(3, 'line is not a JSON object (found array)'),
      invalid(4, 'line has no "resourceSpans": not an OTLP TracesData record'),
      invalid(6, 'span has the key "name" twice'),
    ])
    expect(records.filter((r) => r.kind === 'event').map((r) => [r.line, r.kind === 'event' && r.event.key])).toEqual([
      [6, 'e'],
      [7, 'j'],
      [1, 'k'],
      [7, 'j'],
      [1, 'k'],
    ])
  })

  test('reads the same lines gzip-compressed', async () => {
    const text = `${line1}\n${line2}\n`
    const plain = await readWithoutAt(files.write(text))
    expect(await readWithoutAt(files.write(text, { gzip: true }))).toEqual({ ...plain, gzip: true })
  })
})
