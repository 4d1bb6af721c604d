import { SpecCiConfigError } from '../errors.ts'
import type { ConcurrencyLimits, CountUnlisted, Projection, RuleSeverity, SpecChecker, SpecModel, Violation } from '../spec-model/types.ts'
import { DEFAULT_MAX_STORED_VIOLATIONS } from '../spec-model/violation-limits.ts'
import { openTrace } from '../trace/open-trace.ts'
import { startOrderRead, TraceOrderError } from '../trace/start-order.ts'
import type { OpenedTrace, ReadTraceOptions, TraceFormat, TraceRecord } from '../trace/types.ts'
import { SpecRuntimeError } from './check-errors.ts'
import { CheckLimit } from './check-limit.ts'
import { keepFirstByLine } from './first-by-line.ts'

export interface CheckTraceOptions {
  /** Options of the spec (e.g. `{ maxRetries: 5 }` for kvonce). Validated by the spec. */
  specOptions?: object
  /** Severity per rule id; rules not named are `error`. `off` rules are not reported. */
  rules?: Readonly<Record<string, RuleSeverity>>
  /**
   * Violations kept per rule, in line order; the rest are counted. Keeps memory bounded by keys even
   * when every event of a huge trace breaks a rule.
   * @default 1000
   */
  maxStoredViolations?: number
  /** @default 16 MiB */
  maxLineBytes?: number
  /** A gzip trace is read up to this many decompressed bytes (see ReadTraceOptions). @default 1 GiB */
  maxDecompressedBytes?: number
  /** OTLP resource attributes whose values split the trace into partitions with their own keys (see ReadTraceOptions). @default [] */
  partitionBy?: readonly string[]
  /**
   * Time limit of the whole read and check, in milliseconds. Past it the check throws a
   * `TraceCheckStoppedError` naming the last line checked, and the file is closed. No limit by default.
   */
  timeout?: number
  /** Stops the read and check when aborted, the same way as `timeout` (the error carries the signal's reason). */
  signal?: AbortSignal
  /**
   * Bounds of the search over orders of a key's overlapping events (docs/concurrency.md): past them the
   * events are `undecided`, which fails the rules involved. @default { maxSearchSteps: 100000, maxWindowEvents: 1000, maxStates: 8 }
   */
  concurrency?: ConcurrencyLimits
}

export interface RuleOutcome {
  rule: string
  severity: RuleSeverity
  /** All violations found, including those not stored. */
  count: number
  /** The first `maxStoredViolations` violations by line. */
  violations: Violation[]
}

export interface ConformanceResult {
  spec: string
  format: TraceFormat
  gzip: boolean
  /** Well-formed events replayed through the spec. */
  events: number
  /** Outcomes in the spec's rule catalogue order. */
  rules: RuleOutcome[]
  /** No violation of an `error` rule. */
  valid: boolean
  /** Summary fields and per-key figures, read from the checker (`projectionRecord` builds the plain object). */
  projection: Projection
}

export function resolveRuleSeverities(spec: SpecModel, given: Readonly<Record<string, RuleSeverity>> | undefined): Record<string, RuleSeverity> {
  const severities: Record<string, RuleSeverity> = Object.create(null)
  for (const id of Object.keys(spec.rules)) severities[id] = 'error'
  for (const [id, severity] of Object.entries(given ?? {})) {
    if (!(id in spec.rules))
      throw new SpecCiConfigError(`rules: spec "${spec.name}" has no rule "${id}"; its rules are ${Object.keys(spec.rules).join(', ')}`)
    if (severity !== 'error' && severity !== 'warn' && severity !== 'off')
      throw new SpecCiConfigError(`rules.${id} is ${JSON.stringify(severity)}; expected "error", "warn" or "off"`)
    severities[id] = severity
  }
  return severities
}

function isBatched(records: TraceRecords): records is { batches(): AsyncIterable<readonly TraceRecord[]> } {
  return typeof (records as { batches?: unknown }).batches === 'function'
}

/** Records one by one, or a stream that also hands them out in batches (an {@link OpenedTrace}). */
export type TraceRecords = AsyncIterable<TraceRecord> | { batches(): AsyncIterable<readonly TraceRecord[]> }

/**
 * Replays records through the spec in one pass. Memory grows with distinct keys and stored violations
 * only. Throws a `TraceCheckStoppedError` past `timeout` or on `signal`, and a `SpecRuntimeError` naming
 * the line when the spec's own code throws.
 *
 * An OTLP JSON Lines file opened by {@link openTrace} is streamed in start order (its events handed out
 * as its lines are read, a window of them held: src/trace/start-order.ts); where it is too far out of
 * order for that, what was checked is discarded and the file is read again, sorted whole: a second read,
 * with every event in memory. An NDJSON file opened by path streams in file order, and is read again
 * sorted by start where the engine meets an event starting before one it already decided (a log written
 * as operations complete). The verdict is the same either way; `timeout` covers both reads.
 */
