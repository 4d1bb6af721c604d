import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { checkRecords, type ConformanceResult, type RuleOutcome } from '../conformance/check-trace.ts'
import { formatRuleFailure } from '../conformance/format-rule-failure.ts'
import { writeTraceReports } from '../conformance/write-trace-reports.ts'
import { printable } from '../printable-text.ts'
import { builtInSpecs } from '../built-in-specs/index.ts'
import type { ConcurrencyLimits, SpecModel } from '../spec-model/types.ts'
import { DEFAULT_MAX_SEARCH_STEPS, DEFAULT_MAX_STATES, DEFAULT_MAX_WINDOW_EVENTS } from '../spec-model/define-spec.ts'
import { builtInSpec, SpecLoadError, specModelOf, specSource } from '../spec-model/spec-source.ts'
import { importSpecModule } from '../spec-model/import-spec-module.ts'
import { TraceReadError } from '../trace/errors.ts'
import { DEFAULT_MAX_DECOMPRESSED_BYTES, openTrace } from '../trace/open-trace.ts'
import { GENERATE_USAGE } from './generate-usage.ts'
import { OTLP_RECEIVE_USAGE } from './otlp-receive-usage.ts'
import { REPORT_USAGE } from './report-usage.ts'
import { CliUsageError } from './usage-error.ts'
import { stackFrames } from '../thrown-value.ts'
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, DEFAULT_MAX_DOWNLOAD_BYTES, fetchPayload, MAX_REDIRECTS } from '../remote/fetch-payload.ts'
import { checkAllowHost, parseRemoteUrl, redactUrl, RemotePayloadError } from '../remote/outbound-policy.ts'

const TRACE_USAGE = `Usage: spec-ci trace validate FILE [options]
       spec-ci trace validate --url URL --allow-host HOST [options]

Checks a trace (NDJSON, OTLP JSON, OTLP JSON Lines, a Jepsen EDN history, or gzip of any) against a spec model.
register and kv check operations (NDJSON or .edn Jepsen histories) for linearizability (docs/operation-specs.md).

Options:
  --spec NAME|FILE     built-in spec (${Object.keys(builtInSpecs).join(', ')}) or a .ts/.mts/.js/.mjs module default-exporting defineSpec(...)  [kvonce]
  --max-retries N      kvonce: retries allowed per key  [3]
  --option NAME=VALUE  any spec option (VALUE is JSON, or a plain string); repeatable
  --max-decompressed-bytes N
                       read a gzip trace up to N decompressed bytes; past them reading stops and the
                       line reached is reported as an invalid event (kvonce: event-schema)  [${DEFAULT_MAX_DECOMPRESSED_BYTES} (1 GiB)]
  --partition-by ATTR  check spans whose OTLP resources differ in attribute ATTR (e.g. service.instance.id)
                       as separate partitions, each with its own keys; a resource without it is ATTR=(none);
                       repeatable  [no partitioning]
  --max-search-steps N calls of the spec one search over a key's overlapping events may make; past them the
                       events are undecided, which fails the trace (docs/concurrency.md)  [${DEFAULT_MAX_SEARCH_STEPS}]
  --max-window-events N
                       events of a key one such search may hold; more are undecided  [${DEFAULT_MAX_WINDOW_EVENTS}]
  --max-states N       states kept per key after overlapping events whose orders end differently  [${DEFAULT_MAX_STATES}]
  --out DIR            where <name>-validation.json and <name>-projection.json go  [$SPEC_CI_REPORT_DIR/trace or hermetic-reports/trace]
  --quiet              print only the verdict line

Remote payloads (instead of FILE):
  --url URL            fetch the trace into <out>/remote/<name>, write <out>/<name>-payload.json
                       ({ sourceType, sourceDetail, sha256, sizeBytes }), then validate it as a file.
                       https only; credentials in the URL are refused; every query value and any userinfo
                       is printed and written as REDACTED
  --allow-host HOST    exact host (or host:port) the URL and every redirect must stay on; required,
                       repeatable, no wildcards. At most ${MAX_REDIRECTS} redirects, none off the allowed hosts
  --max-download-bytes N
                       refuse a body larger than N bytes (reading stops at the cap)  [${DEFAULT_MAX_DOWNLOAD_BYTES} (100 MiB)]
  --download-timeout S abort the whole download after S seconds  [${DEFAULT_DOWNLOAD_TIMEOUT_MS / 1000}]
  --allow-loopback-http
                       also allow plain http, to a loopback host only (127.0.0.0/8, ::1, localhost)
  A refusal names its rule (https-only, host-allowlist, no-userinfo, redirect-off-host, too-many-redirects,
  size-cap, timeout, http-status, network) and exits 2.

Only regular files are read: a FIFO, device, socket or directory (or a symlink to one) is refused (exit 2).
Text from the trace and its name is printed with control characters escaped (\\n, \\xNN, \\u{2028}).

Exit codes: 0 valid, 1 invalid (violations found), 2 unusable input or arguments.`

