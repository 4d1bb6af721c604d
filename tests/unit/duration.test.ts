import { expect, test } from 'vitest'
import { parseTimeout } from '../../src/duration.ts'

test('a timeout is a whole number of milliseconds or a duration string with its unit', () => {
  expect([parseTimeout(1500), parseTimeout('500ms'), parseTimeout('60s'), parseTimeout('2m'), parseTimeout('1h'), parseTimeout('1.5s')]).toEqual([1500, 500, 60_000, 120_000, 3_600_000, 1500])
})

test('a string without a unit, a fraction of a millisecond, zero or a negative number is refused, not guessed', () => {
  expect([parseTimeout('60'), parseTimeout(1.5), parseTimeout(0), parseTimeout(-1), parseTimeout('0s'), parseTimeout('soon'), parseTimeout(null)]).toEqual([
    undefined, undefined, undefined, undefined, undefined, undefined, undefined,
  ])
})
