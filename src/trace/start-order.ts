import { byStart, pendingToRecord } from './events-by-start-time.ts'
import type { PendingEvent } from './events-by-start-time.ts'
import type { OpenedTrace, TraceRecord } from './types.ts'

/**
 * Events an OTLP JSON Lines file may hold back while streaming before the earliest are handed out: 8
 * lines of 512 spans (the BatchSpanProcessor's batch). A file streams when no event starts before an
 * event at least 2048 events (4 such lines) ahead of it in the file: e.g. batches written in the order
 * concurrent exports were answered. More held means more events outlive the young generation: peak RSS
 * of `spec-ci trace validate` on a capture of 1M spans over 100k keys is some 250 MB holding 1024 or
 * 4096, 320 MB at 16384.
 */
export const DEFAULT_MAX_HELD_EVENTS = 4096

/**
 * Thrown by an OTLP JSON Lines stream read in start order ({@link StartOrderRead.stream}) at an event
 * starting before one already handed out: the file is not in start order within the window held, so the
 * records handed out so far are not the file's order. `checkRecords` then checks the file again from its
 * first line, read whole and sorted (a second read).
 */
export class TraceOrderError extends Error {
  readonly line: number
  constructor(line: number) {
    super(`line ${line} holds an event starting before one already handed out: the file is read again and sorted whole`)
    this.name = 'TraceOrderError'
    this.line = line
  }
}

/**
 * The events of an OTLP JSON Lines file in start order (ties in document order), exactly the order of
 * sorting the whole file, while holding at most `maxHeld` events: each line's events are held, and once
 * more than `maxHeld` are, the earliest half is handed out. An event starting before the last one handed
 * out throws {@link TraceOrderError} (that order cannot be given any more).
 */
export class StartOrderWindow {
  private held: PendingEvent[] = []
  /** Start of the last event handed out; -1n before any. */
  private handedOut = -1n
  private readonly maxHeld: number

  constructor(maxHeld = DEFAULT_MAX_HELD_EVENTS) {
    this.maxHeld = Math.max(2, maxHeld)
  }

  /** Adds one line's events (in document order); its partitions must be resolved already. */
  addLine(events: readonly PendingEvent[], line: number, out: TraceRecord[]): void {
    const held = this.held
    const handedOut = this.handedOut
    for (const entry of events) {
      if (entry.start < handedOut) throw new TraceOrderError(line)
      held.push(entry)
    }
    if (held.length > this.maxHeld) this.release(held.length - (this.maxHeld >>> 1), out)
  }

  /** Hands out every event held (the end of the file). */
  drain(out: TraceRecord[]): void {
    this.release(this.held.length, out)
  }

  private release(count: number, out: TraceRecord[]): void {
    const held = this.held
    if (count <= 0) return
    // Stable: what is held from earlier lines precedes later lines' events, so ties stay in document order.
    held.sort(byStart)
    for (let i = 0; i < count; i++) out.push(pendingToRecord(held[i]!))
    this.handedOut = held[count - 1]!.start
    this.held = held.slice(count)
  }
}

/** The hook on an {@link OpenedTrace} of OTLP JSON Lines by which `checkRecords` streams it, and reads it again if it must. */
export const START_ORDER_READ: unique symbol = Symbol('spec-ci.startOrderRead')

export interface StartOrderRead {
  /** Switches the unread trace to streaming in start order (it may then throw {@link TraceOrderError}). */
  stream(): void
  /** The same file opened again, read whole and sorted as by default. */
  reopen(): Promise<OpenedTrace>
}

/** The trace's {@link StartOrderRead}, when it has one (an OTLP JSON Lines file opened by path). */
export function startOrderRead(records: unknown): StartOrderRead | undefined {
  if (typeof records !== 'object' || records === null) return undefined
  return (records as { [START_ORDER_READ]?: StartOrderRead })[START_ORDER_READ]
}

/** Marks `trace` as readable again from `reopen` (non-enumerable: the trace's shape is unchanged). */
export function withStartOrderRead(trace: OpenedTrace, read: StartOrderRead): OpenedTrace {
  Object.defineProperty(trace, START_ORDER_READ, { value: read, enumerable: false })
  return trace
}
