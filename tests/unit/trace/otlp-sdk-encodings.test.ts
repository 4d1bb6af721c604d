import { SpanKind } from '@opentelemetry/api'
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import type { ReadableSpan } from '@opentelemetry/sdk-trace'
import { afterAll, describe, expect, test } from 'vitest'
import { checkTraceFile } from '../../../src/conformance/check-trace.ts'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import { decodeOtlpTraces } from '../../../src/trace/otlp-protobuf.ts'
import type { TraceRecord } from '../../../src/trace/types.ts'
import { TraceDir, readTrace } from './trace-files.ts'

const files = new TraceDir()
afterAll(() => files.remove())

/** Spans made by the real OpenTelemetry JS SDK, started out of order, with attributes of each SDK value kind. */
async function sdkSpans(): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter()
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'kvonce', 'service.instance.id': 'i-1' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  })
  const tracer = provider.getTracer('kvonce-store', '1.0.0')
  const at = (n: number): [number, number] => [1_700_000_000 + n, 123_456_789]
  const made: [number, Record<string, string | number | boolean | string[] | number[]>][] = [
    [3, { 'kvonce.event.type': 'success', 'kvonce.event.key': 'a', 'kvonce.event.value': 42, 'kvonce.event.actor': ['x', 'y'] }],
    [1, { 'kvonce.event.type': 'retry', 'kvonce.event.key': 'a', 'kvonce.event.reason': 1.5, 'http.method': 'PUT' }],
    [2, { 'kvonce.event.type': 'retry', 'kvonce.event.key': 'a', 'kvonce.event.value': -9007199254740991, 'kvonce.event.ok': false }],
    [2, { 'kvonce.event.type': 'failure', 'kvonce.event.key': 'b', 'kvonce.event.value': [1, 2.5] }],
    [0, { 'http.route': '/kv/:key' }],
  ]
  for (const [n, attributes] of made) tracer.startSpan(`op ${n}`, { kind: SpanKind.SERVER, startTime: at(n), attributes }).end(at(n + 1))
  await provider.forceFlush()
  const spans = exporter.getFinishedSpans()
  await provider.shutdown()
  return spans
}

describe('the real SDK exporters: the same spans as OTLP JSON and as OTLP protobuf', () => {
  test('give identical records, and the protobuf decodes to the ids and times of the JSON', async () => {
    const spans = await sdkSpans()
    const protobuf = ProtobufTraceSerializer.serializeRequest(spans)!
    const json = JsonTraceSerializer.serializeRequest(spans)!
    const fromProtobuf = await readTrace(files.write(Buffer.from(protobuf), { name: 'sdk.binpb' }))
    const fromJson = await readTrace(files.write(Buffer.from(json), { name: 'sdk.json' }))
    expect(fromProtobuf.format).toBe('otlp-protobuf')
    // The JSON exporter sends one document on one line: that is OTLP JSON, not JSON Lines.
    expect(fromJson.format).toBe('otlp-json')
    // All but the column: a binary body has none.
    const withoutColumn = (records: TraceRecord[]): unknown[] => records.map((r) => ({ ...r, at: r.at && { ...r.at, column: undefined } }))
    expect(fromJson.records.every((r) => r.at?.column !== undefined)).toBe(true)
    expect(withoutColumn(fromProtobuf.records)).toEqual(withoutColumn(fromJson.records))
    expect(fromProtobuf.records.map((r) => r.kind === 'event' && [r.event.type, r.event.key])).toEqual([
      ['retry', 'a'],
      ['retry', 'a'],
      ['failure', 'b'],
      ['success', 'a'],
    ])
    const success = fromProtobuf.records[3]!
    expect(success.kind === 'event' && success.event).toEqual({
      type: 'success',
      key: 'a',
      value: 42,
      actor: ['x', 'y'],
      timestamp: '2023-11-14T22:13:23.123456789Z',
      traceId: spans[0]!.spanContext().traceId,
    })
    const decoded = decodeOtlpTraces(protobuf) as { resourceSpans: { scopeSpans: { scope: unknown; spans: Record<string, unknown>[] }[] }[] }
    const parsed = JSON.parse(Buffer.from(json).toString()) as typeof decoded
    const pick = (s: Record<string, unknown>) => [s.traceId, s.spanId, String(s.startTimeUnixNano), s.name, s.kind]
    expect(decoded.resourceSpans[0]!.scopeSpans[0]!.spans.map(pick)).toEqual(parsed.resourceSpans[0]!.scopeSpans[0]!.spans.map(pick))
    expect(decoded.resourceSpans[0]!.scopeSpans[0]!.scope).toEqual({ name: 'kvonce-store', version: '1.0.0' })
  })
})

/** One KvOnce run as a real SDK service would export it, from its own resource. */
async function sdkRun(instance: string, events: Array<Record<string, string | number>>): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter()
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'kvonce', 'service.instance.id': instance }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  })
  const tracer = provider.getTracer('kvonce-store')
  events.forEach((attributes, n) => tracer.startSpan(`op ${n}`, { startTime: [1_700_000_000 + n, 0], attributes }).end([1_700_000_000 + n, 500]))
  await provider.forceFlush()
  const spans = exporter.getFinishedSpans()
  await provider.shutdown()
  return spans
}

const ruleCounts = (result: Awaited<ReturnType<typeof checkTraceFile>>) => Object.fromEntries(result.rules.filter((r) => r.count > 0).map((r) => [r.rule, r.violations.map((v) => v.message)]))

describe('verdicts on what the real SDK exports, in both encodings', () => {
  test('flattened context attributes carry attempt numbers: an out-of-sequence retry fails, an unusable attempt is a finding', async () => {
    // The SDK drops object-valued attributes, so the attempt travels flattened (semantic-conventions style).
    const spans = await sdkRun('i-1', [
      { 'kvonce.event.type': 'retry', 'kvonce.event.key': 'a', 'kvonce.event.context.attempt': 1 },
      { 'kvonce.event.type': 'retry', 'kvonce.event.key': 'a', 'kvonce.event.context.attempt': 3 },
      { 'kvonce.event.type': 'retry', 'kvonce.event.key': 'b', 'kvonce.event.context.attempt': '1' },
    ])
    for (const [name, body] of [['flat.binpb', ProtobufTraceSerializer.serializeRequest(spans)!], ['flat.json', JsonTraceSerializer.serializeRequest(spans)!]] as const) {
      const result = await checkTraceFile(files.write(Buffer.from(body), { name }), kvonce)
      const found = ruleCounts(result)
      expect(Object.keys(found).sort(), name).toEqual(['event-schema', 'retry-attempt-out-of-sequence'])
      expect(found['event-schema']![0], name).toContain('"kvonce.event.context.attempt" is the string "1"')
    }
  })

  test('two runs in one capture: partitionBy keeps their keys apart; without it the second success is a violation', async () => {
    const success = { 'kvonce.event.type': 'success', 'kvonce.event.key': 'a' }
    const [first, second] = [await sdkRun('run-1', [success]), await sdkRun('run-2', [success])]
    // The receiver's file: one OTLP JSON document per line, one line per exported batch.
    const capture = [first, second].map((spans) => Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString()).join('\n') + '\n'
    const file = files.write(capture, { name: 'capture.jsonl' })
    expect(Object.keys(ruleCounts(await checkTraceFile(file, kvonce)))).toEqual(['multiple-success'])
    expect(ruleCounts(await checkTraceFile(file, kvonce, { partitionBy: ['service.instance.id'] }))).toEqual({})
  })
})