const COMMANDS = `Usage: spec-ci <command> [options]

Commands:
  trace validate FILE          check a trace against a spec model (a built-in or your own module)
  generate check MANIFEST...   check drift targets against their generators (--update rewrites them)
  otlp receive                 receive OTLP/HTTP traces into an OTLP JSON Lines file, for trace validate
  report serve|open [DIR]      serve the report directory's dashboard on 127.0.0.1 (open: also in a browser)

Each command's usage follows.`

const USAGE = `${COMMANDS}\n\n${TRACE_USAGE}\n\n${GENERATE_USAGE}\n\n${OTLP_RECEIVE_USAGE}\n\n${REPORT_USAGE}`

class UsageError extends CliUsageError {
  constructor(message: string) {
    super(message, TRACE_USAGE)
  }
}

/**
 * `--spec`: a built-in spec's name or a spec module, checked as the plugin checks a group's `spec`;
 * a TypeScript module is loaded through Vite's runner as the plugin loads it.
 */
async function loadSpec(spec: string): Promise<SpecModel> {
  try {
    const source = specSource(spec, process.cwd())
    if (source.kind === 'builtin') return builtInSpec(source)
    const { module } = await importSpecModule(source.file, process.cwd(), 'node-unless-typescript').catch((error: Error) => {
      if (error instanceof SpecLoadError) throw error
      throw new UsageError(`--spec ${spec}: ${source.file} is not a loadable module: ${error.message}`)
    })
    return specModelOf(module, source.file)
  } catch (error) {
    if (error instanceof SpecLoadError) throw new UsageError(`--spec ${spec}: ${error.message}`)
    throw error
  }
}

/** A `--spec` that is neither a built-in nor an existing file: named as given, with the built-ins. */
function unknownSpec(spec: string): UsageError | undefined {
  if (Object.hasOwn(builtInSpecs, spec) || existsSync(path.resolve(spec))) return undefined
  return new UsageError(
    `--spec ${spec}: not a built-in spec (${Object.keys(builtInSpecs).join(', ')}) and no file of that name; give a built-in's name or the path of a module default-exporting defineSpec(...)`,
  )
}

function parseOption(text: string): [string, unknown] {
  const eq = text.indexOf('=')
  if (eq <= 0) throw new UsageError(`--option ${text}: expected NAME=VALUE`)
  const raw = text.slice(eq + 1)
  let value: unknown = raw
  try {
    value = JSON.parse(raw)
  } catch {
    // a plain string value
  }
  return [text.slice(0, eq), value]
}

