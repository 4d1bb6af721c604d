import { describe, expect, test } from 'vitest'
import { checkHistory, isSequentialHistory } from '../../../src/linearizability/check-history.ts'
import { register } from '../../../src/linearizability/models/register.ts'
import type { HistoryModel, HistoryOperation } from '../../../src/linearizability/types.ts'
import { cas, read, write } from './register-ops.ts'

describe('real time', () => {
  test('an operation returning at the time another is called is concurrent with it', () => {
    // the read may be ordered before the write: equal times are concurrent
    expect(checkHistory([write('w', 0, 10, 1), read('r', 10, 20, null)], register).verdict).toBe('ok')
  })

  test('an operation returning before another is called precedes it', () => {
    expect(checkHistory([write('w', 0, 9, 1), read('r', 10, 20, null)], register).verdict).toBe('violation')
  })

  test('overlapping operations may take effect in either order', () => {
    const history = [write('w1', 0, 10, 1), write('w2', 5, 15, 2), read('r', 20, 30, 1)]
    const result = checkHistory(history, register, { keepLinearization: true })
    expect(result.verdict).toBe('ok')
    expect(result.partitions[0]!.linearization).toEqual(['w2', 'w1', 'r'])
  })

  test('bigint Unix nanoseconds past 2^53 keep their order', () => {
    // as doubles these times would all round to one value, and the two operations would overlap
    const t = 1_700_000_000_000_000_000n
    expect(checkHistory([write('w', t, t + 1n, 1), read('r', t + 2n, t + 3n, null)], register).verdict).toBe('violation')
    expect(checkHistory([write('w', t, t + 2n, 1), read('r', t + 2n, t + 3n, null)], register).verdict).toBe('ok')
  })

  test('numbers and bigints may be mixed in one history', () => {
    expect(checkHistory([write('w', 0, 10n, 1), read('r', 10, 20n, null)], register).verdict).toBe('ok')
    expect(checkHistory([write('w', 0n, 9, 1), read('r', 10n, 20, null)], register).verdict).toBe('violation')
  })
})

describe('operations of unknown outcome', () => {
  test('may take effect long after they were called', () => {
    const history = [write('w', 0, undefined, 1, { unknown: true }), read('r1', 5, 6, null), read('r2', 10, 11, 1)]
    expect(checkHistory(history, register).verdict).toBe('ok')
  })

  test('may never take effect', () => {
    const history = [write('w', 0, undefined, 1, { unknown: true }), read('r1', 5, 6, null), read('r2', 10, 11, null)]
    const result = checkHistory(history, register, { keepLinearization: true })
    expect(result.verdict).toBe('ok')
    // after every other operation, where no one observes it: the same as never
    expect(result.partitions[0]!.linearization).toEqual(['r1', 'r2', 'w'])
  })

  test('a missing return time alone makes the outcome unknown', () => {
    const history = [write('w', 0, undefined, 1), read('r', 5, 6, null)]
    expect(checkHistory(history, register).verdict).toBe('ok')
  })

  test('once taken effect, stay in effect', () => {
    const history = [write('w', 0, undefined, 1, { unknown: true }), read('r1', 5, 6, 1), read('r2', 10, 11, null)]
    expect(checkHistory(history, register).verdict).toBe('violation')
  })

  test('with a return time, take effect before it or never', () => {
    const w = () => write('w', 0, 5, 1, { unknown: true })
    expect(checkHistory([w(), read('r', 10, 11, 1)], register).verdict).toBe('ok')
    expect(checkHistory([w(), read('r', 10, 11, null)], register).verdict).toBe('ok')
    expect(checkHistory([w(), read('r1', 10, 11, 1), read('r2', 12, 13, null)], register).verdict).toBe('violation')
    // left out, it is named among the omitted operations of the longest prefix
    const result = checkHistory([w(), read('r1', 10, 11, null), read('r2', 12, 13, 2)], register)
    expect(result.partitions[0]!.violation).toMatchObject({ operation: { id: 'r2' }, omitted: ['w'] })
  })

  test('an unknown cas takes effect when the value matched', () => {
    const history = [write('w', 0, 1, 1), cas('c', 2, undefined, 1, 2, true, { unknown: true }), read('r', 10, 11, 2)]
    expect(checkHistory(history, register).verdict).toBe('ok')
  })
})

