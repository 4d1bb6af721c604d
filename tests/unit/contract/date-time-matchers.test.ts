import { describe, expect, test } from 'vitest'
import { matchBody } from '../../../src/contract/match-body.ts'
import { normalizeMatchingRules } from '../../../src/contract/matching-rules.ts'
import { dateTimeProblem, formatDate, type DateParts } from '../../../src/contract/pact-date-pattern.ts'

/** A v3/v4 body with one value under one rule, as a pact file writes it. */
function check(rule: Record<string, unknown>, actual: unknown, expected: unknown = 'example') {
  const rules = normalizeMatchingRules({ body: { '$.at': { matchers: [rule] } } }, 3).body
  return matchBody({ at: expected }, { at: actual }, rules, { allowUnexpectedKeys: true })
}

describe('date/time patterns, read as the official Pact verifier reads them', () => {
  test.each([
    ["yyyy-MM-dd'T'HH:mm:ss.SSSX", '2024-01-02T03:04:05.678Z'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSX", '2024-01-02T03:04:05.678+01'],
    ["yyyy-MM-dd'T'HH:mm:ssXXX", '2024-01-02T03:04:05+01:00'],
    ['yyyy-MM-dd HH:mm:ssZ', '2024-01-02 03:04:05+0100'],
    ['dd/MM/yyyy', '29/02/2024'],
    ['HH:mm', '23:59'],
  ])('%s accepts %s', (pattern, text) => {
    expect(dateTimeProblem(pattern, text)).toBeUndefined()
  })

  test.each([
    ['yyyy-MM-dd', '2023-02-29', 'not a leap year'],
    ['yyyy-MM-dd', '2024-02-30', 'Invalid date'],
    ['yyyy-MM-dd', '2024-13-01', 'MonthOfYear'],
    ['HH:mm:ss', '24:00:00', 'HourOfDay'],
    ['yyyy-MM-dd', '2024-01-02T00:00', 'unparsed text'],
    ['yyyy-MM-dd', '2024/01/02', 'could not be parsed'],
    ["yyyy-MM-dd'T'HH:mm:ssXXX", '2024-01-02T03:04:05', 'could not be parsed'],
  ])('%s refuses %s (%s)', (pattern, text) => {
    // the official verifier refuses each of these too (tests/integration/pact-date-differential.test.ts)
    expect(dateTimeProblem(pattern, text)).toEqual(expect.any(String))
  })

  test.each([
    ['EEE, dd MMM yyyy HH:mm:ss z', 'Tue, 15 Nov 1994 08:12:31 GMT'],
    ['EEE, dd MMM yyyy HH:mm:ss z', 'wed, 15 NOV 1994 08:12:31 PST'],
    ['EEEE, dd MMMM yyyy', 'Tuesday, 15 November 1994'],
    ['hh:mm a', '08:12 pm'],
    ['dd MMM yyyy G', '15 Nov 1994 AD'],
    ['yyyy-MM-dd', '2024-1-5'],
    ['yyyyMMdd', '20240105'],
    ['HH:mm:ss', '23:59:60'],
  ])('as the official verifier, %s accepts %s (English names in any case, numeric fields of any width up to the letters)', (pattern, text) => {
    expect(dateTimeProblem(pattern, text)).toBeUndefined()
  })

  test.each([
    ['EEE, dd MMM yyyy HH:mm:ss z', 'Tue, 15 Nov 1994 08:12:31 UTC'],
    ['EEEE, dd MMMM yyyy', 'Tue, 15 November 1994'],
    ['MMM yyyy', 'Sept 1994'],
    ['hh:mm a', '00:12 AM'],
    ['yyyy-MM-dd', '02024-01-05'],
    ['dd MMM yyyy', '15 Nov  1994'],
  ])('as the official verifier, %s refuses %s', (pattern, text) => {
    expect(dateTimeProblem(pattern, text)).toEqual(expect.any(String))
  })

  test('an optional section [.SSS] is refused with the reason, as the official verifier fails every value of such a pattern', () => {
    expect(dateTimeProblem("yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX", '2024-01-02T03:04:05Z')).toContain('optional section')
  })

  test('a hostile pattern of adjacent numeric fields is refused within a bound, never a hang', () => {
    const started = performance.now()
    expect(dateTimeProblem('ymd'.repeat(40), '1'.repeat(150))).toEqual(expect.any(String))
    expect(performance.now() - started).toBeLessThan(5000)
  })

})

// 2024-05-07 (a Tuesday) 03:04:05.006007008 at offset 0
const PARTS: DateParts = { year: 2024, month: 5, day: 7, dayOfYear: 128, dayOfWeek: 2, hour: 3, minute: 4, second: 5, nano: 6_007_008, offsetSeconds: 0 }

describe('generated dates are written in the pattern, and read back under it', () => {
  test.each([
    ["yyyy-MM-dd'T'HH:mm:ss.SSSX", '2024-05-07T03:04:05.006Z'],
    ["yyyy-MM-dd'T'HH:mm:ssXXX", '2024-05-07T03:04:05Z'],
    ['EEE, dd MMM yyyy HH:mm:ss z', 'Tue, 07 May 2024 03:04:05 GMT'],
    ['EEEE d MMMM yy, h:mm a G', 'Tuesday 7 May 24, 3:04 AM AD'],
    ["D 'day' Q", '128 day 2'],
  ])('%s writes %s', (pattern, text) => {
    expect(formatDate(pattern, PARTS)).toBe(text)
    expect(dateTimeProblem(pattern, text)).toBeUndefined()
  })

  test('offsets other than zero: X, XX, XXX, x and Z as java.time writes them; z only at offset 0', () => {
    const at = { ...PARTS, offsetSeconds: -(5 * 3600 + 30 * 60) }
    expect(['X', 'XX', 'XXX', 'x', 'Z', 'ZZZZZ'].map((p) => formatDate(p, at))).toEqual(['-0530', '-0530', '-05:30', '-0530', '-0530', '-05:30'])
    expect(formatDate('z', at)).toEqual({ problem: expect.stringContaining('offset 0') })
  })

  test('a pattern the official verifier does not read cannot be written either: the reason, no exception', () => {
    for (const p of ['EEEEE', 'MMMMM', 'zzzz', 'aa', 'w', 'Y', 'e', 'O', '[.SSS]', 'yyyy-MM-dd {'])
      expect(formatDate(p, PARTS), p).toEqual({ problem: expect.stringContaining('cannot be used') })
  })
})

describe('date, time, timestamp and datetime matchers', () => {
  test('v3/v4 "format", and the older keys named after the matcher', () => {
    expect(check({ match: 'date', format: 'yyyy-MM-dd' }, '2024-05-06')).toEqual([])
    expect(check({ match: 'date', date: 'dd.MM.yyyy' }, '06.05.2024')).toEqual([])
    expect(check({ match: 'time', time: 'HH:mm' }, '12:30')).toEqual([])
    expect(check({ match: 'timestamp', timestamp: 'yyyy-MM-dd HH:mm:ss' }, '2024-05-06 12:30:00')).toEqual([])
    expect(check({ match: 'datetime', format: "yyyy-MM-dd'T'HH:mm:ss.SSSX" }, '2024-05-06T12:30:00.000Z')).toEqual([])
  })

  test('a value outside the pattern is a mismatch at its JSON path naming the pattern', () => {
    expect(check({ match: 'date', format: 'yyyy-MM-dd' }, '06/05/2024')).toMatchObject([
      { kind: 'date', path: '$.body.at', expected: 'yyyy-MM-dd', message: expect.stringContaining('"yyyy-MM-dd"') },
    ])
    expect(check({ match: 'timestamp', format: "yyyy-MM-dd'T'HH:mm:ss.SSSX" }, '2024-05-06T12:30:00Z')).toMatchObject([{ kind: 'timestamp' }])
    expect(check({ match: 'time', format: 'HH:mm:ss' }, 123)).toMatchObject([{ kind: 'time' }])
    expect(check({ match: 'date' }, null)).toMatchObject([{ kind: 'date', message: expect.stringContaining('null') }])
  })

  test("Pact's defaults without a format: yyyy-MM-dd, HH:mm:ss, yyyy-MM-dd'T'HH:mm:ssXXX", () => {
    expect(check({ match: 'date' }, '2024-05-06')).toEqual([])
    expect(check({ match: 'date' }, '2024-05-06T00:00:00Z')).toHaveLength(1)
    expect(check({ match: 'time' }, '12:30:59')).toEqual([])
    expect(check({ match: 'time' }, '12:30')).toHaveLength(1)
    expect(check({ match: 'timestamp' }, '2024-05-06T12:30:59+02:00')).toEqual([])
    expect(check({ match: 'timestamp' }, '2024-05-06T12:30:59Z')).toEqual([])
    expect(check({ match: 'timestamp' }, '2024-05-06 12:30:59')).toHaveLength(1)
  })

  test('a pattern with a letter the official verifier does not read fails the value with the reason (never passes, never throws)', () => {
    for (const format of ['EEEEE, dd MMM yyyy', 'dd MMM yyyy zzzz', 'yyyy-ww'])
      expect(check({ match: 'timestamp', format }, 'Mon, 06 May 2024'), format).toMatchObject([{ kind: 'timestamp', message: expect.stringContaining('cannot be used') }])
    expect(check({ match: 'timestamp', format: 'EEE, dd MMM yyyy' }, 'Mon, 06 May 2024')).toEqual([])
  })
})

describe('zone ids are not read', () => {
  test('VV is refused: a mismatch, not a pass', () => {
    expect(dateTimeProblem("yyyy-MM-dd'T'HH:mm:ssVV", '2024-01-02T03:04:05Europe/Paris')).toBeDefined()
  })
})
