import { readFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Summary } from '../../src/report/summary-types.ts'
import type { ConformanceSection } from '../../src/report/sections/conformance.ts'
import { hashTree, hostileProject, type HostileProject } from './hostile-run.ts'
import { expectValidSummary, readReportDir, tempDir } from './reporter-helpers.ts'
import { repoRoot, runNode, runSpecCi, type CliResult } from './run-cli.ts'
import { fixturesDir } from './run-fixture.ts'

/**
 * Live capture (`conformance.live`) end to end: real `vitest run`s of tests/fixtures/live-capture against
 * the built dist/, whose KvOnce provider (and BDD hooks, and property factory) export spans with the real
 * OpenTelemetry Node SDK (NodeTracerProvider, BatchSpanProcessor, OTLP/HTTP JSON or protobuf exporter) to
 * the receiver the plugin starts; the capture is then checked as a trace. The fixture's behaviour is chosen
 * by the environment each run gets (see the fixture's vitest.config.ts and provider/start.ts). What is
 * asserted is what a user sees: test names and states, failure messages and their locations, the verbose
 * reporter's annotation, summary.json, the capture file, and `spec-ci trace validate` replaying it.
 *
 * The runs are independent (each its own report directory) and run a few at a time, started in beforeAll.
 */

const FIXTURE = 'live-capture'
const fixtureDir = path.join(fixturesDir, FIXTURE)
const vitestBin = path.join(repoRoot, 'node_modules/vitest/vitest.mjs')
const RUN_TIMEOUT_MS = 45_000
const CONCURRENT_RUNS = 3
const RULES = ['event-schema', 'multiple-success', 'duplicate-without-success', 'retry-bound-exceeded', 'retry-attempt-out-of-sequence', 'retry-context-missing', 'success-attempt-mismatch']
const CAPTURE_TESTS = ['spans were captured', ...RULES.map((r) => `rule ${r}`)]

/** The outer environment must not choose anything: the outer run may itself be a live capture's driver. */
const CLEAN_ENV: Record<string, undefined> = {
  OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
  OTEL_EXPORTER_OTLP_PROTOCOL: undefined,
  OTEL_EXPORTER_OTLP_COMPRESSION: undefined,
  SPEC_CI_OTLP_ENDPOINT: undefined,
  LIVE_PROVIDER: undefined,
  LIVE_BUGS: undefined,
  LIVE_CLOSE_DELAY_MS: undefined,
  LIVE_PARTITION_BY: undefined,
  LIVE_MAX_BODY_BYTES: undefined,
  LIVE_PORT: undefined,
}

interface ReportedTest {
  /** Test file relative to the project root. */
  file: string
  title: string
  state: string
  messages: string[]
}

interface LiveRun extends CliResult {
  root: string
  reportDir: string
  /** The capture file, absolute, and as Vitest shows it (relative to the project root). */
  captureFile: string
  display: string
  /** The capture's text, when the run wrote one. */
  capture: string | undefined
  summary: (Summary & { conformance?: ConformanceSection }) | undefined
  reportFiles: Record<string, string>
  tests: ReportedTest[]
  /** What Vitest printed (verbose reporter: every test, with annotations). */
  printed: string
  test(file: string, title: string): ReportedTest
  /** Titles of the failed tests, `file > title`. */
  failed(): string[]
}

/**
 * One `vitest run` as a child process (the shared runNode helper, bounded by RUN_TIMEOUT_MS), with the
 * report directory `SPEC_CI_REPORT_DIR` of its own and Vitest's JSON report next to the verbose output.
 */