export async function checkRecords(
  spec: SpecModel,
  records: TraceRecords,
  options: CheckTraceOptions = {},
): Promise<Omit<ConformanceResult, 'format' | 'gzip'>> {
  const severities = resolveRuleSeverities(spec, options.rules)
  const specOptions = spec.resolveOptions(options.specOptions)
  const cap = options.maxStoredViolations ?? DEFAULT_MAX_STORED_VIOLATIONS
  /** A fresh checker and outcomes, fed every record. */
  /** `outOfOrder`: what the engine does at an event starting before one already decided (see CheckerLimits). */
  const checkPass = async (records: TraceRecords, limit: CheckLimit, outOfOrder: 'throw' | 'report') => {
    const outcomes = new Map<string, RuleOutcome>()
    for (const [rule, severity] of Object.entries(severities)) outcomes.set(rule, { rule, severity, count: 0, violations: [] })
    const report = (v: Violation): void => {
      const outcome = outcomes.get(v.rule)!
      if (outcome.severity === 'off') return
      outcome.count++
      keepFirstByLine(outcome.violations, v, cap)
    }
    const countUnlisted: CountUnlisted = (rule, count) => {
      const outcome = outcomes.get(rule)!
      if (outcome.severity !== 'off') outcome.count += count
    }
    const checker = spec.createChecker(specOptions, {
      maxStoredViolations: cap,
      severities,
      outOfOrder,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    })
    await replay(records, limit, checker, report, countUnlisted, spec.name)
    return { outcomes, report, checker }
  }
  const limit = new CheckLimit(options.timeout, options.signal)
  let pass: Awaited<ReturnType<typeof checkPass>>
  try {
    const reread = startOrderRead(records)
    reread?.stream()
    try {
      // A file that can be read again is, sorted, where it proves out of start order.
      pass = await checkPass(records, limit, reread === undefined ? 'report' : 'throw')
    } catch (error) {
      if (reread === undefined || !(error instanceof TraceOrderError)) throw error
      // Not in start order (an OTLP JSON Lines stream past its window, or the engine at an NDJSON event
      // starting before one already decided): the first pass (its checker, its violations) is dropped,
      // the file read again sorted.
      const reopening = reread.reopen()
      let again: TraceRecords
      try {
        again = await limit.race(reopening)
      } catch (stopped) {
        // Past the limit while the file was being opened again: it is closed once open.
        reopening.then((trace) => trace.close(), () => {})
        throw stopped
      }
      pass = await checkPass(again, limit, 'report')
    }
  } finally {
    limit.end()
  }
  const { outcomes, report, checker } = pass
  try {
    checker.finish(report)
  } catch (error) {
    throw new SpecRuntimeError(spec.name, Math.max(limit.line, 1), error)
  }
  const rules = [...outcomes.values()]
  return {
    spec: spec.name,
    events: checker.events,
    rules,
    valid: rules.every((r) => r.severity !== 'error' || r.count === 0),
    projection: checker.projection(),
  }
}

const LIMIT_STRIDE = 1024

/** Feeds every record to the checker, testing the limit after each batch; a stopped or failed read is closed. */
async function replay(
  records: TraceRecords,
  limit: CheckLimit,
  checker: SpecChecker,
  report: (v: Violation) => void,
  countUnlisted: CountUnlisted,
  specName: string,
): Promise<void> {
  const batched = isBatched(records)
  const iterator: AsyncIterator<TraceRecord | readonly TraceRecord[]> = batched ? records.batches()[Symbol.asyncIterator]() : records[Symbol.asyncIterator]()
  const single: TraceRecord[] = []
  try {
    for (;;) {
      const step = await limit.race(iterator.next())
      if (step.done) return
      const batch = batched ? (step.value as readonly TraceRecord[]) : ((single[0] = step.value as TraceRecord), single)
      // A batch is 128 lines, except an OTLP document's events, handed out all at once: the limit is
      // also tested within a batch, every LIMIT_STRIDE records.
      for (let start = 0; start < batch.length; start += LIMIT_STRIDE) {
        const end = Math.min(start + LIMIT_STRIDE, batch.length)
        let i = start
        try {
          // Warms the checker's lookups for the run (SpecChecker.prefetch); it reads, and reports nothing.
          checker.prefetch?.(batch, start, end)
          for (; i < end; i++) checker.check(batch[i]!, report, countUnlisted)
        } catch (error) {
          // The engine's own signal that the input is out of start order, not the spec's code failing.
          if (error instanceof TraceOrderError) throw error
          throw new SpecRuntimeError(specName, batch[i]!.line, error)
        }
        limit.line = batch[end - 1]!.line
        if (limit.active) limit.check()
      }
    }
  } catch (error) {
    // The verdict is this error, decided already; only now is the file released: at once for an opened
    // trace (even mid-read), else when the reader's pending step ends.
    if (hasClose(records)) records.close()
    void iterator.return?.()?.catch(() => {})
    throw error
  }
}

const hasClose = (records: TraceRecords): records is TraceRecords & { close(): void } => typeof (records as { close?: unknown }).close === 'function'

/** Reads a trace file (any supported format, gzip or not) and checks it against the spec. */
export async function checkTraceFile(file: string, spec: SpecModel, options: CheckTraceOptions = {}): Promise<ConformanceResult> {
  const readOptions: ReadTraceOptions = { otlpDomain: spec.otlpDomain }
  if (options.maxLineBytes !== undefined) readOptions.maxLineBytes = options.maxLineBytes
  if (options.maxDecompressedBytes !== undefined) readOptions.maxDecompressedBytes = options.maxDecompressedBytes
  if (options.partitionBy !== undefined) readOptions.partitionBy = options.partitionBy
  const trace = await openTrace(file, readOptions)
  const result = await checkRecords(spec, trace, options)
  return { ...result, format: trace.format, gzip: trace.gzip }
}
