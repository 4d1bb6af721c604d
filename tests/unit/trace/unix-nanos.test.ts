import { describe, expect, test } from 'vitest'
import { unixNanosToIso } from '../../../src/trace/unix-nanos.ts'

describe('unixNanosToIso', () => {
  test('keeps every nanosecond', () => {
    expect(unixNanosToIso(1759558869137000001n)).toBe('2025-10-04T06:21:09.137000001Z')
    expect(unixNanosToIso(1759558869999999999n)).toBe('2025-10-04T06:21:09.999999999Z')
  })

  test('pads the fraction to nine digits', () => {
    expect(unixNanosToIso(1759558869200000000n)).toBe('2025-10-04T06:21:09.200000000Z')
    expect(unixNanosToIso(1n)).toBe('1970-01-01T00:00:00.000000001Z')
  })

  test('handles the largest unsigned 64-bit value', () => {
    expect(unixNanosToIso(18446744073709551615n)).toBe('2554-07-21T23:34:33.709551615Z')
  })
})