async function liveRun(
  label: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  { root = fixtureDir, reportDir = path.join(root, 'hermetic-reports', label), fresh = true }: { root?: string; reportDir?: string; fresh?: boolean } = {},
): Promise<LiveRun> {
  if (fresh) rmSync(reportDir, { recursive: true, force: true })
  const jsonFile = path.join(tempDir(`live-${label}`), 'vitest.json')
  const result = await runNode([vitestBin, 'run', '--reporter=verbose', '--reporter=json', `--outputFile.json=${jsonFile}`, ...args], {
    cwd: root,
    env: { ...CLEAN_ENV, SPEC_CI_REPORT_DIR: reportDir, ...env },
    timeoutMs: RUN_TIMEOUT_MS,
  })
  const captureFile = path.join(reportDir, 'live/kvonce.otlp.jsonl')
  const summaryFile = path.join(reportDir, 'spec-ci/summary.json')
  const summary = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as LiveRun['summary']) : undefined
  if (summary) expectValidSummary(summary)
  const json = existsSync(jsonFile)
    ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as { testResults: Array<{ name: string; assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }> })
    : { testResults: [] }
  const tests = json.testResults.flatMap((f) =>
    f.assertionResults.map((a) => ({ file: path.relative(root, f.name).split(path.sep).join('/'), title: a.title, state: a.status, messages: a.failureMessages })),
  )
  const display = path.relative(root, captureFile).split(path.sep).join('/')
  return {
    ...result,
    root,
    reportDir,
    captureFile,
    display,
    capture: existsSync(captureFile) && lstatSync(captureFile).isFile() ? readFileSync(captureFile, 'utf8') : undefined,
    summary,
    reportFiles: existsSync(reportDir) ? readReportDir(reportDir) : {},
    tests,
    printed: `${result.stdout}\n${result.stderr}`,
    test(file, title) {
      const found = tests.find((t) => t.file === file && t.title === title)
      if (!found) throw new Error(`no test "${title}" in ${file}; have:\n${tests.map((t) => `${t.file} > ${t.title} (${t.state})`).join('\n')}\n${result.stdout}\n${result.stderr}`)
      return found
    },
    failed: () => tests.filter((t) => t.state === 'failed').map((t) => `${t.file} > ${t.title}`),
  }
}

/** Runs `jobs` at most `n` at a time; each job's promise is returned at once (rejections stay with it). */
function limited(n: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: Array<() => void> = []
  return async (job) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve))
    active++
    try {
      return await job()
    } finally {
      active--
      waiting.shift()?.()
    }
  }
}

// ---- the capture, read independently of the package's own reader -------------------------------------

interface CapturedSpan {
  /** 1-based line of its batch in the capture, and 1-based column of the span's `{` in that line. */
  line: number
  column: number
  name: string
  spanId: string
  traceId: string
  start: bigint
  end: bigint
  service: string
  instance: string
  attributes: Record<string, string | number>
}

/** Column (1-based) of the `{` opening the object that holds `"spanId":"<id>"`, by a scan of the line's JSON text. */
function spanColumn(text: string, spanId: string): number {
  const needle = `"spanId":${JSON.stringify(spanId)}`
  const open: number[] = []
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') {
      if (text.startsWith(needle, i)) return open[open.length - 1]! + 1
      inString = true
    } else if (ch === '{') open.push(i)
    else if (ch === '}') open.pop()
  }
  throw new Error(`span ${spanId} is not in the line`)
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number }
const anyValue = (v: AnyValue): string | number => (v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.doubleValue ?? String(v.boolValue))))

function capturedSpans(capture: string): CapturedSpan[] {
  const lines = capture.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines.flatMap((text, index) => {
    const batch = JSON.parse(text) as {
      resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: AnyValue }> }; scopeSpans: Array<{ spans: Array<{ name: string; spanId: string; traceId: string; startTimeUnixNano: string; endTimeUnixNano: string; attributes?: Array<{ key: string; value: AnyValue }> }> }> }>
    }
    return batch.resourceSpans.flatMap((rs) => {
      const resource = Object.fromEntries(rs.resource.attributes.map((a) => [a.key, anyValue(a.value)]))
      return rs.scopeSpans.flatMap((ss) =>
        ss.spans.map((s) => ({
          line: index + 1,
          column: spanColumn(text, s.spanId),
          name: s.name,
          spanId: s.spanId,
          traceId: s.traceId,
          start: BigInt(s.startTimeUnixNano),
          end: BigInt(s.endTimeUnixNano),
          service: String(resource['service.name']),
          instance: String(resource['service.instance.id']),
          attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, anyValue(a.value)])),
        })),
      )
    })
  })
}

const batchCount = (capture: string): number => capture.split('\n').filter((l) => l !== '').length

