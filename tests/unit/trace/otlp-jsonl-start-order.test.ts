import { afterAll, describe, expect, test, vi } from 'vitest'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import { checkRecords, checkTraceFile } from '../../../src/conformance/check-trace.ts'
import { openTrace } from '../../../src/trace/open-trace.ts'
import { OtlpJsonLinesSink } from '../../../src/trace/otlp-records.ts'
import { DEFAULT_MAX_HELD_EVENTS, startOrderRead, TraceOrderError } from '../../../src/trace/start-order.ts'
import type { TraceRecord } from '../../../src/trace/types.ts'
import { TraceDir } from './trace-files.ts'
import { projectionRecord } from '../../../src/spec-model/projection-record.ts'
import type { Projection } from '../../../src/spec-model/types.ts'

const files = new TraceDir()
afterAll(() => files.remove())

const str = (stringValue: string) => ({ stringValue })
const T0 = 1759558869000000000n

/** A KvOnce span starting `t` µs after T0 and lasting 1 µs; `id` names it (its spanId). */
function span(id: string, t: number, type: string, key: string, attempt = 1): Record<string, unknown> {
  const start = T0 + BigInt(t) * 1000n
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: id,
    name: `kvonce.${type}`,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + 1000n),
    attributes: [
      { key: 'kvonce.event.type', value: str(type) },
      { key: 'kvonce.event.key', value: str(key) },
      { key: 'kvonce.event.context.attempt', value: { intValue: String(attempt) } },
      ...(type === 'success' ? [{ key: 'kvonce.event.value', value: str(`v-${key}`) }] : []),
    ],
  }
}

/** One line: `TracesData` of these spans, the resource (`service.instance.id`) before or after them. */
function line(spans: Record<string, unknown>[], instance?: string, resourceLast = false): string {
  const scopeSpans = [{ scope: { name: 'kvonce' }, spans }]
  const resource = instance === undefined ? undefined : { attributes: [{ key: 'service.instance.id', value: str(instance) }] }
  const entry = resource === undefined ? { scopeSpans } : resourceLast ? { scopeSpans, resource } : { resource, scopeSpans }
  return JSON.stringify({ resourceSpans: [entry] })
}

const ids = (records: readonly TraceRecord[]) => records.map((r) => (r.kind === 'event' ? `${r.line}:${r.at?.span.spanId}` : `${r.line}:invalid`))

/** Feeds lines to a sink; with `maxHeld`, streaming (and the records out after each line are noted). */
function feed(lines: string[], options: { maxHeld?: number; partitionBy?: string[] } = {}) {
  const sink = new OtlpJsonLinesSink('kvonce', options.partitionBy)
  if (options.maxHeld !== undefined) sink.streamByStartTime(options.maxHeld)
  const out: TraceRecord[] = []
  const outAfterLine: number[] = []
  lines.forEach((text, i) => {
    sink.line(text, i + 1)
    out.push(...sink.out.splice(0))
    outAfterLine.push(out.length)
  })
  sink.finish()
  out.push(...sink.out.splice(0))
  return { out, outAfterLine }
}