describe('a violation', () => {
  test('names the operation that cannot be placed, what was tried there and the longest order that fit', () => {
    // both writes are concurrent, so either order fits; the reads then see 1 and then 2
    const history = [write('w1', 0, 10, 1), write('w2', 1, 10, 2), read('r1', 20, 30, 1), read('r2', 40, 50, 2)]
    const result = checkHistory(history, register)
    expect(result.verdict).toBe('violation')
    expect(result.partitions[0]!.violation).toEqual({
      operation: { id: 'r2', line: history[3]!.line, description: 'read() -> 2' },
      candidates: [{ id: 'r2', line: history[3]!.line, description: 'read() -> 2', outcome: 'rejected' }],
      longestPrefix: ['w2', 'w1', 'r1'],
      omitted: [],
      state: '1',
      modelState: 1,
    })
  })

  test('lists every concurrent operation tried at the furthest point', () => {
    const history = [write('w', 0, 1, 1), read('r2', 2, 10, 2), read('r3', 3, 10, 3)]
    const violation = checkHistory(history, register).partitions[0]!.violation!
    expect(violation.operation.id).toBe('r2')
    expect(violation.candidates.map((c) => [c.id, c.outcome])).toEqual([
      ['r2', 'rejected'],
      ['r3', 'rejected'],
    ])
    expect(violation.longestPrefix).toEqual(['w'])
  })

  test('in a sequential history is the first operation the model refuses', () => {
    const history = [write('w', 0, 1, 1), read('r1', 2, 3, 1), read('r2', 4, 5, 7), read('r3', 6, 7, 9)]
    expect(isSequentialHistory(history)).toBe(true)
    const result = checkHistory(history, register)
    expect(result.partitions[0]).toMatchObject({ verdict: 'violation', steps: 3, violation: { operation: { id: 'r2' }, longestPrefix: ['w', 'r1'], state: '1' } })
  })
})

describe('the search bound', () => {
  // Concurrent writes of distinct values, then a read of a value never written: every subset of the
  // writes is a distinct state to rule out.
  const hard = (n: number, key?: string): HistoryOperation[] => [
    ...Array.from({ length: n }, (_, i) => write(`w${i}`, i, 1000, i, key === undefined ? {} : { key })),
    read('r', 2000, 2001, -1, key === undefined ? {} : { key }),
  ]

  test('past maxSteps, the verdict is undecided, never ok', () => {
    const result = checkHistory(hard(12), register, { maxSteps: 50 })
    expect(result.verdict).toBe('undecided')
    expect(result.partitions[0]).toMatchObject({ verdict: 'undecided', undecided: { reason: 'max-steps' } })
    expect(result.bound).toEqual({ maxSteps: 50 })
    expect(result.steps).toBeLessThanOrEqual(50)
    // a linearizable history too
    const fine = [write('a', 0, 10, 1), write('b', 0, 10, 2), read('r', 20, 30, 1)]
    expect(checkHistory(fine, register, { maxSteps: 1 }).verdict).toBe('undecided')
  })

  test('within the bound, the same history is decided', () => {
    expect(checkHistory(hard(12), register).verdict).toBe('violation')
  })

  test('past timeoutMs, the verdict is undecided', () => {
    const slow: HistoryModel<unknown, unknown, unknown> = {
      ...(register as unknown as HistoryModel<unknown, unknown, unknown>),
      step(state, input, output) {
        const until = performance.now() + 0.05
        while (performance.now() < until);
        return (register as unknown as HistoryModel<unknown, unknown, unknown>).step(state, input, output)
      },
    }
    const result = checkHistory(hard(16), slow, { timeoutMs: 20 })
    expect(result.verdict).toBe('undecided')
    expect(result.partitions[0]!.undecided).toEqual({ reason: 'timeout' })
  })

  test('the default bound is documented in the result', () => {
    expect(checkHistory([], register).bound).toEqual({ maxSteps: 10_000_000 })
  })

  test('bad bounds are refused', () => {
    expect(() => checkHistory([], register, { maxSteps: 0 })).toThrow(/maxSteps must be a positive integer/)
    expect(() => checkHistory([], register, { timeoutMs: -1 })).toThrow(/timeoutMs must be a positive number/)
  })
})

