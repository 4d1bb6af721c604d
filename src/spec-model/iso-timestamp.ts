// RFC 3339 profile of ISO 8601: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. Date.parse alone is too
// lenient (it accepts "2025-02-30" and space-separated forms). Checked with char codes rather than a
// regex and Date: this runs once per event of million-event traces. readIso also reads the instant, so
// a spec that checks a timestamp and the engine that orders by it parse each string once between them.

export const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The decimal digit at `i`, or a large negative number that makes any sum of digits negative. */
export function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : -1000
}

export function twoDigits(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1)
}

/** Whether `value` is such a date-time; what it reads stays in {@link iso}, so the engine's read of the same string is free. */
export function isIsoTimestamp(value: string): boolean {
  return readIso(value)
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

/** What {@link readIso} read (a constant object: property stores are cheaper than module `let`s). */
export const iso: { sec: number; nsec: number; prefix: string; prefixEnd: string; localSec: number; offset: number; last: string | undefined } = {
  sec: 0,
  nsec: 0,
  prefix: '\u0000',
  prefixEnd: '\u0000',
  localSec: 0,
  offset: 0,
  last: undefined,
}
const prefixCodes: number[] = new Array<number>(20).fill(0)


/**
 * Parses an RFC 3339 date-time into iso.sec/iso.nsec; false when it is not one. Validates and reads
 * in one pass (this runs once per event).
 */
export function readIso(value: string): boolean {
  // The string last read, again (a spec's parseEvent checks the timestamp, then the engine reads it):
  // one pointer comparison, iso still holds its figures.
  if (value === iso.last) return true
  const n = value.length
  if (n < 20) return false
  // Consecutive events mostly share their date and second: those 19 characters, once validated, give
  // the same seconds again (the fraction and the zone are read each time).
  // `value` starts with the prefix iff prefix <= value < prefix + "~" (every character that may follow
  // the seconds sorts before "~"): two comparisons of flat one-byte strings, far cheaper than startsWith.
  if (value >= iso.prefix && value < iso.prefixEnd) {
    if (!readIsoTail(value)) return false
    iso.sec = iso.localSec - iso.offset
    iso.last = value
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
  iso.last = value
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