/** `startTimeUnixNano` as the package prints it: ISO 8601 with all nine digits. */
function isoNanos(nanos: bigint): string {
  const seconds = new Date(Number(nanos / 1_000_000_000n) * 1000).toISOString().replace(/\.\d{3}Z$/, '')
  return `${seconds}.${(nanos % 1_000_000_000n).toString().padStart(9, '0')}Z`
}

/** Spans in trace order (start time, ties in capture order), as the spec reads them. */
const inTraceOrder = (spans: CapturedSpan[]): CapturedSpan[] => [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))

const isEvent = (s: CapturedSpan, type: string, key: string): boolean => s.attributes['kvonce.event.type'] === type && s.attributes['kvonce.event.key'] === key

/** The frame `file:line:column` of a failure, from Vitest's JSON report (the error's first stack frame). */
function failureFrame(test: ReportedTest): { file: string; line: number; column: number } {
  const frame = /\n\s+at .*\((.*):(\d+):(\d+)\)/.exec(test.messages[0] ?? '')
  if (!frame) throw new Error(`no frame in ${test.messages[0]}`)
  return { file: frame[1]!, line: Number(frame[2]), column: Number(frame[3]) }
}

const spanRef = (s: CapturedSpan) => ({ name: s.name, spanId: s.spanId, traceId: s.traceId, start: isoNanos(s.start) })
const spanText = (display: string, s: CapturedSpan) => `${display}:${s.line}:${s.column} span "${s.name}" (spanId ${s.spanId}, traceId ${s.traceId}, start ${isoNanos(s.start)})`

// ---- the runs ------------------------------------------------------------------------------------------

const CONTRACT_AND_CONFORMANCE = ['--project', 'contract', '--project', 'conformance']
let runs: Record<string, Promise<LiveRun>>
const hostile: HostileProject[] = []
let busyPort: Server

