import type { TraceRecord } from '../trace/types.ts'
import { DAYS_IN_MONTH, digit, twoDigits } from './iso-timestamp.ts'

const NANOS_PER_SECOND = 1_000_000_000n
const UNSIGNED = /^\d+$/

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

/** What {@link readIso} read (a constant object: property stores are cheaper than module `let`s). */
const iso = { sec: 0, nsec: 0, prefix: '\u0000', prefixEnd: '\u0000', localSec: 0, offset: 0 }
const prefixCodes: number[] = new Array<number>(20).fill(0)


/**
 * Parses an RFC 3339 date-time into iso.sec/iso.nsec; false when it is not one. Accepts exactly what
 * `isIsoTimestamp` (iso-timestamp.ts) accepts, validating and reading in one pass (this runs once per event).
 */
function readIso(value: string): boolean {
  const n = value.length
  if (n < 20) return false
  // Consecutive events mostly share their date and second: those 19 characters, once validated, give
  // the same seconds again (the fraction and the zone are read each time).
  // `value` starts with the prefix iff prefix <= value < prefix + "~" (every character that may follow
  // the seconds sorts before "~"): two comparisons of flat one-byte strings, far cheaper than startsWith.
  if (value >= iso.prefix && value < iso.prefixEnd) {
    if (!readIsoTail(value)) return false
    iso.sec = iso.localSec - iso.offset
    return true
  }
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2)
  const month = twoDigits(value, 5)
  const day = twoDigits(value, 8)
  const hour = twoDigits(value, 11)
  const minute = twoDigits(value, 14)
  const second = twoDigits(value, 17)
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return false
  const t = value.charCodeAt(10)
  if (t !== 84 /* T */ && t !== 116 /* t */) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month]!)) return false
  const local = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
  if (!readIsoTail(value)) return false
  iso.sec = local - iso.offset
  // The first 19 characters last read and validated, and their seconds before the zone offset.
  // Flat copies (a slice would be a sliced string, slower to compare on every later event).
  for (let i = 0; i < 19; i++) prefixCodes[i] = value.charCodeAt(i)
  prefixCodes[19] = 126 /* ~ */
  iso.prefixEnd = String.fromCharCode(...prefixCodes)
  iso.prefix = String.fromCharCode(...prefixCodes.slice(0, 19))
  iso.localSec = local
  return true
}


/**
 * The fraction and zone after the 19 characters of date and time, into iso.nsec and iso.offset (the
 * caller subtracts the offset: the seconds, past 2^30, are not passed as an argument, which could box them).
 */
function readIsoTail(value: string): boolean {
  const n = value.length
  let i = 19
  let fraction = 0
  if (value.charCodeAt(i) === 46 /* . */) {
    i++
    const first = i
    let scale = 9
    while (i < n) {
      const d = value.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      if (scale > 0) {
        fraction = fraction * 10 + d
        scale--
      }
      i++
    }
    if (i === first) return false
    while (scale-- > 0) fraction *= 10
  }
  const zone = value.charCodeAt(i)
  let offset = 0
  if (zone === 90 /* Z */ || zone === 122 /* z */) {
    if (i + 1 !== n) return false
  } else {
    if (zone !== 43 /* + */ && zone !== 45 /* - */) return false
    if (i + 6 !== n || value.charCodeAt(i + 3) !== 58) return false
    const zoneHour = twoDigits(value, i + 1)
    const zoneMinute = twoDigits(value, i + 4)
    if (zoneHour < 0 || zoneMinute < 0) return false
    offset = (zoneHour * 3600 + zoneMinute * 60) * (zone === 43 ? 1 : -1)
  }
  iso.offset = offset
  iso.nsec = fraction
  return true
}

/** A time field of an NDJSON event into iso.sec/iso.nsec, or a message. */
function readTimeField(value: unknown, field: string): string | undefined {
  if (typeof value === 'string') {
    // A date-time has "-" after its year: no regex for it (this runs for every start and end).
    if (value.charCodeAt(4) !== 45 && UNSIGNED.test(value)) {
      const nanos = BigInt(value)
      iso.sec = splitSec(nanos)
      iso.nsec = splitNsec(nanos, iso.sec)
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
