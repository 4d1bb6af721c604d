import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isoToUnixNanos } from '../../../src/spec-model/event-time.ts'
import { isIsoTimestamp } from '../../../src/spec-model/iso-timestamp.ts'

// The plain definition the fast checker must agree with: the RFC 3339 shape, then a real calendar date.
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/
function reference(value: string): boolean {
  const m = SHAPE.exec(value)
  if (!m) return false
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
}

describe('isIsoTimestamp', () => {
  test.each([
    ['2025-10-04T06:21:09.137Z', true],
    ['2025-10-04t06:21:09z', true],
    ['2024-02-29T00:00:00+09:00', true],
    ['2016-12-31T23:59:60Z', true],
    ['2025-02-29T00:00:00Z', false],
    ['1900-02-29T00:00:00Z', false],
    ['2000-02-29T00:00:00Z', true],
    ['2025-04-31T00:00:00Z', false],
    ['2025-10-04 06:21:09Z', false],
    ['2025-10-04T06:21:09', false],
    ['2025-10-04T06:21:09.Z', false],
    ['2025-10-04T24:00:00Z', false],
    ['2025-10-04T06:21:09+0900', false],
    ['2025-10-04T06:21:09Zjunk', false],
    ['２０２５-10-04T06:21:09Z', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoTimestamp(value)).toBe(expected)
  })

  test('agrees with the regex-and-calendar definition on generated near-timestamps', () => {
    const digits = (n: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '5', '9'), minLength: n, maxLength: n })
    const nearTimestamp = fc
      .tuple(
        digits(4),
        fc.constantFrom('-', '/'),
        digits(2),
        digits(2),
        fc.constantFrom('T', 't', ' '),
        digits(2),
        digits(2),
        digits(2),
        fc.constantFrom('', '.', '.1', '.123456789', '.x'),
        fc.constantFrom('Z', 'z', '+09:00', '-00:30', '+0900', '', 'Z '),
      )
      .map(([y, sep, mo, d, t, h, mi, s, frac, zone]) => `${y}${sep}${mo}-${d}${t}${h}:${mi}:${s}${frac}${zone}`)
    fc.assert(fc.property(fc.oneof(nearTimestamp, fc.string()), (value) => isIsoTimestamp(value) === reference(value)), { numRuns: 20_000 })
  })
})

describe('the time reader behind isIsoTimestamp', () => {
  test('the time reader (with its cache of the last date and second, and of the last string) accepts exactly the reference date-times', () => {
    const samples = [
      '2025-10-04T06:21:09Z', '2025-10-04t06:21:09.1z', '2024-02-29T00:00:00+05:30', '2025-02-29T00:00:00Z', '2025-10-04T24:00:00Z',
      '2025-10-04T06:21:60Z', '2025-10-04 06:21:09Z', '2025-10-04T06:21:09.Z', '2025-10-04T06:21:09', '2025-10-04T06:21:09+0100',
      '2025-13-04T06:21:09Z', '2025-10-04T06:21:09.123456789123Z', '2025-10-04T06:21:09ZZ', 'x025-10-04T06:21:09Z', '1900-02-29T00:00:00Z',
      // The same date and second in a row (the reader reuses them): only the tail differs.
      '2025-10-04T06:21:09.5Z', '2025-10-04T06:21:09.Z', '2025-10-04T06:21:09+01:00', '2025-10-04T06:21:09+01', '2025-10-04T06:21:09.25-02:30',
      // After a cached prefix, tails that sort around it (the prefix test compares strings): "~", past "~", a bare prefix.
      '2025-10-04T06:21:09.5Z', '2025-10-04T06:21:09~', '2025-10-04T06:21:09\u00e9Z', '2025-10-04T06:21:09', '2025-10-04T06:21:09}Z', '2025-10-04T06:21:09.5ZZ',
      '2025-10-04T06:21:09.5\u00e9', '2025-10-04T06:21:09!.5Z', '2025-10-04T06:21:0', '2025-10-04T06:21:10.000Z',
    ]
    for (const sample of samples) {
      expect(isoToUnixNanos(sample) !== undefined, sample).toBe(reference(sample))
      expect(isIsoTimestamp(sample), sample).toBe(reference(sample))
    }
  })

  test('checking a string, then reading another, then the first again gives each its own instant', () => {
    const a = '2025-10-04T06:21:09.137Z'
    const b = '2025-10-04T06:21:10.5+01:00'
    expect(isIsoTimestamp(a)).toBe(true)
    expect(isoToUnixNanos(b)).toBe(1759555270500000000n)
    expect(isoToUnixNanos(a)).toBe(1759558869137000000n)
    expect(isIsoTimestamp('2025-10-04T06:21:09.137Zx')).toBe(false)
    expect(isoToUnixNanos(a)).toBe(1759558869137000000n)
  })
})
