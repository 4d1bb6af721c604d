import { describe, expect, test } from 'vitest'
import { checkRecords } from '../../../src/conformance/check-trace.ts'
import { inventory } from '../../../src/built-in-specs/inventory/spec.ts'
import { recordsOf } from './records.ts'
import { projectionRecord } from '../../../src/spec-model/projection-record.ts'

type E = Record<string, unknown>
const stock = (key: string, onHand: number, allocated: number, extra: E = {}): E => ({ type: 'stock', key, onHand, allocated, ...extra })
const move = (type: string, key: string, quantity: number, extra: E = {}): E => ({ type, key, quantity, ...extra })

async function violations(lines: E[], specOptions?: object) {
  const result = await checkRecords(inventory, recordsOf(lines), { specOptions })
  return result.rules.flatMap((o) => o.violations.map((v) => ({ rule: v.rule, line: v.line })))
}

const cases: Array<{ rule: string; breaks: E[]; line: number; keeps: E[]; options?: object }> = [
  { rule: 'allocated-exceeds-on-hand', breaks: [stock('a', 2, 0), move('reserve', 'a', 3)], line: 2, keeps: [stock('a', 3, 0), move('reserve', 'a', 3)] },
  { rule: 'on-hand-below-minimum', breaks: [stock('a', 5, 0), move('ship', 'a', 0), move('ship', 'a', 4)], line: 3, keeps: [stock('a', 5, 0), move('ship', 'a', 3)], options: { minOnHand: 2 } },
  { rule: 'available-mismatch', breaks: [stock('a', 5, 1, { available: 5 })], line: 1, keeps: [stock('a', 5, 1, { available: 4 }), move('reserve', 'a', 1, { available: 3 })] },
  { rule: 'validation-failed', breaks: [stock('a', 1, 0), { type: 'validation', key: 'a', result: 'fail', reason: 'negative stock' }], line: 2, keeps: [stock('a', 1, 0), { type: 'validation', key: 'a', result: 'pass' }] },
  { rule: 'event-schema', breaks: [stock('a', 1, 0), { type: 'reserve', key: 'a', quantity: -1 }], line: 2, keeps: [stock('a', 1, 0), move('release', 'a', 0)] },
]

describe('inventory rules', () => {
  for (const c of cases) {
    test(`${c.rule}: reported at the breaking line and nowhere else`, async () => {
      expect(await violations(c.breaks, c.options)).toEqual([{ rule: c.rule, line: c.line }])
    })
    test(`${c.rule}: a close trace that keeps the rule has no violations`, async () => {
      expect(await violations(c.keeps, c.options)).toEqual([])
    })
  }

  test('an invariant is reported when it starts to fail, and again only after it held in between', async () => {
    const lines = [stock('a', 1, 0), move('reserve', 'a', 2), move('reserve', 'a', 1), move('restock', 'a', 5), move('reserve', 'a', 9)]
    expect(await violations(lines)).toEqual([
      { rule: 'allocated-exceeds-on-hand', line: 2 },
      { rule: 'allocated-exceeds-on-hand', line: 5 },
    ])
  })

  test('messages carry the figures', async () => {
    const result = await checkRecords(inventory, recordsOf([stock('sku', 4, 1, { available: 2 })]))
    expect(result.rules.find((o) => o.rule === 'available-mismatch')!.violations[0]!.message).toBe(
      'reported available 2 but on hand 4 − allocated 1 = 3',
    )
  })

  test('the projection has per-item figures', async () => {
    const result = await checkRecords(inventory, recordsOf([stock('a', 4, 1), move('reserve', 'a', 2)]))
    expect(projectionRecord(result.projection)).toMatchObject({ spec: 'inventory', events: 2, keys: 1, perKey: { a: { stock: 1, reserve: 1, onHand: 4, allocated: 3, available: 1 } } })
  })
})
