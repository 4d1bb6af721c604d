import type { PendingPartition } from './otlp-partition.ts'
import type { SpanLocation } from './span-location.ts'
import type { EventInterval, TraceRecord } from './types.ts'

/** An OTLP event waiting to be handed out by start time. */
export interface PendingEvent {
  start: bigint
  end: bigint
  line: number
  event: Record<string, unknown>
  at: SpanLocation | undefined
  /** Read (its `label`) only when the event is handed out: the entry's resource may come after its spans. */
  partition: PendingPartition | undefined
}

/** Orders pending events by start time; `Array.prototype.sort` is stable, which gives the document-order tie break. */
export function byStart(a: PendingEvent, b: PendingEvent): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0
}

/** The record of a pending event: its interval from the span's times, its partition resolved. */
export function pendingToRecord({ start, end, line, event, at, partition }: PendingEvent): TraceRecord {
  let record: TraceRecord
  // proto3: a start of 0 is unset, so the event has no time (it keeps document order, as before intervals).
  if (start === 0n) record = at === undefined ? { kind: 'event', line, event } : { kind: 'event', line, event, at }
  else {
    // No end (0n, proto3's unset value) or one before the start: the interval says only when it began.
    const interval: EventInterval = end !== 0n && end >= start ? { start, end } : { start }
    record = at === undefined ? { kind: 'event', line, event, interval } : { kind: 'event', line, event, at, interval }
  }
  if (partition !== undefined) record.partition = partition.label
  return record
}

/** OTLP gives no order guarantee: events are collected, then handed out by start time, ties in the order added. */
export class EventsByStartTime {
  private entries: PendingEvent[] = []

  /** `end` 0n (or before `start`): the span's end is not known; the record's interval then has no `end`. */
  add(start: bigint, line: number, event: Record<string, unknown>, at?: SpanLocation, end = 0n, partition?: PendingPartition): void {
    this.entries.push({ start, end, line, event, at, partition })
  }

  /** The events in order, as records; the collection is left empty. */
  drain(): TraceRecord[] {
    const entries = this.entries
    this.entries = []
    entries.sort(byStart)
    const records = new Array<TraceRecord>(entries.length)
    for (let i = 0; i < entries.length; i++) records[i] = pendingToRecord(entries[i]!)
    return records
  }
}
