import { afterAll, describe, expect, test } from 'vitest'
import { OtlpProtobufError, decodeOtlpTraces } from '../../../src/trace/otlp-protobuf.ts'
import type { TraceRecord } from '../../../src/trace/types.ts'
import { encodeLegacyOtlpProtobuf, encodeOtlpProtobuf } from './otlp-protobuf-encode.ts'
import { TraceDir, readTrace } from './trace-files.ts'

const files = new TraceDir()
afterAll(() => files.remove())

const TRACE = '0102030405060708090a0b0c0d0e0f10'
const kv = (key: string, value: Record<string, unknown>): Record<string, unknown> => ({ key, value })

function span(spanId: string, start: string, type: string, key: string, extra: Record<string, unknown>[] = []): Record<string, unknown> {
  return {
    traceId: TRACE,
    spanId,
    name: `op-${spanId}`,
    kind: 2,
    startTimeUnixNano: start,
    endTimeUnixNano: start,
    attributes: [kv('kvonce.event.type', { stringValue: type }), kv('kvonce.event.key', { stringValue: key }), ...extra],
  }
}

/** Every AnyValue kind, 64-bit values at their limits, and spans out of start-time order. */
const DOCUMENT = {
  resourceSpans: [
    {
      resource: { attributes: [kv('service.name', { stringValue: 'kv' })] },
      scopeSpans: [
        {
          scope: { name: 'lib', version: '1' },
          spans: [
            span('0000000000000002', '1700000000000000002', 'success', 'a', [
              kv('kvonce.event.value', { kvlistValue: { values: [kv('n', { intValue: '-9223372036854775808' }), kv('big', { intValue: '9007199254740993' })] } }),
              kv('kvonce.event.context', { kvlistValue: { values: [kv('attempt', { intValue: '2' }), kv('zero', { intValue: '0' }), kv('no', { boolValue: false })] } }),
              kv('kvonce.event.actor', { arrayValue: { values: [{ stringValue: '' }, { doubleValue: 1.5 }, { doubleValue: 'NaN' }, { bytesValue: 'AAEC/w==' }, {}] } }),
            ]),
            span('0000000000000001', '1700000000123456789', 'retry', 'a', [kv('kvonce.event.reason', { doubleValue: 0 })]),
            { traceId: TRACE, spanId: '0000000000000009', name: 'not an event', startTimeUnixNano: '5', attributes: [kv('http.method', { stringValue: 'GET' })] },
          ],
        },
      ],
    },
    {
      resource: {},
      scopeSpans: [{ scope: { name: 'other' }, spans: [span('0000000000000003', '1700000000000000001', 'retry', 'b')] }],
    },
  ],
}

/** What the checker sees of a record: everything but its line and column (a protobuf body has neither). */
function content(records: TraceRecord[]): unknown[] {
  return records.map((r) => ({
    ...(r.kind === 'event' ? { kind: r.kind, event: r.event } : { kind: r.kind, message: r.message }),
    span: r.at?.span,
    attributes: r.at?.attributes,
  }))
}