function positiveBytes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--max-decompressed-bytes ${text}: expected a positive whole number of bytes, e.g. ${DEFAULT_MAX_DECOMPRESSED_BYTES}`)
  return n
}

/**
 * A failing rule as printed lines: the messages (which may quote a trace line) are escaped before the
 * lines are joined, so only the listing's own line breaks remain; then each line is escaped again for
 * what keys may hold (JSON.stringify leaves C1 controls and U+2028 raw). Escaping is idempotent.
 */
function printableRuleFailure(display: string, outcome: RuleOutcome): string {
  const violations = outcome.violations.map((v) => ({ ...v, message: printable(v.message) }))
  return formatRuleFailure(display, { ...outcome, violations }).split('\n').map(printable).join('\n  ')
}

function positiveNumber(flag: string, text: string | undefined, whole: boolean): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isSafeInteger(n))) throw new UsageError(`${flag} ${text}: expected a positive ${whole ? 'whole number' : 'number'}`)
  return n
}

async function validate(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spec: { type: 'string' },
      'max-retries': { type: 'string' },
      'max-decompressed-bytes': { type: 'string' },
      option: { type: 'string', multiple: true },
      'partition-by': { type: 'string', multiple: true },
      'max-search-steps': { type: 'string' },
      'max-window-events': { type: 'string' },
      'max-states': { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      url: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'max-download-bytes': { type: 'string' },
      'download-timeout': { type: 'string' },
      'allow-loopback-http': { type: 'boolean', default: false },
    },
  })
  const remote = values.url !== undefined
  if (!remote) {
    for (const flag of ['allow-host', 'max-download-bytes', 'download-timeout', 'allow-loopback-http'] as const) {
      if (values[flag] !== undefined && values[flag] !== false) throw new UsageError(`--${flag} applies only with --url URL`)
    }
  }
  if (remote && positionals.length !== 0) throw new UsageError(`--url URL replaces the trace FILE; got ${positionals.length} FILE argument(s) as well`)
  if (!remote && positionals.length !== 1) throw new UsageError(`expected exactly one trace FILE, got ${positionals.length}`)
  const remoteUrl = remote ? parseRemoteUrl(values.url!) : undefined
  const allowHosts = values['allow-host'] ?? []
  if (remote && allowHosts.length === 0) throw new UsageError(`--url ${redactUrl(remoteUrl!)}: give the exact host(s) it may be fetched from with --allow-host HOST (e.g. --allow-host ${remoteUrl!.hostname})`)
  for (const h of allowHosts) {
    const bad = checkAllowHost(h)
    if (bad) throw new UsageError(`--allow-host ${bad}`)
  }
  const maxDownloadBytes = positiveNumber('--max-download-bytes', values['max-download-bytes'], true)
  const downloadTimeout = positiveNumber('--download-timeout', values['download-timeout'], false)
  const specName = values.spec ?? 'kvonce'
  const unknown = unknownSpec(specName)
  if (unknown) throw unknown
  const spec = await loadSpec(specName)
  const specOptions: Record<string, unknown> = Object.fromEntries((values.option ?? []).map(parseOption))
  if (values['max-retries'] !== undefined) {
    const n = Number(values['max-retries'])
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-retries ${values['max-retries']}: expected a non-negative integer`)
    specOptions.maxRetries = n
  }
  const maxDecompressedBytes = positiveBytes(values['max-decompressed-bytes'])
  const concurrency: ConcurrencyLimits = {}
  const bounds = { maxSearchSteps: 'max-search-steps', maxWindowEvents: 'max-window-events', maxStates: 'max-states' } as const
  for (const [bound, flag] of Object.entries(bounds) as Array<[keyof typeof bounds, (typeof bounds)[keyof typeof bounds]]>) {
    const n = positiveNumber(`--${flag}`, values[flag], true)
    if (n !== undefined) concurrency[bound] = n
  }
  const outDir = values.out ?? path.join(process.env.SPEC_CI_REPORT_DIR || 'hermetic-reports', 'trace')
  const partitionBy = values['partition-by'] ?? []
  if (partitionBy.includes('')) throw new UsageError('--partition-by: expected an OTLP resource attribute name, e.g. service.instance.id')
  let file: string
  let display: string
  if (remoteUrl) {
    const fetched = await fetchPayload(remoteUrl, {
      outDir,
      allowHosts,
      allowLoopbackHttp: values['allow-loopback-http'],
      maxBytes: maxDownloadBytes,
      timeoutMs: downloadTimeout === undefined ? undefined : downloadTimeout * 1000,
    })
    file = fetched.file
    display = printable(fetched.metadata.sourceDetail)
    if (!values.quiet) out.write(`fetched ${display} (${fetched.metadata.sizeBytes} bytes, sha256 ${fetched.metadata.sha256}) to ${printable(path.relative(process.cwd(), fetched.file))}, metadata ${printable(path.relative(process.cwd(), fetched.metadataFile))}\n`)
  } else {
    file = positionals[0]!
    display = printable(path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/'))
  }
  const trace = await openTrace(file, { otlpDomain: spec.otlpDomain, maxDecompressedBytes, partitionBy })
  if (trace.format === 'jepsen-edn' && values.spec === undefined) {
    // kvonce (the default) would refuse every operation of it as event-schema: say what to give instead.
    trace.close()
    throw new UsageError(`${display} is a Jepsen history (jepsen-edn); name the model its operations are checked against: --spec register (read, write, cas) or --spec kv (get, put, append)`)
  }
  const result: ConformanceResult = { ...(await checkRecords(spec, trace, { specOptions, concurrency })), format: trace.format, gzip: trace.gzip }
  out.write(`${display}: ${result.valid ? 'valid' : 'invalid'} (${result.spec}, ${result.format}${result.gzip ? ' gzip' : ''}, ${result.events} events)\n`)
  if (!values.quiet) {
    for (const outcome of result.rules) {
      if (outcome.count === 0) continue
      out.write(`${outcome.severity === 'warn' ? '(warn) ' : ''}${printableRuleFailure(display, outcome)}\n`)
    }
  }
  const written = await writeTraceReports(outDir, file, result)
  if (!values.quiet) out.write(`reports written to ${written.map((w) => printable(path.relative(process.cwd(), w))).join(', ')}\n`)
  return result.valid ? 0 : 1
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  try {
    if (argv[0] === '--help' || argv[0] === '-h') {
      out.write(`${USAGE}\n`)
      return 0
    }
    if (argv.length === 0) throw new CliUsageError('no command given; the commands are "trace validate", "generate check", "otlp receive" and "report serve|open"', USAGE)
    if (argv[0] === 'trace' && argv[1] === 'validate') return await validate(argv.slice(2), out)
    // Each command loads its own code: `trace validate` does not pay for the drift code (yaml, diff) or protobuf.
    if (argv[0] === 'generate' && argv[1] === 'check') return await (await import('./generate-check.ts')).generateCheck(argv.slice(2), out)
    if (argv[0] === 'otlp' && argv[1] === 'receive') {
      const [{ otlpReceive }, { decodeOtlpTraces }] = await Promise.all([import('./otlp-receive.ts'), import('../trace/otlp-protobuf.ts')])
      return await otlpReceive(argv.slice(2), out, err, decodeOtlpTraces)
    }
    if (argv[0] === 'report' && (argv[1] === 'serve' || argv[1] === 'open')) return await (await import('./report-serve.ts')).reportServe(argv[1], argv.slice(2), out)
    throw new CliUsageError(`unknown command "${argv.slice(0, 2).join(' ')}"`, USAGE)
  } catch (error) {
    const known = error instanceof CliUsageError || error instanceof TraceReadError || error instanceof RemotePayloadError || (error as Error).name === 'SpecOptionsError' || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    // Messages carry file names, arguments and text read from inputs: one line each, escaped.
    err.write(`spec-ci: ${printable(String((error as Error).message))}\n`)
    if (error instanceof CliUsageError) err.write(`\n${error.usage}\n`)
    else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) err.write(`\n${argv[0] === 'generate' ? GENERATE_USAGE : argv[0] === 'otlp' ? OTLP_RECEIVE_USAGE : argv[0] === 'report' ? REPORT_USAGE : TRACE_USAGE}\n`)
    // The frames only: the message, already printed, may hold input text.
    if (!known) err.write(`${stackFrames(error).map(printable).join('\n')}\n`)
    return 2
  }
}

