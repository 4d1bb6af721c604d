import { HAS_TIME, readEventTime, type EventTimeSlot } from '../spec-model/event-time.ts'
import type { LineRecordSink } from './line-records.ts'
import { NdjsonRecordSink } from './ndjson-records.ts'
import type { TraceRecord } from './types.ts'

interface Held {
  sec: number
  nsec: number
  record: TraceRecord
}

const byStart = (a: Held, b: Held): number => a.sec - b.sec || a.nsec - b.nsec

/**
 * NDJSON read whole and handed out in start order (`start`, else `timestamp`; ties, and the order
 * between events without a time, as in the file: the sort is stable). An event without a time, or with a
 * malformed one, keeps its place after the event before it. For a trace with times that is not in start
 * order (a log written as operations complete): `checkRecords` reads such a file again through this sink
 * when the engine finds an event starting before one already decided. Every record is held until the
 * end: memory grows with the file.
 */
export class NdjsonByStartSink implements LineRecordSink {
  out: TraceRecord[] = []
  private readonly parse = new NdjsonRecordSink()
  private held: Held[] = []
  private sec = Number.NEGATIVE_INFINITY
  private nsec = 0
  private readonly time: EventTimeSlot = { startSec: 0, startNsec: 0, endSec: 0, endNsec: 0 }

  line(text: string, line: number): void {
    this.parse.line(text, line)
    this.take()
  }

  invalidLine(line: number, message: string): void {
    this.parse.invalidLine(line, message)
    this.take()
  }

  finish(): void {
    const held = this.held
    this.held = []
    held.sort(byStart)
    for (const { record } of held) this.out.push(record)
  }

  private take(): void {
    for (const record of this.parse.out) {
      if (record.kind === 'event' && readEventTime(record, this.time) === HAS_TIME) {
        this.sec = this.time.startSec
        this.nsec = this.time.startNsec
      }
      this.held.push({ sec: this.sec, nsec: this.nsec, record })
    }
    this.parse.out.length = 0
  }
}
