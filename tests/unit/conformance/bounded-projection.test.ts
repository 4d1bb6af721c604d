import { describe, expect, test } from 'vitest'
import { boundedProjection } from '../../../src/conformance/bounded-projection.ts'

describe('boundedProjection', () => {
  const projection = (keys: string[]) => ({
    spec: 'kvonce',
    events: keys.length,
    keys: keys.length,
    perKey: Object.fromEntries(keys.map((k) => [k, { success: 1 }])),
  })

  test('leaves a projection within the cap as it is', () => {
    const p = projection(['a', 'b'])
    expect(boundedProjection(p, 2)).toBe(p)
  })

  test('keeps the first keys in first-seen order, exact totals, and counts the rest', () => {
    const bounded = boundedProjection(projection(['c', '__proto__', 'a', 'b']), 2)
    expect(bounded).toMatchObject({ spec: 'kvonce', events: 4, keys: 4, perKeyTruncated: 2 })
    expect(Object.keys(bounded.perKey as object)).toEqual(['c', '__proto__'])
    expect(JSON.parse(JSON.stringify(bounded)).perKey).toEqual({ c: { success: 1 }, ['__proto__']: { success: 1 } })
  })
})
