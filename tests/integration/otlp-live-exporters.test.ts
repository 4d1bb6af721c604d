import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { diag, DiagLogLevel } from '@opentelemetry/api'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { failuresFor, keyHashFaults } from '../../samples/kvonce/faults.ts'
import { createKvOnceStore, type KvOnceTraceEvent } from '../../samples/kvonce/store.ts'
import { kvonce } from '../../src/built-in-specs/kvonce/spec.ts'
import { checkTraceFile, type ConformanceResult } from '../../src/conformance/check-trace.ts'
import { startOtlpReceiver, type OtlpBatchReceived, type OtlpRequestRefused } from '../../src/otlp/receiver.ts'
import { decodeOtlpTraces } from '../../src/trace/otlp-protobuf.ts'
import { kvonceSpans, type EventSpan } from './kvonce-spans.ts'
import { runSpecCi } from './run-cli.ts'

// The real OpenTelemetry JS exporters, over real HTTP, into the package's receiver; then the receiver's
// file, checked by the engine and replayed by the built CLI (`pnpm build` first).

const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-live-otlp-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// What the SDK says when an export fails or the receiver's response cannot be read (e.g. "Export
// succeeded but could not deserialize response"): it only logs, so a test must listen.
const sdkComplaints: string[] = []
beforeAll(() => {
  const complain = (...args: unknown[]) => sdkComplaints.push(args.map(String).join(' '))
  diag.setLogger({ error: complain, warn: complain, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN)
})
afterAll(() => diag.disable())
afterEach(() => {
  expect(sdkComplaints.splice(0), 'what the OpenTelemetry SDK logged').toEqual([])
})

type ExporterConfig = NonNullable<ConstructorParameters<typeof JsonExporter>[0]>
// CompressionAlgorithm.GZIP; its package (@opentelemetry/otlp-exporter-base) is not a direct dependency.
const GZIP = 'gzip' as ExporterConfig['compression']

interface Encoding {
  name: string
  encoding: 'json' | 'protobuf'
  gzip: boolean
  processor: 'batch' | 'simple'
  exporter: (url: string) => SpanExporter
}

// concurrencyLimit: over the spans of a run, so a request per span never hits the default of 30, past
// which the exporter drops a span ("Concurrent export limit reached").
const config = (url: string, gzip: boolean): ExporterConfig => ({ url, timeoutMillis: 10_000, concurrencyLimit: 100, ...(gzip ? { compression: GZIP } : {}) })
// JSON: OTLPTraceExporter of @opentelemetry/exporter-trace-otlp-http; protobuf: of exporter-trace-otlp-proto.
// Names stay short: Vitest cuts a longer $name in the title, and the gzip variants must stay apart.
const encodings: Encoding[] = [
  { name: 'JSON', encoding: 'json', gzip: false, processor: 'batch', exporter: (url) => new JsonExporter(config(url, false)) },
  { name: 'JSON + gzip', encoding: 'json', gzip: true, processor: 'batch', exporter: (url) => new JsonExporter(config(url, true)) },
  { name: 'protobuf', encoding: 'protobuf', gzip: false, processor: 'batch', exporter: (url) => new ProtobufExporter(config(url, false)) },
  { name: 'protobuf + gzip', encoding: 'protobuf', gzip: true, processor: 'batch', exporter: (url) => new ProtobufExporter(config(url, true)) },
  // SimpleSpanProcessor: one POST per span, sent concurrently: one line per span, in the order the
  // requests arrived (which is not the order of the events: the reader orders them by start time).
  { name: 'JSON, a request per span', encoding: 'json', gzip: false, processor: 'simple', exporter: (url) => new JsonExporter(config(url, false)) },
  { name: 'protobuf + gzip, a request per span', encoding: 'protobuf', gzip: true, processor: 'simple', exporter: (url) => new ProtobufExporter(config(url, true)) },
]

/** The exporter, with what it reported for each export: 0 (SUCCESS) for every one, or the test fails. */
function recordingResults(exporter: SpanExporter, results: Array<{ code: number; error?: string }>): SpanExporter {
  return {
    export: (spans: ReadableSpan[], done) =>
      exporter.export(spans, (result) => {
        results.push({ code: result.code, ...(result.error ? { error: String(result.error) } : {}) })
        done(result)
      }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  }
}

/**
 * The store's I/O wait: until the clock reaches a new millisecond. The SDK's start times are whole
 * milliseconds (Date.now()), and events of one millisecond are ordered as the file lists them; with one
 * request per span that is the order the requests arrived, which the exporter does not keep. So where
 * spans travel one per request, each write attempt (one event each) gets a millisecond of its own.
 * In one batch they may share one: the batch lists them in the order they ended.
 */
async function nextMillisecond(): Promise<void> {
  const start = Date.now()
  while (Date.now() === start) await new Promise((resolve) => setTimeout(resolve, 1))
}

type Drive = (record: (event: KvOnceTraceEvent) => EventSpan, io: (() => Promise<void>) | undefined) => Promise<void>

interface Capture {
  file: string
  spans: EventSpan[]
  batches: OtlpBatchReceived[]
  refused: OtlpRequestRefused[]
  exports: Array<{ code: number; error?: string }>
}

/**
 * Starts the receiver, runs `drive` against a store instrumented with the real SDK exporting to it,
 * flushes and shuts the SDK down, then closes the receiver: the capture is on disk.
 */
async function capture(name: string, enc: Encoding, drive: Drive): Promise<Capture> {
  const file = path.join(dir, `${name}.otlp.jsonl`)
  const batches: OtlpBatchReceived[] = []
  const refused: OtlpRequestRefused[] = []
  const receiver = await startOtlpReceiver({ outFile: file, port: 0, host: '127.0.0.1', decodeProtobuf: decodeOtlpTraces, onBatch: (b) => batches.push(b), onRefused: (r) => refused.push(r) })
  try {
    const exports: Capture['exports'] = []
    const exporter = recordingResults(enc.exporter(receiver.url), exports)
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'kvonce-store', 'service.instance.id': `${name} (café ☕)` }),
      spanProcessors: [enc.processor === 'batch' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter)],
    })
    const { record, spans } = kvonceSpans(provider.getTracer('kvonce-store', '1.0.0'), { clock: 'precise' })
    await drive(record, enc.processor === 'simple' ? nextMillisecond : undefined)
    await provider.forceFlush()
    await provider.shutdown()
    return { file, spans, batches, refused, exports }
  } finally {
    await receiver.close()
  }
}