beforeAll(async () => {
  busyPort = createServer()
  await new Promise<void>((resolve) => busyPort.listen(0, '127.0.0.1', resolve))
  const port = (busyPort.address() as { port: number }).port
  const slot = limited(CONCURRENT_RUNS)
  const run = (label: string, args: string[], env: Record<string, string> = {}) => slot(() => liveRun(label, args, env))
  runs = {
    // Every spec project drives the service: contracts (two files, a fresh provider each), a BDD feature, a property file.
    json: run('json', [], { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }),
    // The provider's service runs in a child process, which finds the endpoint only in its inherited environment.
    child: run('child', CONTRACT_AND_CONFORMANCE, { LIVE_PROVIDER: 'child' }),
    // Protobuf, gzip, and the spans leave only at the very end of each contract file (1.5 s after its last test).
    gzip: run('gzip', CONTRACT_AND_CONFORMANCE, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip', LIVE_CLOSE_DELAY_MS: '1500' }),
    buggy: run('buggy', CONTRACT_AND_CONFORMANCE, { LIVE_BUGS: 'double-success,attempt-skip' }),
    unpartitioned: run('unpartitioned', CONTRACT_AND_CONFORMANCE, { LIVE_PARTITION_BY: '' }),
    uninstrumented: run('uninstrumented', CONTRACT_AND_CONFORMANCE, { LIVE_PROVIDER: 'none' }),
    unflushed: run('unflushed', CONTRACT_AND_CONFORMANCE, { LIVE_PROVIDER: 'unflushed' }),
    tooLarge: run('too-large', CONTRACT_AND_CONFORMANCE, { LIVE_MAX_BODY_BYTES: '100' }),
    // Between the two providers' JSON batches: the smaller one is taken, the larger refused.
    partlyRefused: run('partly-refused', CONTRACT_AND_CONFORMANCE, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', LIVE_MAX_BODY_BYTES: '2000' }),
    portInUse: run('port-in-use', CONTRACT_AND_CONFORMANCE, { LIVE_PORT: String(port) }),
  }
  // Rejections are looked at by the tests that await them.
  for (const p of Object.values(runs)) p.catch(() => {})
  return async () => {
    await Promise.allSettled(Object.values(runs))
    busyPort.close()
    while (hostile.length) hostile.pop()!.remove()
  }
})

describe('a valid run: every spec project drives the instrumented service, every test passes', () => {
  test('JSON exporter: the capture test and the seven rule tests pass; the annotation gives the span and batch counts', async () => {
    const r = await runs.json!
    expect(r.code, r.printed).toBe(0)
    expect(r.failed()).toEqual([])
    expect(r.tests.filter((t) => t.file === r.display).map((t) => [t.title, t.state])).toEqual(CAPTURE_TESTS.map((t) => [t, 'passed']))
    for (const file of ['contracts/first.contract.json', 'contracts/second.contract.json', 'features/live.feature', 'properties/live.property.ts'])
      expect(r.tests.filter((t) => t.file === file).length, file).toBeGreaterThan(0)
    const spans = capturedSpans(r.capture!)
    expect(r.printed).toContain(`✓ |conformance| ${r.display}:1:1 > kvonce.otlp.jsonl > spans were captured`)
    expect(r.printed).toContain(
      `↳ ${spans.length} spans in ${batchCount(r.capture!)} batches from kvonce-bdd, kvonce-property, kvonce-service, captured while contract, generate, property ran`,
    )
    expect(r.summary).toMatchObject({ status: 'passed', totals: { failed: 0 } })
    expect(r.summary!.conformance!.traces).toEqual([expect.objectContaining({ file: r.display, format: 'otlp-jsonl', valid: true, issues: [], events: spans.filter((s) => s.name.startsWith('kvonce.')).length })])
    expect(r.summary!.conformance!.traces[0]!.capture).toEqual({ spans: spans.length, batches: batchCount(r.capture!), services: ['kvonce-bdd', 'kvonce-property', 'kvonce-service'], refused: 0, complete: true })
  })

  test('the contract files, the BDD scenario and the property factory each exported their spans (the real SDK)', async () => {
    const spans = capturedSpans((await runs.json!).capture!)
    const service = spans.filter((s) => s.service === 'kvonce-service')
    // Two contract files, a fresh provider each: two instances.
    const [first, second] = [...new Set(service.map((s) => s.instance))].map((id) => service.filter((s) => s.instance === id)).sort((a, b) => b.length - a.length)
    expect(first!.map((s) => [s.name, s.attributes])).toEqual([
      ['kvonce.success', { 'kvonce.event.type': 'success', 'kvonce.event.key': 'alpha', 'kvonce.event.value': 'one', 'kvonce.event.context.attempt': 1 }],
      ['kvonce.failure', { 'kvonce.event.type': 'failure', 'kvonce.event.key': 'alpha', 'kvonce.event.reason': 'duplicate' }],
      ['kvonce.retry', { 'kvonce.event.type': 'retry', 'kvonce.event.key': 'beta', 'kvonce.event.context.attempt': 1 }],
      ['kvonce.retry', { 'kvonce.event.type': 'retry', 'kvonce.event.key': 'beta', 'kvonce.event.context.attempt': 2 }],
      ['kvonce.success', { 'kvonce.event.type': 'success', 'kvonce.event.key': 'beta', 'kvonce.event.value': 'b', 'kvonce.event.context.attempt': 3 }],
    ])
    expect(second!.map((s) => [s.name, s.attributes['kvonce.event.key'], s.attributes['kvonce.event.value']])).toEqual([['kvonce.success', 'alpha', 'two']])
    // The BDD Before hook got scenario.otlp.
    const bdd = spans.filter((s) => s.service === 'kvonce-bdd')
    expect(bdd.map((s) => [s.name, s.attributes['kvonce.event.key']])).toEqual([
      ['kvonce.success', 'gamma'],
      ['kvonce.failure', 'gamma'],
      ['kvonce.success', 'delta'],
      ['kvonce.failure', 'delta'],
    ])
    // The race is real in the capture: the loser's span (the duplicate) starts before the winner's and
    // ends after the winner's starts, so start order alone would fail duplicate-without-success; the
    // capture passed every rule (test above), decided over the orders real time allows.
    const [winner, loser] = bdd.slice(2)
    expect(loser!.start).toBeLessThan(winner!.start)
    expect(loser!.end).toBeGreaterThan(winner!.start)
    // The property implementation factory got context.otlp: the traces endpoint it was given is the receiver's.
    const property = spans.filter((s) => s.service === 'kvonce-property')
    expect(property.map((s) => s.name)).toEqual(['property implementation'])
    expect(property[0]!.attributes['fixture.traces.endpoint']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/traces$/)
  })

  test('protobuf from a child process the provider spawns: the env reaches it, its spans are captured', async () => {
    const r = await runs.child!
    expect(r.code, r.printed).toBe(0)
    expect(r.failed()).toEqual([])
    const spans = capturedSpans(r.capture!)
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['kvonce-child']))
    expect(spans.map((s) => `${s.name} ${s.attributes['kvonce.event.key']}`).sort()).toEqual(['kvonce.failure alpha', 'kvonce.success alpha', 'kvonce.success alpha', 'kvonce.success beta'])
    expect(r.printed).toContain(`↳ ${spans.length} spans in ${batchCount(r.capture!)} batches from kvonce-child, captured while contract ran`)
  })

  test('protobuf with gzip, exported only as each contract file ends: all captured, every test passes', async () => {
    const r = await runs.gzip!
    expect(r.code, r.printed).toBe(0)
    expect(r.failed()).toEqual([])
    expect(r.tests.filter((t) => t.file === r.display).map((t) => t.state)).toEqual(CAPTURE_TESTS.map(() => 'passed'))
    // Spans flushed 1.5 s after the last contract test are in: the capture was closed after the contract project ended.
    const spans = capturedSpans(r.capture!)
    expect(spans).toHaveLength(6)
    expect(r.printed).toContain(`↳ 6 spans in ${batchCount(r.capture!)} batches from kvonce-service, captured while contract ran`)
  })
})

