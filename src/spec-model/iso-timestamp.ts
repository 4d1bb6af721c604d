// RFC 3339 profile of ISO 8601: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. Date.parse alone is too
// lenient (it accepts "2025-02-30" and space-separated forms). Checked with char codes rather than a
// regex and Date: this runs once per event of million-event traces.

export const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The decimal digit at `i`, or a large negative number that makes any sum of digits negative. */
export function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : -1000
}

export function twoDigits(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1)
}

export function isIsoTimestamp(value: string): boolean {
  const n = value.length
  if (n < 20) return false
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2)
  const month = twoDigits(value, 5)
  const day = twoDigits(value, 8)
  const hour = twoDigits(value, 11)
  const minute = twoDigits(value, 14)
  const second = twoDigits(value, 17)
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false
  if (value[4] !== '-' || value[7] !== '-' || value[13] !== ':' || value[16] !== ':') return false
  const t = value[10]
  if (t !== 'T' && t !== 't') return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month]!)) return false
  let i = 19
  if (value[i] === '.') {
    i++
    const start = i
    while (i < n && digit(value, i) >= 0) i++
    if (i === start) return false
  }
  const zone = value[i]
  if (zone === 'Z' || zone === 'z') return i + 1 === n
  if (zone !== '+' && zone !== '-') return false
  if (i + 6 !== n || value[i + 3] !== ':') return false
  const zoneHour = twoDigits(value, i + 1)
  const zoneMinute = twoDigits(value, i + 4)
  return zoneHour >= 0 && zoneMinute >= 0
}
