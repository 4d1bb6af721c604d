import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Tracer } from '@opentelemetry/api'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node'
import { afterAll, describe, expect, test } from 'vitest'
import { keyHashFaults } from '../../samples/kvonce/faults.ts'
import { createKvOnceStore } from '../../samples/kvonce/store.ts'
import { kvonce } from '../../src/built-in-specs/kvonce/spec.ts'
import { checkTraceFile } from '../../src/conformance/check-trace.ts'
import { kvonceSpans } from './kvonce-spans.ts'

// Spans of concurrent KvOnce writers from the real OpenTelemetry SDK (issue 14): whole milliseconds,
// many spans per millisecond, exported in whatever order. A correct store gets no violation; a store
// that lets two writers both succeed fails multiple-success at the second success.

const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-concurrent-spans-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `drive` with a tracer of the real SDK; the finished spans, in export order. */
async function withSdk(drive: (tracer: Tracer) => Promise<void>): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter()
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'kvonce-store' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  await drive(provider.getTracer('kvonce-store', '1.0.0'))
  await provider.forceFlush()
  const spans = exporter.getFinishedSpans()
  await provider.shutdown()
  return spans
}

function otlpFile(name: string, spans: readonly ReadableSpan[]): string {
  const file = path.join(dir, `${name}.otlp.json`)
  writeFileSync(file, Buffer.from(JsonTraceSerializer.serializeRequest([...spans])!))
  return file
}

const startMs = (span: ReadableSpan): number => span.startTime[0] * 1000 + Math.floor(span.startTime[1] / 1e6)

const KEYS = Array.from({ length: 16 }, (_, i) => `key-${i}`)
const WRITERS = ['w1', 'w2', 'w3']

/**
 * A write as one span from call to completion (the event's attributes set when it completes). `atomic`:
 * the store checks and sets the key in one step (correct); otherwise it reads, waits for I/O, then
 * writes, so two writers can both see the key empty and both succeed.
 */
function operationStore(tracer: Tracer, atomic: boolean) {
  const values = new Map<string, string>()
  return async (key: string, value: string, delayMs: number): Promise<void> => {
    const span = tracer.startSpan(`PUT /kv/${key}`)
    let won: boolean
    if (atomic) {
      won = !values.has(key)
      if (won) values.set(key, value)
      await new Promise((r) => setTimeout(r, delayMs))
    } else {
      const empty = !values.has(key)
      await new Promise((r) => setTimeout(r, delayMs))
      won = empty
      if (won) values.set(key, value)
    }
    span.setAttributes(won ? { 'kvonce.event.type': 'success', 'kvonce.event.key': key, 'kvonce.event.value': value } : { 'kvonce.event.type': 'failure', 'kvonce.event.key': key, 'kvonce.event.reason': 'duplicate' })
    span.end()
  }
}

describe('real SDK spans of concurrent writers', () => {
  test('the sample store (one span per event, retries): many spans per millisecond, exported in reverse, no violation', async () => {
    const spans = await withSdk(async (tracer) => {
      const { record } = kvonceSpans(tracer)
      const store = createKvOnceStore({ onEvent: record, faults: keyHashFaults(2), maxRetries: 3 })
      await Promise.all(KEYS.flatMap((key) => WRITERS.map((w) => store.put(key, `${w}-${key}`))))
    })
    // Whole milliseconds: far fewer distinct start times than spans, so start order alone cannot order them.
    expect(new Set(spans.map(startMs)).size).toBeLessThan(spans.length / 4)
    const result = await checkTraceFile(otlpFile('sample-store', [...spans].reverse()), kvonce)
    expect(result.rules.filter((r) => r.count > 0).map((r) => [r.rule, r.violations.map((v) => v.message)])).toEqual([])
    expect(result.valid).toBe(true)
    expect(result.events).toBe(spans.length)
  })

  test('racing writers with a span per write (the loser may start first): a correct store passes', async () => {
    const spans = await withSdk(async (tracer) => {
      const put = operationStore(tracer, true)
      // The writers start in order but finish in reverse: the winner's span is not the last to end.
      await Promise.all(KEYS.flatMap((key) => WRITERS.map((w, i) => put(key, w, 3 * (WRITERS.length - i)))))
    })
    const result = await checkTraceFile(otlpFile('atomic-store', spans), kvonce)
    expect(result.rules.filter((r) => r.count > 0).map((r) => r.rule)).toEqual([])
    expect(result.valid).toBe(true)
  })

  test('a store that lets two writers both succeed fails multiple-success at a second success, naming the concurrent spans', async () => {
    const spans = await withSdk(async (tracer) => {
      const put = operationStore(tracer, false)
      await Promise.all(['w1', 'w2'].map((w, i) => put('racy', w, 5 + i)))
    })
    const result = await checkTraceFile(otlpFile('racy-store', spans), kvonce)
    expect(result.rules.filter((r) => r.count > 0).map((r) => r.rule)).toEqual(['multiple-success'])
    const [v] = result.rules.find((r) => r.rule === 'multiple-success')!.violations
    const successes = spans.filter((s) => s.attributes['kvonce.event.type'] === 'success')
    expect(successes).toHaveLength(2)
    expect(successes.map((s) => s.spanContext().spanId)).toContain(v!.span!.spanId)
    expect(v!.message).toContain('overlap in time, and no order of them that real time allows fits the spec')
    expect(v!.concurrency).toMatchObject({ verdict: 'violation', events: [{ type: 'success' }, { type: 'success' }], longestOrder: [{ type: 'success' }] })
  })
})