describe('a store with known bugs: exactly the broken rules fail, at the violating span', () => {
  test('multiple-success and retry-attempt-out-of-sequence fail; every other test (contracts too) passes', async () => {
    const r = await runs.buggy!
    expect(r.code).toBe(1)
    expect(r.failed()).toEqual([`${r.display} > rule multiple-success`, `${r.display} > rule retry-attempt-out-of-sequence`])
    expect(r.test(r.display, 'spans were captured').state).toBe('passed')
  })

  test('each error is located at its span: the line of its batch and the column of its `{` in the capture file', async () => {
    const r = await runs.buggy!
    const spans = capturedSpans(r.capture!)
    const buggyInstance = spans.find((s) => isEvent(s, 'retry', 'beta'))!.instance
    const alphaSuccesses = inTraceOrder(spans.filter((s) => s.instance === buggyInstance && isEvent(s, 'success', 'alpha')))
    expect(alphaSuccesses).toHaveLength(2)
    const [firstSuccess, secondSuccess] = alphaSuccesses as [CapturedSpan, CapturedSpan]
    const skipped = spans.find((s) => isEvent(s, 'retry', 'beta') && s.attributes['kvonce.event.context.attempt'] === 3)!
    const partition = `(partition service.instance.id=${buggyInstance})`

    const multiple = r.test(r.display, 'rule multiple-success')
    expect(multiple.messages[0]).toContain(`RuleViolation: rule multiple-success: 1 violation in ${r.display}`)
    expect(multiple.messages[0]).toContain(`${spanText(r.display, secondSuccess)} "alpha" — second success for key "alpha"; the first was at line ${firstSuccess.line} ${partition}`)
    expect(failureFrame(multiple)).toEqual({ file: r.captureFile, line: secondSuccess.line, column: secondSuccess.column })
    expect(r.printed).toContain(`❯ rule multiple-success ${r.display}:${secondSuccess.line}:${secondSuccess.column}`)

    const sequence = r.test(r.display, 'rule retry-attempt-out-of-sequence')
    expect(sequence.messages[0]).toContain(`${spanText(r.display, skipped)} "beta" — retry carries attempt 3 but key "beta" had 1 earlier retry, so attempt 2 was expected ${partition}`)
    expect(failureFrame(sequence)).toEqual({ file: r.captureFile, line: skipped.line, column: skipped.column })
    expect(r.printed).toContain(`❯ rule retry-attempt-out-of-sequence ${r.display}:${skipped.line}:${skipped.column}`)

    // The columns are real offsets into a batch line, not the start of the line.
    expect(secondSuccess.column).toBeGreaterThan(1)
    expect(skipped.column).toBeGreaterThan(1)
  })

  test('summary.json lists both violations with line, column and span', async () => {
    const r = await runs.buggy!
    const spans = capturedSpans(r.capture!)
    const buggyInstance = spans.find((s) => isEvent(s, 'retry', 'beta'))!.instance
    const [firstSuccess, secondSuccess] = inTraceOrder(spans.filter((s) => s.instance === buggyInstance && isEvent(s, 'success', 'alpha'))) as [CapturedSpan, CapturedSpan]
    const skipped = spans.find((s) => isEvent(s, 'retry', 'beta') && s.attributes['kvonce.event.context.attempt'] === 3)!
    expect(r.summary!.status).toBe('failed')
    const [trace] = r.summary!.conformance!.traces
    expect(trace).toMatchObject({ file: r.display, valid: false })
    expect(trace!.issues).toEqual([
      {
        rule: 'multiple-success',
        line: secondSuccess.line,
        column: secondSuccess.column,
        key: 'alpha',
        message: `second success for key "alpha"; the first was at line ${firstSuccess.line} (partition service.instance.id=${buggyInstance})`,
        severity: 'error',
        span: spanRef(secondSuccess),
      },
      {
        rule: 'retry-attempt-out-of-sequence',
        line: skipped.line,
        column: skipped.column,
        key: 'beta',
        message: `retry carries attempt 3 but key "beta" had 1 earlier retry, so attempt 2 was expected (partition service.instance.id=${buggyInstance})`,
        severity: 'error',
        span: spanRef(skipped),
      },
    ])
  })

  test('spec-ci trace validate --partition-by service.instance.id replays the capture to the same verdicts', async () => {
    const r = await runs.buggy!
    const replay = await runSpecCi(['trace', 'validate', r.display, '--partition-by', 'service.instance.id', '--out', tempDir('live-replay')], { cwd: r.root })
    expect(replay.code).toBe(1)
    const violationLines = (text: string) => text.split('\n').filter((l) => /^\s+\S+:\d+:\d+ span /.test(l)).map((l) => l.trim())
    const inVitest = [...r.test(r.display, 'rule multiple-success').messages, ...r.test(r.display, 'rule retry-attempt-out-of-sequence').messages].flatMap(violationLines)
    expect(inVitest).toHaveLength(2)
    expect(violationLines(replay.stdout)).toEqual(inVitest)
    expect(replay.stdout).toContain(`rule multiple-success: 1 violation in ${r.display}`)
    expect(replay.stdout).toContain(`rule retry-attempt-out-of-sequence: 1 violation in ${r.display}`)
  })
})