describe('decodeOtlpTraces', () => {
  test('gives the OTLP JSON form: hex ids, 64-bit integers as decimal strings, base64 bytes', () => {
    const decoded = decodeOtlpTraces(encodeOtlpProtobuf(DOCUMENT)) as typeof DOCUMENT
    const first = decoded.resourceSpans[0]!.scopeSpans[0]!
    expect(first.scope).toEqual({ name: 'lib', version: '1' })
    expect(first.spans[0]).toEqual(DOCUMENT.resourceSpans[0]!.scopeSpans[0]!.spans[0])
    expect(first.spans[1]).toEqual(DOCUMENT.resourceSpans[0]!.scopeSpans[0]!.spans[1])
    expect(decoded.resourceSpans[0]!.resource).toEqual(DOCUMENT.resourceSpans[0]!.resource)
    expect(decoded.resourceSpans[1]!.scopeSpans[0]!.spans).toEqual(DOCUMENT.resourceSpans[1]!.scopeSpans[0]!.spans)
  })

  test('decodes an empty body to no resourceSpans, and throws for a damaged one with what came before', () => {
    expect(decodeOtlpTraces(new Uint8Array())).toEqual({ resourceSpans: [] })
    const bytes = encodeOtlpProtobuf(DOCUMENT)
    let thrown: unknown
    try {
      decodeOtlpTraces(bytes.subarray(0, bytes.length - 5))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(OtlpProtobufError)
    expect((thrown as Error).message).toMatch(/^OTLP protobuf body is damaged at byte \d+ of \d+: /)
    const partial = (thrown as OtlpProtobufError).document
    expect(partial.resourceSpans[0]).toEqual(DOCUMENT.resourceSpans[0])
  })

  test('a body cut short inside its only ResourceSpans keeps the whole spans before the cut', () => {
    const spans = [span('0000000000000001', '1', 'retry', 'a'), span('0000000000000002', '2', 'retry', 'a'), span('0000000000000003', '3', 'success', 'a')]
    const one = { resourceSpans: [{ scopeSpans: [{ spans }] }] }
    const bytes = encodeOtlpProtobuf(one)
    const lastSpan = encodeOtlpProtobuf({ resourceSpans: [{ scopeSpans: [{ spans: [spans[2]] }] }] }).length - 6
    const cases: [number, number, RegExp][] = [
      [bytes.length - 1, 2, /ScopeSpans\.spans is \d+ bytes long, past the end of its enclosing message/],
      [bytes.length - lastSpan, 2, /ResourceSpans\.scopeSpans is \d+ bytes long, past the end of its enclosing message \(cut short\?\)/],
    ]
    for (const [length, kept, message] of cases) {
      let thrown: OtlpProtobufError | undefined
      try {
        decodeOtlpTraces(bytes.subarray(0, length))
      } catch (error) {
        thrown = error as OtlpProtobufError
      }
      expect(thrown?.message).toMatch(message)
      expect(thrown?.document.resourceSpans[0]).toEqual({ scopeSpans: [{ spans: spans.slice(0, kept) }] })
    }
  })

  test('reads the legacy instrumentation_library_spans (field 1000)', () => {
    const legacy = { resourceSpans: [{ instrumentationLibrarySpans: [{ spans: [span('0000000000000004', '7', 'retry', 'c')] }] }] }
    const bytes = encodeLegacyOtlpProtobuf(legacy.resourceSpans[0]!.instrumentationLibrarySpans)
    expect(decodeOtlpTraces(bytes)).toEqual(legacy)
  })
})

describe('OTLP protobuf trace files', () => {
  test('give the same records as the same spans in OTLP JSON, in start-time order, all at line 1', async () => {
    const bytes = encodeOtlpProtobuf(DOCUMENT)
    const protobuf = await readTrace(files.write(Buffer.from(bytes), { name: 'trace.pb' }))
    const json = await readTrace(files.write(JSON.stringify(DOCUMENT, null, 2), { name: 'trace.json' }))
    const gzip = await readTrace(files.write(Buffer.from(bytes), { name: 'trace.binpb.gz', gzip: true }))
    expect(protobuf.format).toBe('otlp-protobuf')
    expect(gzip).toMatchObject({ format: 'otlp-protobuf', gzip: true })
    expect(json.format).toBe('otlp-json')
    expect(content(protobuf.records)).toEqual(content(json.records))
    expect(gzip.records).toEqual(protobuf.records)
    expect(protobuf.records.map((r) => r.line)).toEqual([1, 1, 1])
    expect(protobuf.records.map((r) => r.at?.column)).toEqual([undefined, undefined, undefined])
    expect(protobuf.records[0]!.at?.span).toEqual({ name: 'op-0000000000000003', spanId: '0000000000000003', traceId: TRACE, start: '2023-11-14T22:13:20.000000001Z' })
    expect(protobuf.records.map((r) => r.kind === 'event' && [r.event.type, r.event.key, r.event.timestamp])).toEqual([
      ['retry', 'b', '2023-11-14T22:13:20.000000001Z'],
      ['success', 'a', '2023-11-14T22:13:20.000000002Z'],
      ['retry', 'a', '2023-11-14T22:13:20.123456789Z'],
    ])
    const success = protobuf.records[1]!
    expect(success.kind === 'event' && success.event).toEqual({
      type: 'success',
      key: 'a',
      value: { n: -9223372036854775808n, big: 9007199254740993n },
      context: { attempt: 2, zero: 0, no: false },
      actor: ['', 1.5, Number.NaN, 'AAEC/w==', null],
      timestamp: '2023-11-14T22:13:20.000000002Z',
      traceId: TRACE,
    })
  })

  test('a damaged body is one invalid record at line 1, and the whole spans before it are still events', async () => {
    const bytes = encodeOtlpProtobuf(DOCUMENT)
    const { format, records } = await readTrace(files.write(Buffer.from(bytes.subarray(0, bytes.length - 5)), { name: 'cut.pb' }))
    expect(format).toBe('otlp-protobuf')
    expect(records[0]).toEqual({ kind: 'invalid', line: 1, message: expect.stringMatching(/^OTLP protobuf body is damaged at byte \d+ of \d+: .+; the spans before it are checked/) })
    expect(records.slice(1).map((r) => r.kind === 'event' && r.event.key)).toEqual(['a', 'a'])
  })

  test('is read up to maxDecompressedBytes, past which the cap is reported and the spans before it checked', async () => {
    const bytes = encodeOtlpProtobuf(DOCUMENT)
    const cap = bytes.length - 5
    for (const gzip of [false, true]) {
      const { records } = await readTrace(files.write(Buffer.from(bytes), { name: 'big.pb', gzip }), { maxDecompressedBytes: cap })
      expect(records.filter((r) => r.kind === 'invalid')).toEqual([{ kind: 'invalid', line: 1, message: expect.stringContaining(`${cap} bytes (maxDecompressedBytes)`) }])
      expect(records.filter((r) => r.kind === 'event').map((r) => r.kind === 'event' && r.event.key)).toEqual(['a', 'a'])
    }
  })

  test('a span that breaks the JSON mapping is reported as in JSON', async () => {
    const bad = { resourceSpans: [{ scopeSpans: [{ spans: [span('0000000000000005', '1', 'retry', 'x', [kv('kvonce.event.key', { stringValue: 'y' })])] }] }] }
    const { records } = await readTrace(files.write(Buffer.from(encodeOtlpProtobuf(bad)), { name: 'dup.pb' }))
    const json = await readTrace(files.write(JSON.stringify(bad), { name: 'dup.json' }))
    expect(content(records)).toEqual([
      { kind: 'invalid', message: 'span has the attribute "kvonce.event.key" twice', span: { name: 'op-0000000000000005', spanId: '0000000000000005', traceId: TRACE, start: '1970-01-01T00:00:00.000000001Z' } },
    ])
    expect(content(json.records)).toEqual(content(records))
  })
})
