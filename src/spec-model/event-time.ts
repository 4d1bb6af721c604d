import { isIsoTimestamp } from './iso-timestamp.ts'
import type { TraceRecord } from '../trace/types.ts'

const NANOS_PER_SECOND = 1_000_000_000n
const UNSIGNED = /^\d+$/

function digits(s: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48)
  return n
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/**
 * Unix nanoseconds of an RFC 3339 date-time that {@link isIsoTimestamp} accepts, exactly: fraction
 * digits past the ninth are dropped (truncated toward the past). A leap second (`:60`) counts as the
 * next second.
 */
export function isoToUnixNanos(iso: string): bigint {
  const seconds = daysFromCivil(digits(iso, 0, 4), digits(iso, 5, 7), digits(iso, 8, 10)) * 86400 + digits(iso, 11, 13) * 3600 + digits(iso, 14, 16) * 60 + digits(iso, 17, 19)
  let i = 19
  let fraction = 0
  if (iso.charCodeAt(i) === 46 /* . */) {
    i++
    let scale = 9
    while (i < iso.length) {
      const d = iso.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      if (scale > 0) {
        fraction = fraction * 10 + d
        scale--
      }
      i++
    }
    while (scale-- > 0) fraction *= 10
  }
  let offset = 0
  const zone = iso.charCodeAt(i)
  if (zone === 43 /* + */ || zone === 45 /* - */) {
    offset = (digits(iso, i + 1, i + 3) * 3600 + digits(iso, i + 4, i + 6) * 60) * (zone === 43 ? 1 : -1)
  }
  const unix = seconds - offset
  // Microseconds fit a double exactly until the year 2255: one BigInt and one product for most times.
  const micros = Math.floor(fraction / 1000)
  const nanos = fraction - micros * 1000
  if (Math.abs(unix) < 8_000_000_000) {
    const exact = BigInt(unix * 1_000_000 + micros) * 1000n
    return nanos === 0 ? exact : exact + BigInt(nanos)
  }
  const whole = BigInt(unix) * NANOS_PER_SECOND
  return fraction === 0 ? whole : whole + BigInt(fraction)
}

/** A time field of an NDJSON event: an ISO 8601 date-time or Unix nanoseconds as a decimal string. */
function readTime(value: unknown, field: string): bigint | string {
  if (typeof value === 'string') {
    if (UNSIGNED.test(value)) return BigInt(value)
    if (isIsoTimestamp(value)) return isoToUnixNanos(value)
  }
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value === 'bigint' ? `${value}` : JSON.stringify(value) ?? String(value)
  return `"${field}" is ${shown}; expected an ISO 8601 date-time such as 2025-10-04T06:21:09.137Z, or Unix nanoseconds as a decimal string such as "1759558869137000000"`
}

/** The field that marks an event of unknown outcome (a client timed out): `true` there. */
export const INDETERMINATE_FIELD = 'indeterminate'

/** Where {@link readEventTime} writes an event's time (one object reused: no allocation per event). */
export interface EventTimeSlot {
  start: bigint
  /** undefined: unknown outcome. */
  end: bigint | undefined
}

/** An event without any time: ordered by its place in the file. */
export const NO_TIME = 0
/** The event's time was written to the slot. */
export const HAS_TIME = 1

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
    out.start = interval.start
    out.end = unknown === true ? undefined : (interval.end ?? interval.start)
    return HAS_TIME
  }
  const start = raw.start
  const end = raw.end
  if (start === undefined) {
    if (end !== undefined) return '"end" is given without "start"; an interval needs both (or "start" alone for an operation of unknown outcome)'
    const ts = raw.timestamp
    // A malformed timestamp is the spec's to report (its parseEvent checks it): such an event has no time here.
    const at = typeof ts === 'string' ? isoToUnixNanosChecked(ts) : undefined
    if (at === undefined) return unknown === true ? '"indeterminate" needs a time: give "start" (or "timestamp")' : NO_TIME
    out.start = at
    out.end = unknown === true ? undefined : at
    return HAS_TIME
  }
  const from = readTime(start, 'start')
  if (typeof from === 'string') return from
  out.start = from
  if (end === undefined) {
    out.end = undefined
    return HAS_TIME
  }
  const to = readTime(end, 'end')
  if (typeof to === 'string') return to
  if (to < from) return `"end" (${String(end)}) is before "start" (${String(start)})`
  out.end = unknown === true ? undefined : to
  return HAS_TIME
}

/** {@link isoToUnixNanos} of a string that {@link isIsoTimestamp} accepts, else undefined. */
export function isoToUnixNanosChecked(value: string): bigint | undefined {
  return isIsoTimestamp(value) ? isoToUnixNanos(value) : undefined
}