describe('partitions (P-compositionality)', () => {
  test('each key is checked on its own', () => {
    const history = [write('a1', 0, 10, 1, { key: 'a' }), write('b1', 0, 10, 1, { key: 'b' }), read('a2', 20, 30, 1, { key: 'a' }), read('b2', 20, 30, 2, { key: 'b' })]
    const result = checkHistory(history, register)
    expect(result.verdict).toBe('violation')
    expect(result.partitions.map((p) => [p.key, p.verdict])).toEqual([
      ['a', 'ok'],
      ['b', 'violation'],
    ])
    expect(result.partitions[1]!.violation!.operation).toMatchObject({ id: 'b2', key: 'b', description: 'read("b") -> 2' })
  })

  test('a missing key reads as nil', () => {
    expect(checkHistory([write('a', 0, 1, 1, { key: 'a' }), read('b', 2, 3, null, { key: 'b' })], register).verdict).toBe('ok')
  })

  test('a key that fails at once decides; a hard one is stopped, not searched to the bound', () => {
    const hardKey = Array.from({ length: 18 }, (_, i) => write(`h${i}`, i, 1000, i, { key: 'hard' }))
    hardKey.push(read('hr', 2000, 2001, -1, { key: 'hard' }))
    const failing = [write('f1', 0, 1, 1, { key: 'fails' }), read('f2', 2, 3, 2, { key: 'fails' })]
    const stopped = checkHistory([...hardKey, ...failing], register)
    expect(stopped.verdict).toBe('violation')
    expect(stopped.partitions.map((p) => [p.key, p.verdict, p.undecided?.reason])).toEqual([
      ['hard', 'undecided', 'stopped'],
      ['fails', 'violation', undefined],
    ])
    expect(stopped.steps).toBeLessThan(5000)
    const continued = checkHistory([...hardKey, ...failing], register, { onViolation: 'continue', maxSteps: 20_000 })
    expect(continued.partitions.map((p) => [p.key, p.verdict, p.undecided?.reason])).toEqual([
      ['hard', 'undecided', 'max-steps'],
      ['fails', 'violation', undefined],
    ])
  })
})

describe('models', () => {
  test("operations the model's validate refuses are reported and left out", () => {
    const bad = { ...read('x', 0, 1, null), input: { f: 'frobnicate', value: null } }
    const result = checkHistory([write('w', 0, 1, 1), bad, read('r', 2, 3, 1)], register)
    expect(result.verdict).toBe('ok')
    expect(result.invalid).toEqual([{ operation: expect.objectContaining({ id: 'x' }), message: 'register has no operation :frobnicate (it has :read, :write, :cas)' }])
  })

  test('operations with unusable times are reported and left out', () => {
    const backwards = write('b', 10, 5, 1)
    const result = checkHistory([backwards, read('r', 20, 21, null)], register)
    expect(result.verdict).toBe('ok')
    expect(result.invalid.map((i) => i.message)).toEqual(['it returns (5) before it is called (10)'])
  })

  interface Counter {
    readonly n: number
    readonly seen: readonly number[]
  }
  // A model with object states and neither equals nor hash: the structural default compares them.
  const counter: HistoryModel<Counter, { add: number } | { get: true }, number> = {
    name: 'counter',
    init: () => ({ n: 0, seen: [] }),
    step(state, input, output) {
      if ('add' in input) return { ok: true, state: { n: state.n + input.add, seen: [...state.seen, input.add].sort((a, b) => a - b) } }
      return { ok: output === undefined || output === state.n, state }
    },
  }
  const counterOp = (id: number, call: number, ret: number, input: { add: number } | { get: true }, output?: number): HistoryOperation<{ add: number } | { get: true }, number> => ({
    id,
    call,
    return: ret,
    input,
    ...(output === undefined ? {} : { output }),
    line: id,
  })

  test('states without equals or hash are compared structurally, so equal states are explored once', () => {
    const adds = Array.from({ length: 10 }, (_, i) => counterOp(i + 1, i, 100, { add: 1 }))
    const ok = checkHistory([...adds, counterOp(99, 200, 201, { get: true }, 10)], counter)
    expect(ok.verdict).toBe('ok')
    const bad = checkHistory([...adds, counterOp(99, 200, 201, { get: true }, 11)], counter)
    expect(bad.verdict).toBe('violation')
    // 10 concurrent adds of 1: the states after k of them are all equal, so the search is about 2^10
    // subsets, not 10! orders
    expect(bad.steps).toBeLessThan(10 * 2 ** 10)
    expect(bad.partitions[0]!.violation!.state).toBe('{"n":10,"seen":[1,1,1,1,1,1,1,1,1,1]}')
  })

  test('without describeOperation, operations are described as JSON', () => {
    const result = checkHistory([counterOp(1, 0, 1, { get: true }, 3)], counter)
    expect(result.partitions[0]!.violation!.operation.description).toBe('{"get":true} -> 3')
  })
})
