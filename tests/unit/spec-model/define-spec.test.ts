import { describe, expect, test } from 'vitest'
import { checkRecords } from '../../../src/conformance/check-trace.ts'
import { defineSpec } from '../../../src/spec-model/define-spec.ts'
import { recordsOf } from '../built-in-specs/records.ts'
import { projectionRecord } from '../../../src/spec-model/projection-record.ts'
import type { TraceRecord } from '../../../src/trace/types.ts'

// A spec with many event types and an invariant, to exercise the per-key bookkeeping of the engine.
const counter = defineSpec({
  name: 'counter',
  defaultOptions: { max: 2 },
  rules: {},
  parseEvent: (raw) =>
    typeof raw.type === 'string' && typeof raw.key === 'string'
      ? { ok: true, event: { type: raw.type, key: raw.key } }
      : { ok: false, message: 'expected { type, key }' },
  initialState: () => ({ n: 0 }),
  apply: (state, event) => ({ n: event.type === 'reset' ? 0 : state.n + 1 }),
  invariants: {
    'at-most-max': { description: 'n stays at most max', check: (state, o) => (state.n > o.max ? `n is ${state.n}` : undefined) },
  },
  project: (state) => ({ n: state.n }),
})

const ev = (type: string, key: string) => ({ type, key })

describe('defineSpec engine', () => {
  test('counts events per key and type, across more types than first planned for, keys in first-seen order', async () => {
    const types = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
    const lines = [ev('a', 'x'), ev('a', '__proto__'), ...types.map((t) => ev(t, 'toString')), ev('i', 'x')]
    const result = await checkRecords(counter, recordsOf(lines), { specOptions: { max: 100 } })
    expect(projectionRecord(result.projection)).toEqual({
      spec: 'counter',
      events: 12,
      keys: 3,
      eventsByType: { a: 3, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1, i: 2 },
      perKey: {
        x: { a: 1, i: 1, n: 2 },
        ['__proto__']: { a: 1, n: 1 },
        toString: { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1, i: 1, n: 9 },
      },
    })
    expect(Object.keys(projectionRecord(result.projection).perKey as object)).toEqual(['x', '__proto__', 'toString'])
  })

  test('prefetch only looks keys up: it counts those already seen, and the checker is left as it was', () => {
    const fail = (): void => {
      throw new Error('prefetch must not report')
    }
    const batch: TraceRecord[] = [
      { kind: 'event', line: 3, event: ev('a', 'x') },
      { kind: 'event', line: 4, event: ev('a', '__proto__') },
      { kind: 'event', line: 5, event: ev('a', 'toString') },
      { kind: 'event', line: 6, event: { type: 'a', key: 7 } },
      { kind: 'invalid', line: 7, message: 'not JSON' },
      { kind: 'event', line: 8, event: ev('a', 'x'), partition: 'p' },
    ]
    const warmed = counter.createChecker(counter.resolveOptions(undefined))
    const plain = counter.createChecker(counter.resolveOptions(undefined))
    for (const checker of [warmed, plain]) {
      checker.check({ kind: 'event', line: 1, event: ev('a', 'x') }, fail)
      checker.check({ kind: 'event', line: 2, event: ev('a', '__proto__') }, fail)
    }
    // "x" and "__proto__" have slots; "toString" (a prototype's name), a number key, an invalid record
    // and a partitioned record are passed over.
    expect(warmed.prefetch!(batch, 0, batch.length)).toBe(2)
    expect(warmed.prefetch!(batch, 1, 3)).toBe(1)
    expect(warmed.events).toBe(2)
    const reported: [checker: string, line: number][] = []
    for (const record of batch) {
      warmed.check(record, (v) => reported.push(['warmed', v.line]))
      plain.check(record, (v) => reported.push(['plain', v.line]))
    }
    expect(reported).toEqual([
      ['warmed', 6],
      ['plain', 6],
      ['warmed', 7],
      ['plain', 7],
    ])
    expect(projectionRecord(warmed.projection())).toEqual(projectionRecord(plain.projection()))
    expect(projectionRecord(warmed.projection())).toMatchObject({ keys: 4, perKey: { x: { a: 2 }, ['__proto__']: { a: 2 }, toString: { a: 1 }, 'x (p)': { a: 1 } } })
  })

  test('keeps per-key state apart for thousands of keys', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => ev('inc', `k${i % 2500}`))
    const result = await checkRecords(counter, recordsOf(lines))
    expect(projectionRecord(result.projection)).toMatchObject({ keys: 2500, perKey: { k0: { inc: 2, n: 2 }, k2499: { inc: 2, n: 2 } } })
    expect(result.valid).toBe(true)
  })

  test('reports an invariant when it starts to fail, again only after it held in between', async () => {
    const lines = [ev('inc', 'a'), ev('inc', 'a'), ev('inc', 'a'), ev('inc', 'a'), ev('reset', 'a'), ev('inc', 'a'), ev('inc', 'a'), ev('inc', 'a'), ev('inc', 'b')]
    const result = await checkRecords(counter, recordsOf(lines))
    const rule = result.rules.find((r) => r.rule === 'at-most-max')!
    expect(rule.violations.map((v) => [v.line, v.key, v.message])).toEqual([
      [3, 'a', 'n is 3'],
      [8, 'a', 'n is 3'],
    ])
  })
})