describe('OTLP JSON Lines streamed in start order', () => {
  // Line 2 starts before the end of line 1, line 3 before line 2's last: out of order, but only a little.
  const lines = [
    line([span('a1', 10, 'retry', 'a'), span('b1', 12, 'retry', 'b'), span('a2', 30, 'success', 'a', 2)]),
    line([span('c1', 20, 'retry', 'c'), span('tie-l2', 40, 'retry', 'd'), span('b2', 50, 'success', 'b', 2)]),
    line([span('tie-l3', 40, 'retry', 'e'), span('c2', 45, 'success', 'c', 2), span('tie-l3b', 40, 'retry', 'f')]),
    line([span('d2', 60, 'success', 'd', 2), span('e2', 61, 'success', 'e', 2), span('f2', 62, 'success', 'f', 2)]),
  ]

  test('hands events out as lines are read, in exactly the order of sorting the whole file (ties in document order)', () => {
    const buffered = feed(lines)
    const streamed = feed(lines, { maxHeld: 4 })
    expect(ids(streamed.out)).toEqual(ids(buffered.out))
    expect(streamed.out).toEqual(buffered.out)
    expect(ids(buffered.out)).toEqual(['1:a1', '1:b1', '2:c1', '1:a2', '2:tie-l2', '3:tie-l3', '3:tie-l3b', '3:c2', '2:b2', '4:d2', '4:e2', '4:f2'])
    // Buffered, nothing comes out before the end; streamed, records come out after the second line.
    expect(buffered.outAfterLine).toEqual([0, 0, 0, 0])
    expect(streamed.outAfterLine[1]).toBeGreaterThan(0)
    expect(streamed.outAfterLine.at(-1)).toBeLessThan(12)
  })

  test('an event starting before one handed out already stops the stream with TraceOrderError', () => {
    const late = [...lines, line([span('late', 11, 'retry', 'z')])]
    expect(() => feed(late, { maxHeld: 4 })).toThrow(TraceOrderError)
    // Holding enough, the same file streams.
    expect(feed(late, { maxHeld: 64 }).out).toEqual(feed(late).out)
  })

  test('partitions resolve by the end of the line, the resource written after its spans', () => {
    const partitioned = [
      line([span('p1', 10, 'success', 'a'), span('p2', 20, 'success', 'b')], 'x', true),
      line([span('q1', 15, 'success', 'a'), span('q2', 25, 'success', 'b')], 'y', true),
      line([span('r1', 30, 'success', 'a')]),
    ]
    const streamed = feed(partitioned, { maxHeld: 2, partitionBy: ['service.instance.id'] })
    expect(streamed.outAfterLine[1]).toBeGreaterThan(0)
    expect(streamed.out.map((r) => [r.kind === 'event' && r.at?.span.spanId, r.kind === 'event' && r.partition])).toEqual([
      ['p1', 'service.instance.id=x'],
      ['q1', 'service.instance.id=y'],
      ['p2', 'service.instance.id=x'],
      ['q2', 'service.instance.id=y'],
      ['r1', 'service.instance.id=(none)'],
    ])
    expect(streamed.out).toEqual(feed(partitioned, { partitionBy: ['service.instance.id'] }).out)
  })

  test('keeps the interval on each record', () => {
    const [first] = feed(lines, { maxHeld: 4 }).out
    expect(first).toMatchObject({ kind: 'event', line: 1, interval: { start: T0 + 10_000n, end: T0 + 11_000n } })
  })
})

/** `spans` spans over `keys` keys (round r of key k at r * keys + k µs), `perLine` to a line, in start order. */
function bigTrace(spans: number, keys: number, perLine: number): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = []
  for (let i = 0; i < spans; i++) {
    const round = Math.floor(i / keys)
    const k = i % keys
    // Round 0 retries, round 1 succeeds, round 2 succeeds again for every 7th key (multiple-success).
    const s = round === 0 ? span(`s${i}`, i, 'retry', `k${k}`) : span(`s${i}`, i, 'success', `k${k}`, 2)
    if (round >= 2 && k % 7 !== 0) continue
    if (out.length === 0 || out.at(-1)!.length === perLine) out.push([])
    out.at(-1)!.push(s)
  }
  return out
}

async function checkWatchingReopen(file: string, partitionBy?: string[]) {
  const trace = await openTrace(file, { otlpDomain: 'kvonce', ...(partitionBy ? { partitionBy } : {}) })
  const read = startOrderRead(trace)!
  expect(read).toBeDefined()
  const reopen = vi.spyOn(read, 'reopen')
  const result = plain(await checkRecords(kvonce, trace))
  return { result, reopened: reopen.mock.calls.length }
}

/** A result with its projection as a plain object, to compare results whole. */
const plain = <R extends { projection: Projection }>(result: R) => ({ ...result, projection: projectionRecord(result.projection) })

