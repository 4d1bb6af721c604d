import { JepsenHistoryBuilder } from '../linearizability/jepsen/jepsen-history.ts'
import type { JepsenOperation } from '../linearizability/jepsen/jepsen-history.ts'
import type { HistoryTime } from '../linearizability/types.ts'
import type { LineRecordSink } from './line-records.ts'
import type { TraceRecord } from './types.ts'

const INVOKE = /:type[\s,]+:invoke\b/
const PROCESS = /:process[\s,]+([^\s,}\]]+)/

/**
 * A Jepsen history (`history.edn`: one operation map per line) as trace records. The lines go through
 * the linearizability core's {@link JepsenHistoryBuilder}, which pairs each `:invoke` with the next
 * completion of the same `:process`; each operation is then one `event` record in the operation schema of
 * the `register` and `kv` specs (docs/operation-specs.md), at its completion's line. An invocation never
 * completed is of unknown outcome (`outcome: 'info'`, no `end`) and comes last, at its invocation's line.
 * Lines that cannot be used are `invalid` records at their line.
 *
 * Every `:fail` is kept (`outcome: 'fail'`): which failures are observations is the spec's to say. The
 * operations are handed out when the input ends (a completion may come any number of lines after its
 * invocation, so an operation is whole only then); the specs that read them hold them until the end anyway.
 */
export class JepsenEdnRecordSink implements LineRecordSink {
  out: TraceRecord[] = []
  private readonly builder = new JepsenHistoryBuilder({ keepFailed: () => true })
  /** The `:process` of each invocation line (the builder keeps it only to pair), for `actor`. */
  private readonly processes = new Map<number, number | string>()

  line(text: string, line: number): void {
    this.builder.line(text, line)
    if (INVOKE.test(text)) {
      const process = PROCESS.exec(text)?.[1]
      if (process !== undefined) this.processes.set(line, /^-?\d{1,15}$/.test(process) ? Number(process) : process)
    }
  }

  invalidLine(line: number, message: string): void {
    this.builder.invalidLine(line, message)
  }

  finish(): void {
    const history = this.builder.finish()
    const records: TraceRecord[] = []
    const neverCompleted: TraceRecord[] = []
    for (const finding of history.findings)
      records.push({ kind: 'invalid', line: finding.line, message: finding.column === undefined ? finding.message : `${finding.message} (column ${finding.column})` })
    // Without :time, file order is real time: the events then carry no times, and the specs order them
    // by line (an operation spans from its invocation's line, `invokeLine`, to its completion's).
    const untimed = history.clock === 'line-order'
    for (const operation of history.operations) {
      const event = operationEvent(operation)
      if (untimed) {
        delete event.start
        delete event.end
      }
      const actor = operation.callLine === undefined ? undefined : this.processes.get(operation.callLine)
      if (actor !== undefined) event.actor = actor
      const record: TraceRecord = { kind: 'event', line: operation.line, event }
      if (operation.unknown && operation.line === operation.callLine) neverCompleted.push(record)
      else records.push(record)
    }
    // Completion order is line order already; findings are merged in by line (a stable sort).
    records.sort((a, b) => a.line - b.line)
    for (const record of records) this.out.push(record)
    for (const record of neverCompleted) this.out.push(record)
  }
}

/** A time as the operation schema takes it: a number when exact, else nanoseconds as a decimal string. */
function timeField(time: HistoryTime): number | string {
  return typeof time === 'bigint' ? (time >= BigInt(Number.MIN_SAFE_INTEGER) && time <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(time) : time.toString()) : time
}

/**
 * One Jepsen operation in the operation schema: `type` is `:f`; `value` is what was written (`write`,
 * `put`, `append`), `[from to]` (`cas`) or what was read (`read`, `get`: the completion's value); `start` and
 * `end` are `:time` (nanoseconds); a history without `:time` drops them (see finish).
 */
function operationEvent(operation: JepsenOperation): Record<string, unknown> {
  const { input, output } = operation
  const reads = input.f === 'read' || input.f === 'get'
  const event: Record<string, unknown> = { type: input.f }
  if (input.key !== undefined) event.key = input.key
  if (reads) {
    if (output !== undefined) event.value = output.value
  } else event.value = input.value
  event.start = timeField(operation.call)
  if (operation.return !== undefined) event.end = timeField(operation.return)
  event.outcome = operation.unknown ? 'info' : output!.type
  if (operation.callLine !== undefined) event.invokeLine = operation.callLine
  return event
}
