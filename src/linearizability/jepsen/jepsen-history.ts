import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { TraceReadError } from '../../trace/errors.ts'
import type { HistoryOperation, HistoryTime } from '../types.ts'
import { EdnKeyword, EdnMap, EdnSymbol, EdnSyntaxError, EdnTagged, parseEdn, printEdn } from './edn.ts'
import type { EdnValue } from './edn.ts'

/** The arguments of a Jepsen operation, from its `:invoke`. */
export interface JepsenInput {
  /** `:f` without the colon, e.g. `read`, `write`, `cas`. */
  readonly f: string
  readonly value: EdnValue
  /** `:key` (a string as it is, any other value as its EDN text), when the history has one. */
  readonly key?: string
}

/** The result of a Jepsen operation, from its completion. */
export interface JepsenOutput {
  /** `ok`, or `fail` for a failed operation the reader was asked to keep (see {@link JepsenReadOptions.keepFailed}). */
  readonly type: 'ok' | 'fail'
  readonly value: EdnValue
}

export type JepsenOperation = HistoryOperation<JepsenInput, JepsenOutput>

/** Something in a history line that could not be used. Reading goes on with the next line. */
export interface HistoryFinding {
  /** The file, when read from one. */
  readonly file?: string
  /** Physical 1-based line (blank lines counted). */
  readonly line: number
  /** 1-based column in the line, for EDN syntax errors. */
  readonly column?: number
  readonly message: string
}

export interface JepsenHistory {
  /** Operations in completion order; those of unknown outcome (`:info`, never completed) included. */
  readonly operations: JepsenOperation[]
  readonly findings: HistoryFinding[]
  /** Whether times come from `:time` (nanoseconds) or from line order. */
  readonly clock: 'time' | 'line-order'
  /** Physical lines read. */
  readonly lines: number
  /** `:fail` operations left out (they did not take effect). */
  readonly failedLeftOut: number
  /** Lines of processes that are not clients (`:process :nemesis`), left out. */
  readonly nonClientLines: number
}

export interface JepsenReadOptions {
  /**
   * Which `:fail` completions stay in the history, by `:f`. A `:fail` operation did not take effect and
   * is left out, unless its failure is itself an observation: for the `register` model a failed `cas`
   * is a compare that failed (the model's `keepFailed`).
   * @default none: every `:fail` is left out
   */
  keepFailed?: (f: string) => boolean
  /** Names the file in findings. */
  file?: string
}

interface Invocation {
  readonly line: number
  readonly f: string
  readonly value: EdnValue
  readonly key: string | undefined
  readonly time: HistoryTime
}

type LineKind = 'invoke' | 'ok' | 'fail' | 'info'

function nameOf(value: EdnValue | undefined): string | undefined {
  if (value instanceof EdnKeyword || value instanceof EdnSymbol) return value.name
  if (typeof value === 'string') return value
  return undefined
}

function keyText(value: EdnValue): string {
  return typeof value === 'string' ? value : printEdn(value)
}

/**
 * Builds the operations of a Jepsen history (`history.edn`: one operation map per line) from its lines,
 * one at a time: an `:invoke` and the next completion by the same `:process` are one operation, with
 * the arguments of the invocation and the result of the completion, located at the completion's line.
 * `:ok` completes it; `:fail` means it did not take effect (left out, see `keepFailed`); `:info`, or no
 * completion at all, leaves its outcome unknown: it may take effect any time after its call, or never.
 * Times are `:time` (nanoseconds) when the first operation line has one, else line numbers.
 *
 * Its `line`/`invalidLine` methods make it a line sink for the package's byte-line reader, so a caller
 * that already splits a (gzip) file into lines can feed it; {@link readJepsenHistory} feeds it from a
 * stream with `node:readline`.
 */