describe('partitioning: two contract files, a fresh provider each, both write "alpha"', () => {
  test('by default (partitionBy service.instance.id) they are apart: multiple-success passes', async () => {
    const r = await runs.json!
    const alpha = capturedSpans(r.capture!).filter((s) => isEvent(s, 'success', 'alpha'))
    expect(new Set(alpha.map((s) => s.instance)).size).toBe(2)
    expect(r.test(r.display, 'rule multiple-success').state).toBe('passed')
  })

  test('with partitionBy: [] the later success is a multiple-success violation, at its span', async () => {
    const r = await runs.unpartitioned!
    expect(r.code).toBe(1)
    expect(r.failed()).toEqual([`${r.display} > rule multiple-success`])
    const [first, second] = inTraceOrder(capturedSpans(r.capture!).filter((s) => isEvent(s, 'success', 'alpha'))) as [CapturedSpan, CapturedSpan]
    expect(first.instance).not.toBe(second.instance)
    const c = r.test(r.display, 'rule multiple-success')
    expect(c.messages[0]).toContain(`${spanText(r.display, second)} "alpha" — second success for key "alpha"; the first was at line ${first.line}\n`)
    expect(c.messages[0]).not.toContain('(partition')
    expect(failureFrame(c)).toEqual({ file: r.captureFile, line: second.line, column: second.column })
  })

  test('spec-ci trace validate without --partition-by says the same of the valid run’s capture', async () => {
    const r = await runs.json!
    const replay = await runSpecCi(['trace', 'validate', r.display, '--out', tempDir('live-replay-merged')], { cwd: r.root })
    expect(replay.code).toBe(1)
    const [first, second] = inTraceOrder(capturedSpans(r.capture!).filter((s) => isEvent(s, 'success', 'alpha'))) as [CapturedSpan, CapturedSpan]
    expect(replay.stdout).toContain(`rule multiple-success: 1 violation in ${r.display}`)
    expect(replay.stdout).toContain(`${spanText(r.display, second)} "alpha" — second success for key "alpha"; the first was at line ${first.line}\n`)
  })
})

