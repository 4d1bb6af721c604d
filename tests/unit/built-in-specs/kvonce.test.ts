import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { checkRecords } from '../../../src/conformance/check-trace.ts'
import { kvonce, kvonceDefinition } from '../../../src/built-in-specs/kvonce/spec.ts'
import { recordsOf } from './records.ts'

type E = Record<string, unknown>
const s = (key: string, extra: E = {}): E => ({ type: 'success', key, ...extra })
const r = (key: string, attempt?: number): E => ({ type: 'retry', key, ...(attempt === undefined ? {} : { context: { attempt } }) })
const f = (key: string, reason: string): E => ({ type: 'failure', key, reason })

async function violations(lines: Array<E | string>, specOptions?: object) {
  const result = await checkRecords(kvonce, recordsOf(lines), { specOptions })
  return result.rules.flatMap((o) => o.violations.map((v) => ({ rule: v.rule, line: v.line })))
}

// Each rule: a trace that breaks exactly that rule (at the given line), and a close one that does not.
const cases: Array<{ rule: string; breaks: Array<E | string>; line: number; keeps: Array<E | string> }> = [
  { rule: 'multiple-success', breaks: [s('a'), s('b'), s('a')], line: 3, keeps: [s('a'), s('b'), f('a', 'duplicate')] },
  { rule: 'duplicate-without-success', breaks: [f('a', 'Duplicate'), s('a')], line: 1, keeps: [s('a'), f('a', 'DUPLICATE'), f('b', 'timeout')] },
  { rule: 'retry-bound-exceeded', breaks: [r('a', 1), r('a', 2), r('a', 3), r('a', 4)], line: 4, keeps: [r('a', 1), r('a', 2), r('a', 3), s('a', { context: { attempt: 4 } })] },
  { rule: 'retry-attempt-out-of-sequence', breaks: [r('a', 1), r('a', 3)], line: 2, keeps: [r('a', 1), r('b', 1), r('a', 2)] },
  { rule: 'retry-context-missing', breaks: [r('a', 1), r('a')], line: 2, keeps: [r('a'), r('a'), r('b', 1)] },
  { rule: 'success-attempt-mismatch', breaks: [r('a', 1), s('a', { context: { attempt: 1 } })], line: 2, keeps: [r('a', 1), s('a', { context: 2 })] },
  { rule: 'event-schema', breaks: [s('a'), { type: 'success' }], line: 2, keeps: [s('a'), s('b', { event: 'success' })] },
]

