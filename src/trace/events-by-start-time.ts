import type { SpanLocation } from './span-location.ts'
import type { TraceRecord } from './types.ts'

interface PendingEvent {
  start: bigint
  line: number
  event: Record<string, unknown>
  at: SpanLocation | undefined
}

/** OTLP gives no order guarantee: events are collected, then handed out by start time, ties in the order added. */
export class EventsByStartTime {
  private entries: PendingEvent[] = []

  add(start: bigint, line: number, event: Record<string, unknown>, at?: SpanLocation): void {
    this.entries.push({ start, line, event, at })
  }

  /** The events in order, as records; the collection is left empty. */
  drain(): TraceRecord[] {
    const entries = this.entries
    this.entries = []
    // Array.prototype.sort is stable, which gives the document-order tie break.
    entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    return entries.map(({ line, event, at }) => (at === undefined ? { kind: 'event', line, event } : { kind: 'event', line, event, at }))
  }
}