/** A valid run: several keys, transient faults that are retried and then succeed, duplicate writes. */
const validRun: Drive = async (record, io) => {
  const store = createKvOnceStore({ onEvent: record, faults: keyHashFaults(2), maxRetries: 3, io })
  // Keys (and a resource) beyond ASCII: a column counts UTF-16 code units, not the bytes on the wire.
  for (const key of ['crème-🔑', 'alpha', 'bravo', 'charlie', 'delta', 'echo']) expect(await store.put(key, `v-${key}`)).toBe('written')
  expect(await store.put('alpha', 'again')).toBe('duplicate')
  expect(await store.put('bravo', 'again')).toBe('duplicate')
  // Concurrent writers of one key: one wins after its retries, the others are duplicates.
  expect((await Promise.all(['w1', 'w2', 'w3'].map((v) => store.put('golf', v)))).sort()).toEqual(['duplicate', 'duplicate', 'written'])
}

interface KnownBug {
  rule: string
  span: EventSpan
}

/**
 * A build of the store with known bugs, in what it reports. Its retry budget (5) is over the spec's
 * (3), and its events are rewritten: alpha's retries are numbered from 0, charlie's third retry loses
 * its attempt number, lima's success claims attempt 1 after a retry, a duplicate write of clé-🔑 is
 * acknowledged as a second success. Each bug is listed with the span it is at. The first key, ключ-🔑,
 * is written correctly: in a batch, the spans after it sit behind multi-byte characters.
 */
const buggyRun = (bugs: KnownBug[]): Drive => async (record, io) => {
  const at = (rule: string, event: KvOnceTraceEvent) => bugs.push({ rule, span: record(event) })
  const onEvent = (event: KvOnceTraceEvent): void => {
    const attempt = event.context?.attempt
    if (event.key === 'alpha' && event.type === 'retry') at('retry-attempt-out-of-sequence', { ...event, context: { attempt: attempt! - 1 } })
    else if (event.key === 'charlie' && event.type === 'retry' && attempt === 3) at('retry-context-missing', { type: 'retry', key: 'charlie' })
    else if (event.key === 'lima' && event.type === 'success') at('success-attempt-mismatch', { ...event, context: { attempt: 1 } })
    else if (event.key === 'clé-🔑' && event.type === 'failure' && event.reason === 'duplicate') at('multiple-success', { type: 'success', key: 'clé-🔑' })
    else if (event.key === 'foxtrot' && event.type === 'retry' && attempt === 4) at('retry-bound-exceeded', event)
    else record(event)
  }
  // The faults the keys hit (transient: the next attempt succeeds), as keyHashFaults(4) gives them.
  const failures = { 'ключ-🔑': 3, alpha: 2, bravo: 2, charlie: 3, delta: 0, echo: 3, foxtrot: 4, lima: 1, 'clé-🔑': 3 }
  for (const [key, n] of Object.entries(failures)) expect(failuresFor(key, 4), key).toBe(n)
  const store = createKvOnceStore({ onEvent, faults: keyHashFaults(4), maxRetries: 5, io })
  for (const key of Object.keys(failures)) expect(await store.put(key, `v-${key}`)).toBe('written')
  expect(await store.put('bravo', 'again')).toBe('duplicate')
  expect(await store.put('delta', 'again')).toBe('duplicate')
  expect(await store.put('clé-🔑', 'again')).toBe('duplicate')
}

