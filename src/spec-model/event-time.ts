import type { TraceRecord } from '../trace/types.ts'
import { iso, readIso } from './iso-timestamp.ts'

const NANOS_PER_SECOND = 1_000_000_000n
const UNSIGNED = /^\d+$/

/**
 * Unix nanoseconds of an RFC 3339 date-time that `isIsoTimestamp` (iso-timestamp.ts) accepts, exactly (undefined for
 * any other string): fraction digits past the ninth are dropped (truncated toward the past). A leap
 * second (`:60`) counts as the next second.
 */
export function isoToUnixNanos(value: string): bigint | undefined {
  return readIso(value) ? toNanos(iso.sec, iso.nsec) : undefined
}

/**
 * Where {@link readEventTime} writes an event's time (one object reused: no allocation per event): each
 * instant as whole Unix seconds and nanoseconds within the second, two exact doubles compared in that
 * order, so that the streaming pass makes no BigInt per event. {@link toNanos} gives the bigint.
 */
export interface EventTimeSlot {
  startSec: number
  startNsec: number
  /** Infinity with `endNsec` 0 for an event of unknown outcome. */
  endSec: number
  endNsec: number
}

/** The exact Unix nanoseconds of a (seconds, nanoseconds) instant; undefined for Infinity (unknown outcome). */
export function toNanos(sec: number, nsec: number): bigint | undefined {
  return sec === Number.POSITIVE_INFINITY ? undefined : BigInt(sec) * NANOS_PER_SECOND + BigInt(nsec)
}

const splitSec = (nanos: bigint): number => Number(nanos >= 0n ? nanos / NANOS_PER_SECOND : -((-nanos + NANOS_PER_SECOND - 1n) / NANOS_PER_SECOND))
const splitNsec = (nanos: bigint, sec: number): number => Number(nanos - BigInt(sec) * NANOS_PER_SECOND)

/** An event without any time: ordered by its place in the file. */
export const NO_TIME = 0
/** The event's time was written to the slot. */
export const HAS_TIME = 1

/** A time field of an NDJSON event into iso.sec/iso.nsec, or a message. */
function readTimeField(value: unknown, field: string): string | undefined {
  if (typeof value === 'string') {
    // A date-time has "-" after its year: no regex for it (this runs for every start and end).
    if (value.charCodeAt(4) !== 45 && UNSIGNED.test(value)) {
      const nanos = BigInt(value)
      iso.sec = splitSec(nanos)
      iso.nsec = splitNsec(nanos, iso.sec)
      iso.last = undefined
      return undefined
    }
    if (readIso(value)) return undefined
  }
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value === 'bigint' ? `${value}` : (JSON.stringify(value) ?? String(value))
  return `"${field}" is ${shown}; expected an ISO 8601 date-time such as 2025-10-04T06:21:09.137Z, or Unix nanoseconds as a decimal string such as "1759558869137000000"`
}

/** The field that marks an event of unknown outcome (a client timed out): `true` there. */
export const INDETERMINATE_FIELD = 'indeterminate'

/**
 * When a record's event happened: the OTLP span's interval; for NDJSON `start` and `end` (`start`
 * alone: unknown outcome), else `timestamp` as a point. Writes it to `out` and returns HAS_TIME, or
 * returns NO_TIME when the event carries no time (it is then ordered by its place in the file).
 * `indeterminate: true` (an NDJSON field, or the span attribute `<domain>.event.indeterminate`) makes
 * the outcome unknown. A message when a time is malformed.
 */
export function readEventTime(record: Extract<TraceRecord, { kind: 'event' }>, out: EventTimeSlot): typeof NO_TIME | typeof HAS_TIME | string {
  const raw = record.event
  const unknown = raw[INDETERMINATE_FIELD]
  if (unknown !== undefined && typeof unknown !== 'boolean') return `"${INDETERMINATE_FIELD}" is ${JSON.stringify(unknown) ?? String(unknown)}; expected true or false`
  const interval = record.interval
  if (interval !== undefined) {
    out.startSec = splitSec(interval.start)
    out.startNsec = splitNsec(interval.start, out.startSec)
    const end = unknown === true ? undefined : (interval.end ?? interval.start)
    if (end === undefined) {
      out.endSec = Number.POSITIVE_INFINITY
      out.endNsec = 0
    } else {
      out.endSec = splitSec(end)
      out.endNsec = splitNsec(end, out.endSec)
    }
    return HAS_TIME
  }
  const start = raw.start
  const end = raw.end
  if (start === undefined) {
    if (end !== undefined) return '"end" is given without "start"; an interval needs both (or "start" alone for an operation of unknown outcome)'
    const ts = raw.timestamp
    // A malformed timestamp is the spec's to report (its parseEvent checks it): such an event has no time here.
    if (typeof ts !== 'string' || !readIso(ts)) return unknown === true ? '"indeterminate" needs a time: give "start" (or "timestamp")' : NO_TIME
    out.startSec = iso.sec
    out.startNsec = iso.nsec
    out.endSec = unknown === true ? Number.POSITIVE_INFINITY : iso.sec
    out.endNsec = unknown === true ? 0 : iso.nsec
    return HAS_TIME
  }
  const startProblem = readTimeField(start, 'start')
  if (startProblem !== undefined) return startProblem
  out.startSec = iso.sec
  out.startNsec = iso.nsec
  out.endSec = Number.POSITIVE_INFINITY
  out.endNsec = 0
  if (end === undefined) return HAS_TIME
  const endProblem = readTimeField(end, 'end')
  if (endProblem !== undefined) return endProblem
  if (iso.sec < out.startSec || (iso.sec === out.startSec && iso.nsec < out.startNsec)) return `"end" (${String(end)}) is before "start" (${String(start)})`
  if (unknown !== true) {
    out.endSec = iso.sec
    out.endNsec = iso.nsec
  }
  return HAS_TIME
}