describe('kvonce rules', () => {
  for (const c of cases) {
    test(`${c.rule}: reported at the breaking line and nowhere else`, async () => {
      expect(await violations(c.breaks)).toEqual([{ rule: c.rule, line: c.line }])
    })
    test(`${c.rule}: a close trace that keeps the rule has no violations`, async () => {
      expect(await violations(c.keeps)).toEqual([])
    })
  }

  test('the attempt number comes from context.attempt, else context.attempts, else a bare number', async () => {
    expect(await violations([r('a', 1), { type: 'success', key: 'a', context: { attempts: 2 } }])).toEqual([])
    expect(await violations([r('a', 1), { type: 'success', key: 'a', context: { attempt: 2, attempts: 9 } }])).toEqual([])
    expect(await violations([r('a', 1), { type: 'success', key: 'a', context: 3 }])).toEqual([{ rule: 'success-attempt-mismatch', line: 2 }])
    expect(await violations([r('a', 1), { type: 'success', key: 'a', context: 'attempt 3' }])).toEqual([])
  })

  test('a retry without attempt before a numbered one is reported at its own line', async () => {
    expect(await violations([r('a'), r('a', 2), r('a')])).toEqual([
      { rule: 'retry-context-missing', line: 1 },
      { rule: 'retry-context-missing', line: 3 },
    ])
  })

  test('a rule-breaking event is still applied: a third success reports twice', async () => {
    expect(await violations([s('a'), s('a'), s('a')])).toEqual([
      { rule: 'multiple-success', line: 2 },
      { rule: 'multiple-success', line: 3 },
    ])
  })

  test('maxRetries is an option', async () => {
    expect(await violations([r('a', 1), r('a', 2)], { maxRetries: 1 })).toEqual([{ rule: 'retry-bound-exceeded', line: 2 }])
    await expect(checkRecords(kvonce, recordsOf([]), { specOptions: { maxRetries: -1 } })).rejects.toThrow(/maxRetries.*non-negative integer/)
    await expect(checkRecords(kvonce, recordsOf([]), { specOptions: { maxRetrys: 1 } })).rejects.toThrow(/no option "maxRetrys".*maxRetries/)
  })

  test('keys are arbitrary strings: __proto__, toString and constructor are ordinary keys', async () => {
    expect(await violations([s('__proto__'), s('toString'), s('constructor'), s('__proto__')])).toEqual([{ rule: 'multiple-success', line: 4 }])
  })

  test('malformed events are reported under event-schema and the rest is still checked', async () => {
    const lines: Array<E | string> = [
      'line 1 is not valid JSON',
      { type: 'succes', key: 'a' },
      { type: 'success', key: '' },
      { type: 'success', key: 7 },
      { type: 'success', key: 'a', timestamp: '2025-02-30T00:00:00Z' },
      { type: 'success', key: 'a', event: 'retry' },
      { type: 'retry', key: 'a', context: [1] },
      s('b'),
      s('b'),
    ]
    const result = await checkRecords(kvonce, recordsOf(lines))
    const schema = result.rules.find((o) => o.rule === 'event-schema')!
    expect(schema.violations.map((v) => [v.line, v.message])).toEqual([
      [1, 'line 1 is not valid JSON'],
      [2, '"type" is "succes"; expected success, retry or failure'],
      [3, '"key" is ""; expected a non-empty string'],
      [4, '"key" is 7; expected a non-empty string'],
      [5, '"timestamp" is "2025-02-30T00:00:00Z"; expected an ISO 8601 date-time such as 2025-10-04T06:21:09.137Z'],
      [6, '"event" is "retry" but "type" is "success"; they must be equal'],
      [7, '"context" is an array; expected an object, string, number or null'],
    ])
    expect(result.rules.find((o) => o.rule === 'multiple-success')!.violations.map((v) => v.line)).toEqual([9])
    expect(result.events).toBe(2)
    expect(result.valid).toBe(false)
  })

  test('an empty trace is an event-schema violation at line 1', async () => {
    expect(await violations([])).toEqual([{ rule: 'event-schema', line: 1 }])
  })

  test('messages name the key and the numbers involved', async () => {
    const result = await checkRecords(kvonce, recordsOf([r('k', 1), r('k', 5)]))
    const v = result.rules.find((o) => o.rule === 'retry-attempt-out-of-sequence')!.violations[0]!
    expect(v).toEqual({ rule: 'retry-attempt-out-of-sequence', line: 2, key: 'k', message: 'retry carries attempt 5 but key "k" had 1 earlier retry, so attempt 2 was expected' })
  })

  test('stored violations are capped per rule, the count is not', async () => {
    const lines = Array.from({ length: 50 }, () => s('a'))
    const result = await checkRecords(kvonce, recordsOf(lines), { maxStoredViolations: 10 })
    const o = result.rules.find((x) => x.rule === 'multiple-success')!
    expect(o.count).toBe(49)
    expect(o.violations.map((v) => v.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })

  test('off rules are not reported and warn rules do not make the trace invalid', async () => {
    const result = await checkRecords(kvonce, recordsOf([s('a'), s('a'), f('b', 'duplicate')]), {
      rules: { 'multiple-success': 'off', 'duplicate-without-success': 'warn' },
    })
    expect(result.rules.find((o) => o.rule === 'multiple-success')!.count).toBe(0)
    expect(result.rules.find((o) => o.rule === 'duplicate-without-success')!.count).toBe(1)
    expect(result.valid).toBe(true)
    await expect(checkRecords(kvonce, recordsOf([]), { rules: { 'no-such-rule': 'off' } })).rejects.toThrow(/no rule "no-such-rule"/)
  })
})

describe('kvonce per-key state stays the same size however many events a key has', () => {
  const contextMissing = async (lines: Array<E | string>, maxStoredViolations: number) => {
    const result = await checkRecords(kvonce, recordsOf(lines), { maxStoredViolations })
    const o = result.rules.find((x) => x.rule === 'retry-context-missing')!
    return { count: o.count, lines: o.violations.map((v) => v.line) }
  }

  test('attempt-less retries before a numbered one: the first are listed, all are counted', async () => {
    const lines = [...Array.from({ length: 50 }, () => r('a')), r('a', 51)]
    expect(await contextMissing(lines, 10)).toEqual({ count: 50, lines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })
  })

  test('late violations of one key and earlier-found ones of another: the first by line are kept, the count is exact', async () => {
    // a: 20 attempt-less retries, found only at line 27; b: numbered first, so its 5 are found at once.
    const lines = [...Array.from({ length: 20 }, () => r('a')), r('b', 1), ...Array.from({ length: 5 }, () => r('b')), r('a', 21)]
    expect(await contextMissing(lines, 10)).toEqual({ count: 25, lines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })
    expect(await contextMissing(lines, 22)).toEqual({ count: 25, lines: [...Array.from({ length: 20 }, (_, i) => i + 1), 22, 23] })
  })

  test('attempt-less retries that never meet a numbered one are no violation, however many', async () => {
    expect(await contextMissing(Array.from({ length: 30 }, () => r('a')), 5)).toEqual({ count: 0, lines: [] })
  })

  test('any trace, any cap: the same verdict, count and first lines as with an unbounded store', async () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('retry'), key: fc.constantFrom('a', 'b', 'c') }),
      fc.record({ type: fc.constant('retry'), key: fc.constantFrom('a', 'b', 'c'), context: fc.record({ attempt: fc.integer({ min: 0, max: 6 }) }) }),
      fc.record({ type: fc.constantFrom('success', 'failure'), key: fc.constantFrom('a', 'b', 'c'), reason: fc.constant('duplicate') }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), async (lines, cap) => {
        const bounded = await checkRecords(kvonce, recordsOf(lines), { maxStoredViolations: cap })
        const exact = await checkRecords(kvonce, recordsOf(lines), { maxStoredViolations: 1_000_000 })
        expect(bounded.valid).toBe(exact.valid)
        expect(bounded.rules.map((o) => ({ rule: o.rule, count: o.count, violations: o.violations }))).toEqual(
          exact.rules.map((o) => ({ rule: o.rule, count: o.count, violations: o.violations.slice(0, cap) })),
        )
      }),
    )
  })

  test('the state of a key with 10,000 attempt-less retries holds no more lines than the engine stores', () => {
    const state = kvonceDefinition.initialState()
    const ctx = { options: { maxRetries: 3 }, line: 0, maxStoredViolations: 4, violate: () => {}, countUnlisted: () => {} }
    for (let line = 1; line <= 10_000; line++) kvonceDefinition.apply(state, { type: 'retry', key: 'a', attempt: undefined, reason: undefined }, { ...ctx, line, place: () => ({ line }) })
    expect(state.pendingContextless).toEqual([{ line: 1 }, { line: 2 }, { line: 3 }, { line: 4 }])
    expect(state.pendingContextlessCount).toBe(10_000)
    expect(state.retries).toBe(10_000)
  })
})
