import { describe, expect, test } from 'vitest'
import { resolveNumRuns, resolveSeed } from '../../../src/property/seed.ts'

describe('resolveSeed', () => {
  test('SPEC_CI_SEED wins over Vitest’s sequence seed', () => {
    expect(resolveSeed('42', 7)).toEqual({ seed: 42, source: 'SPEC_CI_SEED' })
  })

  test('without SPEC_CI_SEED, --sequence.seed is used, folded to the 32-bit seed fast-check takes', () => {
    expect(resolveSeed(undefined, 1234)).toEqual({ seed: 1234, source: 'sequence.seed' })
    const folded = resolveSeed('', 1_764_000_000_123)
    expect(folded.source).toBe('sequence.seed')
    expect(folded.seed).toBe(1_764_000_000_123 | 0)
    // The printed seed replays: feeding it back gives the same seed.
    expect(resolveSeed(String(folded.seed), undefined).seed).toBe(folded.seed)
  })

  test('with neither, the seed is random', () => {
    expect(resolveSeed(undefined, undefined, () => 0.5)).toEqual({ seed: 0x8000_0000 | 0, source: 'random' })
  })

  test('a SPEC_CI_SEED that is not an integer is refused with what to write instead', () => {
    expect(() => resolveSeed('abc', undefined)).toThrow('SPEC_CI_SEED is "abc"; expected an integer such as 42')
  })
})

describe('resolveNumRuns', () => {
  test('SPEC_CI_NUM_RUNS overrides the configured count, which overrides the default', () => {
    expect(resolveNumRuns('25', 200)).toBe(25)
    expect(resolveNumRuns(undefined, 200)).toBe(200)
    expect(resolveNumRuns(undefined, undefined)).toBe(100)
  })

  test('counts that are not positive integers are refused', () => {
    expect(() => resolveNumRuns('0', 200)).toThrow('SPEC_CI_NUM_RUNS is "0"; expected a positive integer')
    expect(() => resolveNumRuns(undefined, 1.5)).toThrow('numRuns is 1.5; expected a positive integer')
  })
})