describe('a capture that cannot be trusted fails its own test', () => {
  test('an uninstrumented provider: spans were captured fails with LiveCaptureEmpty, naming OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const r = await runs.uninstrumented!
    expect(r.code).toBe(1)
    expect(r.capture).toBe('')
    const c = r.test(r.display, 'spans were captured')
    expect(c.state).toBe('failed')
    expect(c.messages[0]).toMatch(
      new RegExp(`^LiveCaptureEmpty: ${r.display}: no spans were captured while contract ran\\. Their workers had OTEL_EXPORTER_OTLP_ENDPOINT=http://127\\.0\\.0\\.1:\\d+: export the service's spans there`),
    )
    expect(failureFrame(c)).toEqual({ file: r.captureFile, line: 1, column: 1 })
    // The contracts themselves pass; an empty trace is also an event-schema finding.
    expect(r.failed()).toEqual([`${r.display} > spans were captured`, `${r.display} > rule event-schema`])
  })

  test('an instrumented provider that never flushes (its spans die in the BatchSpanProcessor with the worker): LiveCaptureEmpty says to flush', async () => {
    const r = await runs.unflushed!
    expect(r.code).toBe(1)
    expect(r.capture).toBe('')
    expect(r.tests.filter((t) => t.file.startsWith('contracts/')).map((t) => t.state)).toEqual(['passed', 'passed', 'passed', 'passed'])
    const c = r.test(r.display, 'spans were captured')
    expect(c.state).toBe('failed')
    expect(c.messages[0]).toContain('LiveCaptureEmpty: ')
    expect(c.messages[0]).toContain('and flush the tracer provider (forceFlush or shutdown) when the service is closed')
  })

  test('the receiver refuses the exports (maxBodyBytes 100 → 413): spans were captured fails with LiveCaptureIncomplete', async () => {
    const r = await runs.tooLarge!
    expect(r.code).toBe(1)
    const c = r.test(r.display, 'spans were captured')
    expect(c.state).toBe('failed')
    // One export per provider (two contract files), each refused.
    expect(c.messages[0]).toContain(
      `LiveCaptureIncomplete: ${r.display}: the receiver refused 2 export requests, so their spans are missing from the capture and the rule tests cannot be trusted: 413 the body is over the cap of 100 bytes; 413 the body is over the cap of 100 bytes`,
    )
    // The provider only logs its failed flush, as a service would: the contracts pass, the capture tells.
    expect(r.tests.filter((t) => t.file.startsWith('contracts/')).map((t) => t.state)).toEqual(['passed', 'passed', 'passed', 'passed'])
    expect(r.failed()).toContain(`${r.display} > spans were captured`)
    expect(r.summary!.status).toBe('failed')
  })
})

test('a capture missing a refused export is not valid in summary.json, though every rule passes over the rest', async () => {
  const r = await runs.partlyRefused!
  expect(r.code).toBe(1)
  expect(r.test(r.display, 'spans were captured').messages[0]).toContain('LiveCaptureIncomplete: ')
  for (const rule of RULES) expect(r.test(r.display, `rule ${rule}`).state, rule).toBe('passed')
  const [trace] = r.summary!.conformance!.traces
  expect(trace!.capture).toMatchObject({ refused: 1, complete: false })
  expect(trace!.capture!.spans).toBeGreaterThan(0)
  expect(trace!.valid).toBe(false)
})

