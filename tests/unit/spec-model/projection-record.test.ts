import { describe, expect, test } from 'vitest'
import { perKeyOfEntries, projectionRecord } from '../../../src/spec-model/projection-record.ts'
import type { Projection } from '../../../src/spec-model/types.ts'

describe('projectionRecord', () => {
  const projection = (keys: string[]): Projection => ({
    fields: { spec: 'kvonce', events: keys.length, keys: keys.length },
    perKey: perKeyOfEntries(keys.map((k) => [k, { success: 1 }] as const)),
  })

  test('a projection within the cap: every key, no perKeyTruncated', () => {
    expect(projectionRecord(projection(['a', 'b']), 2)).toEqual({ spec: 'kvonce', events: 2, keys: 2, perKey: { a: { success: 1 }, b: { success: 1 } } })
  })

  test('keeps the first keys in first-seen order, exact totals, and counts the rest', () => {
    const bounded = projectionRecord(projection(['c', '__proto__', 'a', 'b']), 2)
    expect(bounded).toMatchObject({ spec: 'kvonce', events: 4, keys: 4, perKeyTruncated: 2 })
    expect(Object.keys(bounded.perKey as object)).toEqual(['c', '__proto__'])
    expect(JSON.parse(JSON.stringify(bounded)).perKey).toEqual({ c: { success: 1 }, ['__proto__']: { success: 1 } })
  })

  test('counts come first, zeros left out, and further figures named as a column replace its count', () => {
    const record = projectionRecord({
      fields: { spec: 's' },
      perKey: {
        size: 2,
        key: (i) => ['x', 'y'][i]!,
        columns: ['put', 'get'],
        count: (i, c) => [[2, 0], [1, 3]][i]![c]!,
        extra: (i) => (i === 0 ? { size: 1 } : { get: 'replaced' }),
      },
    })
    expect(JSON.stringify(record.perKey)).toBe('{"x":{"put":2,"size":1},"y":{"put":1,"get":"replaced"}}')
  })
})
