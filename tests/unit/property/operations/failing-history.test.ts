import { expect, test } from 'vitest'
import { registerOperations } from '../../../../src/built-in-specs/register/operations.ts'
import { formatClientTimeline, historyTrace, rankTimes } from '../../../../src/property/operations/failing-history.ts'
import { stateText } from '../../../../src/property/operations/state-text.ts'
import type { SpecOperations } from '../../../../src/property/operations/types.ts'

const ops = registerOperations as SpecOperations<unknown, unknown>
const entries = rankTimes([
  { client: 1, operation: 'write', args: ['a', 1], result: undefined, invokedAt: 100n, completedAt: 400n },
  { client: 2, operation: 'read', args: ['a'], result: null, invokedAt: 200n, completedAt: 300n },
])

test('clock readings become ranks, so a seed gives the same history whatever the clock read', () => {
  expect(entries.map((e) => [e.client, e.invoke, e.complete])).toEqual([
    [1, 1, 4],
    [2, 2, 3],
  ])
})

test('the timeline shows one column per client and each span from invocation to completion', () => {
  expect(formatClientTimeline({ clients: 2, operations: entries, trace: { format: 'history', lines: [] } })).toEqual([
    '  client 1                    client 2',
    '  ┌ write("a", 1)',
    '  │                           ┌ read("a")',
    '  │                           └ → null',
    '  └ → undefined',
  ])
})

test('a spec with traceEvent writes its operation schema with ranks as times and clients as actors', () => {
  expect(historyTrace(ops, entries, undefined)).toEqual({
    format: 'operations',
    lines: ['{"type":"write","key":"a","value":1,"start":1,"end":4,"actor":1}', '{"type":"read","key":"a","value":null,"start":2,"end":3,"actor":2}'],
  })
  const generic = historyTrace({ ...ops, traceEvent: undefined }, entries, undefined)
  expect(generic.format).toBe('history')
  expect(JSON.parse(generic.lines[1]!)).toEqual({ type: 'read', args: ['a'], result: null, start: 2, end: 3, actor: 2 })
})

test('state texts are canonical: key order does not matter, values and shapes do', () => {
  expect(stateText({ b: 1, a: [null, 'x'] })).toBe(stateText({ a: [null, 'x'], b: 1 }))
  expect(stateText({ a: 1 })).not.toBe(stateText({ a: '1' }))
  expect(stateText([1, [2]])).not.toBe(stateText([[1], 2]))
  expect(stateText(undefined)).not.toBe(stateText(null))
})