describe('runs where nothing is captured', () => {
  test('--project conformance alone: every capture test is skipped with the note, exit 0, nothing written but the reports', async () => {
    const before = hashTree(fixtureDir, ['hermetic-reports'])
    const r = await liveRun('conformance-only', ['--project', 'conformance'])
    expect(r.code, r.printed).toBe(0)
    expect(r.tests.map((t) => [t.file, t.title, t.state])).toEqual(CAPTURE_TESTS.map((t) => [r.display, t, 'skipped']))
    const note = 'no project runs before the conformance project in this run, so nothing drove the service: run the contract, generate or property project too'
    for (const title of CAPTURE_TESTS) expect(r.printed).toContain(`↓ |conformance| ${r.display}:1:1 > kvonce.otlp.jsonl > ${title}`)
    expect(r.printed.split('\n').filter((l) => l.includes(`[${note}]`))).toHaveLength(CAPTURE_TESTS.length)
    expect(r.summary).toMatchObject({ status: 'passed', totals: { tests: 8, skipped: 8, failed: 0 } })
    // No receiver ran: no capture file, no live/ folder; only the reporter's files in the report directory.
    expect(existsSync(path.dirname(r.captureFile))).toBe(false)
    expect(Object.keys(r.reportFiles).sort()).toEqual(['spec-ci/history.json', 'spec-ci/index.html', 'spec-ci/summary.json', 'spec-ci/summary.md'])
    expect(hashTree(fixtureDir, ['hermetic-reports'])).toEqual(before)
  })

  test('live.port already in use: the run fails at startup with an error naming the port', async () => {
    const r = await runs.portInUse!
    const port = (busyPort.address() as { port: number }).port
    expect(r.code).toBe(1)
    expect(r.printed).toContain(`SpecCiConfigError: specCi: conformance.live: the OTLP receiver cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}; choose another port, or 0 for a free one`)
    expect(r.tests).toEqual([])
  })
})

describe('hostile: a link planted where the capture goes', () => {
  function planted(label: string, link: string, target: (p: HostileProject) => string): HostileProject {
    const p = hostileProject(FIXTURE, label)
    hostile.push(p)
    mkdirSync(path.join(p.dir, 'node_modules'), { recursive: true })
    mkdirSync(path.dirname(path.join(p.dir, link)), { recursive: true })
    symlinkSync(target(p), path.join(p.dir, link))
    return p
  }

  test('<report dir>/live/kvonce.otlp.jsonl → a file outside: it is not written, the run says why', async () => {
    const p = planted('live-link-file', 'hermetic-reports/live/kvonce.otlp.jsonl', (q) => path.join(q.outside, 'keep.txt'))
    const r = await p.guard(() => liveRun('link-file', CONTRACT_AND_CONFORMANCE, {}, { root: p.dir, reportDir: path.join(p.dir, 'hermetic-reports'), fresh: false }), { boundMs: RUN_TIMEOUT_MS })
    expect(r.code).toBe(1)
    expect(r.printed).toContain(
      'SpecCiConfigError: specCi: conformance.live: the capture hermetic-reports/live/kvonce.otlp.jsonl cannot be written: hermetic-reports/live/kvonce.otlp.jsonl is a symbolic link; the capture is written only into real folders below the report directory hermetic-reports, never through a link. Remove hermetic-reports/live/kvonce.otlp.jsonl',
    )
    expect(readFileSync(path.join(p.outside, 'keep.txt'), 'utf8')).toBe('this folder is outside the project\n')
    expect(readlinkSync(path.join(p.dir, 'hermetic-reports/live/kvonce.otlp.jsonl'))).toBe(path.join(p.outside, 'keep.txt'))
  })

  test('<report dir>/live → a folder outside: nothing is created there, the run says why', async () => {
    const p = planted('live-link-dir', 'hermetic-reports/live', (q) => q.outside)
    const r = await p.guard(() => liveRun('link-dir', CONTRACT_AND_CONFORMANCE, {}, { root: p.dir, reportDir: path.join(p.dir, 'hermetic-reports'), fresh: false }), { boundMs: RUN_TIMEOUT_MS })
    expect(r.code).toBe(1)
    expect(r.printed).toContain('specCi: conformance.live: the capture hermetic-reports/live/kvonce.otlp.jsonl cannot be written: hermetic-reports/live is a symbolic link')
    expect(existsSync(path.join(p.outside, 'kvonce.otlp.jsonl'))).toBe(false)
  })
})