/** Violations per failing rule, as comparable data. */
interface Verdict {
  rule: string
  count: number
  violations: Array<{ line: number; column: number | undefined; spanId: string | undefined; spanName: string | undefined; traceId: string | undefined; start: string | undefined; key: string | undefined; message: string }>
}

function engineVerdicts(result: ConformanceResult): Verdict[] {
  return result.rules
    .filter((r) => r.count > 0)
    .map((r) => ({
      rule: r.rule,
      count: r.count,
      violations: r.violations.map((v) => ({ line: v.line, column: v.column, spanId: v.span?.spanId, spanName: v.span?.name, traceId: v.span?.traceId, start: v.span?.start, key: v.key, message: v.message })),
    }))
}

/** What `spec-ci trace validate` printed, read back into the same shape. */
function cliVerdicts(stdout: string, display: string): Verdict[] {
  const verdicts: Verdict[] = []
  const esc = display.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  const heading = new RegExp(`^rule (\\S+): (\\d+) violations? in ${esc}$`)
  const violation = new RegExp(`^\\s+${esc}:(\\d+)(?::(\\d+))?(?: span "([^"]*)" \\(spanId ([0-9a-f]+), traceId ([0-9a-f]+), start ([^)]+)\\))?(?: "([^"]*)")? — (.*)$`)
  for (const line of stdout.split('\n')) {
    const h = heading.exec(line)
    if (h) {
      verdicts.push({ rule: h[1]!, count: Number(h[2]), violations: [] })
      continue
    }
    const v = violation.exec(line)
    if (v) verdicts.at(-1)!.violations.push({ line: Number(v[1]), column: v[2] === undefined ? undefined : Number(v[2]), spanName: v[3], spanId: v[4], traceId: v[5], start: v[6], key: v[7], message: v[8]! })
  }
  return verdicts
}

/**
 * Where a span is in the receiver's file, found without the engine: its line (1-based) holds its
 * `"spanId":"…"` (the only one in the file), and its column is that of the `{` opening the object
 * that holds it, found by a scan that skips strings.
 */
function locate(file: string, spanId: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n')
  const needle = `"spanId":"${spanId}"`
  const holding = lines.flatMap((text, i) => (text.includes(needle) ? [i] : []))
  expect(holding, `lines holding ${needle}`).toHaveLength(1)
  const text = lines[holding[0]!]!
  const at = text.indexOf(needle)
  expect(text.indexOf(needle, at + 1), `${needle} twice in its line`).toBe(-1)
  const open: number[] = []
  let inString = false
  for (let i = 0; i < at; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') open.push(i)
    else if (c === '}') open.pop()
  }
  return { line: holding[0]! + 1, column: open.at(-1)! + 1 }
}

/**
 * The receiver got every span, in batches of this encoding, and refused nothing. Returns the format the
 * file is read as: one batch (one document on one line) is OTLP JSON, more are OTLP JSON Lines.
 */
function expectAllReceived(c: Capture, enc: Encoding): 'otlp-json' | 'otlp-jsonl' {
  expect(c.refused).toEqual([])
  expect(c.exports).toEqual(c.batches.map(() => ({ code: 0 })))
  for (const b of c.batches) expect({ encoding: b.encoding, gzip: b.gzip, rejectedSpans: b.rejectedSpans, services: b.services }).toEqual({ encoding: enc.encoding, gzip: enc.gzip, rejectedSpans: 0, services: ['kvonce-store'] })
  expect(c.batches.reduce((n, b) => n + b.spans, 0)).toBe(c.spans.length)
  const lines = readFileSync(c.file, 'utf8').split('\n').filter((l) => l !== '')
  expect(lines).toHaveLength(c.batches.length)
  if (enc.processor === 'simple') {
    expect(c.batches).toHaveLength(c.spans.length)
    expect(new Set(lines.map((l) => /"startTimeUnixNano":"(\d+)"/.exec(l)![1])).size, 'distinct start times').toBe(c.spans.length)
  }
  return lines.length === 1 ? 'otlp-json' : 'otlp-jsonl'
}

