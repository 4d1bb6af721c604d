import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
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