export class JepsenHistoryBuilder {
  private readonly operations: JepsenOperation[] = []
  private readonly findings: HistoryFinding[] = []
  private readonly pending = new Map<number | string, Invocation>()
  private readonly keepFailed: (f: string) => boolean
  private readonly file: string | undefined
  private clock: 'time' | 'line-order' | undefined
  private lastTime: HistoryTime = 0
  private lines = 0
  private failedLeftOut = 0
  private nonClientLines = 0
  private mixedClockReported = false

  constructor(options: JepsenReadOptions = {}) {
    this.keepFailed = options.keepFailed ?? (() => false)
    this.file = options.file
  }

  private finding(line: number, message: string, column?: number): void {
    this.findings.push({ ...(this.file === undefined ? {} : { file: this.file }), line, ...(column === undefined ? {} : { column }), message })
  }

  /** A line that could not be decoded (over a size cap, not UTF-8). */
  invalidLine(lineNumber: number, message: string): void {
    this.lines = Math.max(this.lines, lineNumber)
    this.finding(lineNumber, message)
  }

  /** One physical line (1-based number); blank lines may be passed or skipped. */
  line(text: string, lineNumber: number): void {
    this.lines = Math.max(this.lines, lineNumber)
    if (text.trim() === '') return
    let parsed: EdnValue
    try {
      parsed = parseEdn(text)
    } catch (error) {
      if (error instanceof EdnSyntaxError) {
        this.finding(lineNumber, `not EDN: ${error.message}`, error.column)
        return
      }
      throw error
    }
    // Newer Jepsen writes records: #jepsen.history.Op{…}
    const op = parsed instanceof EdnTagged && parsed.value instanceof EdnMap ? parsed.value : parsed
    if (!(op instanceof EdnMap)) {
      this.finding(lineNumber, `not an operation map: ${clip(printEdn(parsed))}`)
      return
    }
    const type = nameOf(op.getKeyword('type'))
    if (type !== 'invoke' && type !== 'ok' && type !== 'fail' && type !== 'info') {
      this.finding(lineNumber, `:type must be :invoke, :ok, :fail or :info, got ${printOrMissing(op.getKeyword('type'))}`)
      return
    }
    const process = op.getKeyword('process')
    if (process === undefined) {
      this.finding(lineNumber, 'the operation has no :process')
      return
    }
    if (typeof process !== 'number' && typeof process !== 'bigint') {
      // :nemesis and other non-client processes do not operate on the system under test
      this.nonClientLines++
      return
    }
    const f = nameOf(op.getKeyword('f'))
    if (f === undefined) {
      this.finding(lineNumber, `:f must be a keyword, got ${printOrMissing(op.getKeyword('f'))}`)
      return
    }
    const time = this.timeOf(op, lineNumber)
    const value = op.getKeyword('value') ?? null
    const keyValue = op.getKeyword('key')
    const key = keyValue === undefined ? undefined : keyText(keyValue)
    const proc = typeof process === 'number' ? process : process.toString()
    if (type === 'invoke') {
      const earlier = this.pending.get(proc)
      if (earlier) {
        this.finding(lineNumber, `process ${String(proc)} invokes again while its invocation at line ${earlier.line} has no completion; that one is taken as of unknown outcome`)
        this.unknownOutcome(earlier, earlier.line)
      }
      this.pending.set(proc, { line: lineNumber, f, value, key, time })
      return
    }
    this.complete(proc, type, f, value, time, lineNumber)
  }

  private complete(proc: number | string, type: Exclude<LineKind, 'invoke'>, f: string, value: EdnValue, time: HistoryTime, lineNumber: number): void {
    const invocation = this.pending.get(proc)
    if (!invocation) {
      this.finding(lineNumber, `:${type} of process ${String(proc)} without an invocation before it`)
      return
    }
    this.pending.delete(proc)
    if (invocation.f !== f) this.finding(lineNumber, `completion :f :${f} differs from its invocation's :${invocation.f} (line ${invocation.line}); the invocation's is used`)
    if (type === 'info') {
      this.unknownOutcome(invocation, lineNumber)
      return
    }
    if (type === 'fail' && !this.keepFailed(invocation.f)) {
      this.failedLeftOut++
      return
    }
    let returned = time
    if (returned < invocation.time) {
      this.finding(lineNumber, `completes at :time ${String(returned)}, before its invocation at line ${invocation.line} (:time ${String(invocation.time)}); taken as completing then`)
      returned = invocation.time
    }
    this.operations.push({
      id: invocation.line,
      call: invocation.time,
      return: returned,
      input: inputOf(invocation),
      output: { type, value },
      line: lineNumber,
      callLine: invocation.line,
      ...(invocation.key === undefined ? {} : { key: invocation.key }),
    })
  }