/** Replays the capture with the built CLI; its verdicts must be the engine's. */
async function expectCliAgrees(c: Capture, result: ConformanceResult): Promise<void> {
  const display = path.basename(c.file)
  const reports = path.join(dir, 'reports')
  const cli = await runSpecCi(['trace', 'validate', display, '--out', reports], { cwd: dir })
  expect(cli.stderr).toBe('')
  expect(cli.stdout.split('\n')[0]).toBe(`${display}: ${result.valid ? 'valid' : 'invalid'} (kvonce, ${result.format}, ${result.events} events)`)
  expect(cliVerdicts(cli.stdout, display)).toEqual(engineVerdicts(result))
  expect(cli.code).toBe(result.valid ? 0 : 1)
  const validation = JSON.parse(readFileSync(path.join(reports, `${path.basename(c.file, '.otlp.jsonl')}-validation.json`), 'utf8')) as unknown
  const issues = result.rules.flatMap((r) => r.violations).sort((a, b) => a.line - b.line).map((v) => ({ key: v.key ?? null, type: v.rule, message: v.message, line: v.line }))
  expect(validation).toEqual({ valid: result.valid, issues })
}

describe.each(encodings)('OTLPTraceExporter sending $name: the real SDK into the receiver, then the CLI', (enc) => {
  const slug = enc.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()

  test('a valid run of the store: every span received, no violation of any rule, and the CLI says the same (exit 0)', async () => {
    const c = await capture(`valid-${slug}`, enc, validRun)
    const format = expectAllReceived(c, enc)
    const types = c.spans.map((s) => s.event.type)
    expect(types.filter((t) => t === 'retry').length).toBeGreaterThan(3)
    expect(c.spans.filter((s) => s.event.reason === 'duplicate')).toHaveLength(4)
    const result = await checkTraceFile(c.file, kvonce)
    expect(engineVerdicts(result)).toEqual([])
    expect(result.rules.map((r) => r.count)).toEqual(result.rules.map(() => 0))
    expect(result).toMatchObject({ valid: true, events: c.spans.length, format, gzip: false })
    await expectCliAgrees(c, result)
  })

  test('a run of a store with known bugs: exactly the expected rules fail, each at its span (line and column), and the CLI says the same (exit 1)', async () => {
    const bugs: KnownBug[] = []
    const c = await capture(`buggy-${slug}`, enc, buggyRun(bugs))
    const format = expectAllReceived(c, enc)
    const result = await checkTraceFile(c.file, kvonce)
    expect(result).toMatchObject({ valid: false, events: c.spans.length, format, gzip: false })
    // What the bugs break, in the spec's catalogue order, with the message each violation must carry.
    const firstSuccess = c.spans.find((s) => s.event.key === 'clé-🔑' && s.event.type === 'success')!
    const messages: Record<string, string[]> = {
      'multiple-success': [`second success for key "clé-🔑"; the first was at line ${locate(c.file, firstSuccess.spanId).line}`],
      'retry-bound-exceeded': ['retry 4 for key "foxtrot" exceeds maxRetries 3'],
      'retry-attempt-out-of-sequence': [
        'retry carries attempt 0 but key "alpha" had 0 earlier retries, so attempt 1 was expected',
        'retry carries attempt 1 but key "alpha" had 1 earlier retry, so attempt 2 was expected',
      ],
      'retry-context-missing': ['retry for key "charlie" has no attempt number, but other retries of the key carry one'],
      'success-attempt-mismatch': ['success carries attempt 1 but key "lima" had 1 earlier retry, so attempt 2 was expected'],
    }
    expect(bugs.map((b) => b.rule).sort(), 'the bugs injected').toEqual(Object.entries(messages).flatMap(([rule, texts]) => texts.map(() => rule)).sort())
    // Each violation at its bug's span: line and column found in the file, ids from the SDK; listed by
    // line (a rule's violations are), which with a request per span need not be the order of the events.
    const expected: Verdict[] = Object.entries(messages).map(([rule, texts]) => ({
      rule,
      count: texts.length,
      violations: bugs
        .filter((b) => b.rule === rule)
        .map((b, i) => ({ ...locate(c.file, b.span.spanId), spanId: b.span.spanId, spanName: b.span.name, traceId: b.span.traceId, start: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/) as string, key: b.span.event.key, message: texts[i]! }))
        .sort((x, y) => x.line - y.line || x.column - y.column),
    }))
    expect(engineVerdicts(result)).toEqual(expected)
    await expectCliAgrees(c, result)
  })
})
