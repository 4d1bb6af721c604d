import type { SpanLocation } from './span-location.ts'
import type { EventInterval, TraceRecord } from './types.ts'

interface PendingEvent {
  start: bigint
  end: bigint
  line: number
  event: Record<string, unknown>
  at: SpanLocation | undefined
}

/** OTLP gives no order guarantee: events are collected, then handed out by start time, ties in the order added. */
export class EventsByStartTime {
  private entries: PendingEvent[] = []

  /** `end` 0n (or before `start`): the span's end is not known; the record's interval then has no `end`. */
  add(start: bigint, line: number, event: Record<string, unknown>, at?: SpanLocation, end = 0n): void {
    this.entries.push({ start, end, line, event, at })
  }

  /** The events in order, as records; the collection is left empty. */
  drain(): TraceRecord[] {
    const entries = this.entries
    this.entries = []
    // Array.prototype.sort is stable, which gives the document-order tie break.
    entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    return entries.map(({ start, end, line, event, at }) => {
      // proto3: a start of 0 is unset, so the event has no time (it keeps document order, as before intervals).
      if (start === 0n) return at === undefined ? { kind: 'event', line, event } : { kind: 'event', line, event, at }
      // No end (0n, proto3's unset value) or one before the start: the interval says only when it began.
      const interval: EventInterval = end !== 0n && end >= start ? { start, end } : { start }
      return at === undefined ? { kind: 'event', line, event, interval } : { kind: 'event', line, event, at, interval }
    })
  }
}