  private unknownOutcome(invocation: Invocation, lineNumber: number): void {
    this.operations.push({
      id: invocation.line,
      call: invocation.time,
      input: inputOf(invocation),
      unknown: true,
      line: lineNumber,
      callLine: invocation.line,
      ...(invocation.key === undefined ? {} : { key: invocation.key }),
    })
  }

  private timeOf(op: EdnMap, lineNumber: number): HistoryTime {
    const time = op.getKeyword('time')
    if (this.clock === undefined) this.clock = time === undefined ? 'line-order' : 'time'
    if (this.clock === 'line-order') {
      if (time !== undefined && !this.mixedClockReported) {
        this.mixedClockReported = true
        this.finding(lineNumber, 'this line has a :time but the first operation had none; line order is used as real time for the whole history')
      }
      return lineNumber
    }
    if (typeof time === 'number' && Number.isInteger(time)) {
      this.lastTime = time
      return time
    }
    if (typeof time === 'bigint') {
      this.lastTime = time
      return time
    }
    this.finding(lineNumber, `:time must be an integer (nanoseconds), got ${printOrMissing(time)}; the time of the line before is used`)
    return this.lastTime
  }

  /** Ends the history: every invocation still pending is of unknown outcome. */
  finish(): JepsenHistory {
    for (const invocation of this.pending.values()) this.unknownOutcome(invocation, invocation.line)
    this.pending.clear()
    return {
      operations: this.operations,
      findings: this.findings,
      clock: this.clock ?? 'line-order',
      lines: this.lines,
      failedLeftOut: this.failedLeftOut,
      nonClientLines: this.nonClientLines,
    }
  }
}

function inputOf(invocation: Invocation): JepsenInput {
  return invocation.key === undefined ? { f: invocation.f, value: invocation.value } : { f: invocation.f, value: invocation.value, key: invocation.key }
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}

function printOrMissing(value: EdnValue | undefined): string {
  return value === undefined ? 'nothing' : clip(printEdn(value))
}

/**
 * Reads a Jepsen history from a stream of its text, line by line (`node:readline`). Malformed lines
 * become findings at their line; reading goes on. A stream that fails midway ends the history there,
 * with a finding at the next line.
 */
export async function readJepsenHistory(input: Readable | AsyncIterable<string>, options: JepsenReadOptions = {}): Promise<JepsenHistory> {
  const builder = new JepsenHistoryBuilder(options)
  const lines = createInterface({ input: input as Readable, crlfDelay: Number.POSITIVE_INFINITY })
  let lineNumber = 0
  try {
    for await (const raw of lines) {
      lineNumber++
      builder.line(lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw, lineNumber)
    }
  } catch (error) {
    builder.invalidLine(lineNumber + 1, `reading stopped: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    lines.close()
  }
  return builder.finish()
}

/** Reads a Jepsen history file (gzip when its name ends in `.gz`). A file that cannot be opened throws {@link TraceReadError}. */
export async function readJepsenHistoryFile(file: string, options: Omit<JepsenReadOptions, 'file'> = {}): Promise<JepsenHistory> {
  const stream = createReadStream(file)
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', (error) => reject(new TraceReadError(`cannot read ${file}: ${error.message}`, { cause: error })))
  })
  const source: Readable = file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream
  if (source !== stream) stream.once('error', (error) => source.destroy(error))
  return readJepsenHistory(source, { ...options, file })
}