/** Today's verdict: the file's records read whole and sorted (a plain record stream has no re-read hook). */
async function checkBuffered(file: string, partitionBy?: string[]) {
  const trace = await openTrace(file, { otlpDomain: 'kvonce', ...(partitionBy ? { partitionBy } : {}) })
  return plain(await checkRecords(kvonce, trace.records))
}

describe('checkRecords over OTLP JSON Lines', () => {
  const spans = 2 * DEFAULT_MAX_HELD_EVENTS + 1000
  const keys = Math.floor(spans / 3)

  test('a file in start order is checked in one streaming read, with the verdict of sorting it whole', async () => {
    const file = files.write(`${bigTrace(spans, keys, 512).map((l) => line(l)).join('\n')}\n`, { name: 'ordered.otlp.jsonl' })
    const { result, reopened } = await checkWatchingReopen(file)
    expect(reopened).toBe(0)
    expect(result).toEqual(await checkBuffered(file))
    expect(result.rules.find((r) => r.rule === 'multiple-success')!.count).toBeGreaterThan(0)
  })

  test('a key out of order across lines, beyond the window, is read again sorted: exactly the buffered verdict', async () => {
    const trace = bigTrace(spans, keys, 512)
    // The first line (retries of the first keys, earliest starts) written last.
    const shuffled = [...trace.slice(1), trace[0]!]
    const file = files.write(`${shuffled.map((l) => line(l)).join('\n')}\n`, { name: 'late-line.otlp.jsonl' })
    const { result, reopened } = await checkWatchingReopen(file)
    expect(reopened).toBe(1)
    const buffered = await checkBuffered(file)
    expect(result).toEqual(buffered)
    expect(result.valid).toBe(false)
    expect(plain(await checkTraceFile(file, kvonce))).toEqual({ ...buffered, format: 'otlp-jsonl', gzip: false })
  })

  test('partitions (resource after its spans) and malformed lines give the buffered verdict too', async () => {
    const trace = bigTrace(spans, keys, 512)
    const text = trace.map((l, i) => line(l, `i${i % 2}`, true))
    text.splice(3, 0, '{"resourceSpans": [', '[1]')
    const file = files.write(`${text.join('\n')}\n`, { name: 'partitioned.otlp.jsonl' })
    const { result, reopened } = await checkWatchingReopen(file, ['service.instance.id'])
    expect(reopened).toBe(0)
    expect(result).toEqual(await checkBuffered(file, ['service.instance.id']))
    expect(result.rules.find((r) => r.rule === 'event-schema')!.count).toBe(2)
  })
})

describe('lines longer than a read of the file', () => {
  test('batches of hundreds of KB, each spanning several 128 KiB reads, give every event and the violation at its span', async () => {
    // Three batches of 1500 spans (~0.7 MB each, multi-byte keys so reads split UTF-8 sequences); the
    // last batch repeats the success of a key of the first, at a known span.
    const batch = (b: number, extra: Record<string, unknown>[] = []) =>
      line([...Array.from({ length: 1500 }, (_, i) => span(`s${b}-${i}`, b * 10_000 + i, 'success', `clé-${b}-${i}`)), ...extra])
    const text = [batch(0), batch(1), batch(2, [span('dup', 30_000, 'success', 'clé-0-7')])].join('\n') + '\n'
    expect(Buffer.byteLength(text.split('\n')[2]!)).toBeGreaterThan(3 * 128 * 1024)
    const result = await checkTraceFile(files.write(text, { name: 'long-lines.otlp.jsonl' }), kvonce)
    expect(result.events).toBe(4501)
    const violations = result.rules.flatMap((r) => r.violations)
    const third = text.split('\n')[2]!
    expect(violations).toMatchObject([
      { rule: 'multiple-success', line: 3, column: third.indexOf('{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"dup"') + 1, key: 'clé-0-7', span: { spanId: 'dup' } },
    ])
  })
})
