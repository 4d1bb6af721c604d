import { afterAll, describe, expect, test } from 'vitest'
import { inventory } from '../../../src/built-in-specs/inventory/spec.ts'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import { checkRecords, checkTraceFile, type CheckTraceOptions } from '../../../src/conformance/check-trace.ts'
import { defineSpec } from '../../../src/spec-model/define-spec.ts'
import { isoToUnixNanos } from '../../../src/spec-model/event-time.ts'
import type { SpecModel } from '../../../src/spec-model/types.ts'
import { recordsOf } from '../built-in-specs/records.ts'
import { TraceDir } from '../trace/trace-files.ts'
import { NdjsonByStartSink } from '../../../src/trace/ndjson-by-start.ts'

const files = new TraceDir()
afterAll(() => files.remove())

/** ISO time `ms` milliseconds after a fixed instant. */
const at = (ms: number): string => new Date(Date.UTC(2025, 9, 4) + ms).toISOString()

async function check(lines: Record<string, unknown>[], options: CheckTraceOptions = {}, spec: SpecModel = kvonce) {
  const result = await checkRecords(spec, recordsOf(lines), options)
  const failed = result.rules.filter((r) => r.count > 0)
  return { result, failed: Object.fromEntries(failed.map((r) => [r.rule, r.violations])) }
}

describe('event times', () => {
  test('ISO 8601 to exact Unix nanoseconds, offsets and nine fraction digits included', () => {
    expect(isoToUnixNanos('2025-10-04T06:21:09.137Z')).toBe(1759558869137000000n)
    expect(isoToUnixNanos('2025-10-04T06:21:09.137000001Z')).toBe(1759558869137000001n)
    expect(isoToUnixNanos('2025-10-04T08:21:09.5+02:00')).toBe(1759558869500000000n)
    expect(isoToUnixNanos('1970-01-01T00:00:00Z')).toBe(0n)
    expect(isoToUnixNanos('1969-12-31T23:59:59.999999999Z')).toBe(-1n)
    expect(isoToUnixNanos('2400-02-29T00:00:00.0000000019Z')).toBe(13574563200000000001n)
    expect(isoToUnixNanos('2025-10-04T08:21:09.25+02:00')).toBe(1759558869250000000n)
  })

  test('a malformed start or end, an end before its start, an end without start: event-schema', async () => {
    const { failed } = await check([
      { type: 'success', key: 'a', start: 'yesterday', end: at(1) },
      { type: 'success', key: 'b', start: at(5), end: at(1) },
      { type: 'success', key: 'c', end: at(1) },
      { type: 'success', key: 'd', start: '1759558869137000000', end: '1759558869137000001' },
    ])
    expect(Object.keys(failed)).toEqual(['event-schema'])
    expect(failed['event-schema']!.map((v) => [v.line, v.message])).toEqual([
      [1, expect.stringContaining('"start" is "yesterday"; expected an ISO 8601 date-time')],
      [2, expect.stringContaining('"end" (2025-10-04T00:00:00.001Z) is before "start"')],
      [3, expect.stringContaining('"end" is given without "start"')],
    ])
  })
})

describe('KvOnce racing writers', () => {
  // Writer B's span starts first, but A's write took effect first: B then got "duplicate".
  const race = [
    { type: 'failure', reason: 'duplicate', key: 'k', start: at(0), end: at(10), actor: 'B' },
    { type: 'success', key: 'k', start: at(2), end: at(8), actor: 'A' },
  ]

  test('the loser starting first passes: some order real time allows fits', async () => {
    const { result, failed } = await check(race)
    expect(failed).toEqual({})
    expect(result.valid).toBe(true)
  })

  test('the same events without overlap (the loser ends before the winner starts) fail duplicate-without-success', async () => {
    const { failed } = await check([
      { ...race[0], start: at(0), end: at(1) },
      { ...race[1], start: at(2), end: at(8) },
    ])
    expect(Object.keys(failed)).toEqual(['duplicate-without-success'])
    expect(failed['duplicate-without-success']![0]!.line).toBe(1)
  })

  test('two successes that overlap fail multiple-success at the second, naming the concurrent event and the longest order', async () => {
    const { failed } = await check([
      { type: 'success', key: 'k', start: at(0), end: at(10), actor: 'A' },
      { type: 'success', key: 'k', start: at(3), end: at(12), actor: 'B' },
    ])
    expect(Object.keys(failed)).toEqual(['multiple-success'])
    const [v] = failed['multiple-success']!
    expect(v!.line).toBe(2)
    expect(v!.message).toContain('second success for key "k"; the first was at line 1')
    expect(v!.message).toContain('the 2 events of key "k" at lines 1, 2 overlap in time')
    expect(v!.message).toContain('The longest order that fits: line 1 (success)')
    // Each event with its interval (Unix nanoseconds) and its writer, so a report can draw the race.
    const a = { line: 1, type: 'success', start: '1759536000000000000', end: '1759536000010000000', actor: 'A' }
    const b = { line: 2, type: 'success', start: '1759536000003000000', end: '1759536000012000000', actor: 'B' }
    expect(v!.concurrency).toEqual({
      verdict: 'violation',
      clock: 'time',
      events: [a, b],
      candidates: [{ ...b, outcome: 'rejected' }],
      longestOrder: [a],
    })
  })

  test('equal points are concurrent: a duplicate and a success at the same instant pass in either file order', async () => {
    const { failed } = await check([
      { type: 'failure', reason: 'duplicate', key: 'k', timestamp: at(5) },
      { type: 'success', key: 'k', timestamp: at(5) },
    ])
    expect(failed).toEqual({})
    const later = await check([
      { type: 'failure', reason: 'duplicate', key: 'k', timestamp: at(4) },
      { type: 'success', key: 'k', timestamp: at(5) },
    ])
    expect(Object.keys(later.failed)).toEqual(['duplicate-without-success'])
  })

  test('the check continues after a window without an order: later events are checked from its start-order replay', async () => {
    const { failed } = await check([
      { type: 'success', key: 'k', start: at(0), end: at(10) },
      { type: 'success', key: 'k', start: at(3), end: at(12) },
      { type: 'success', key: 'k', timestamp: at(20) },
      { type: 'failure', reason: 'duplicate', key: 'j', timestamp: at(21) },
    ])
    expect(Object.fromEntries(Object.entries(failed).map(([rule, vs]) => [rule, vs.map((v) => v.line)]))).toEqual({
      'multiple-success': [2, 3],
      'duplicate-without-success': [4],
    })
  })

  test('an event of unknown outcome (start without end, or indeterminate) may take effect later, or never', async () => {
    // A timed-out write that did take effect: the later duplicate fits after it.
    expect((await check([{ type: 'success', key: 'k', start: at(0) }, { type: 'failure', reason: 'duplicate', key: 'k', timestamp: at(50) }])).failed).toEqual({})
    // A timed-out write that never took effect: a later success fits too.
    expect((await check([{ type: 'success', key: 'k', start: at(0), end: at(5), indeterminate: true }, { type: 'success', key: 'k', timestamp: at(50) }])).failed).toEqual({})
    // Two known successes still fail, whatever the unknown one did.
    const { failed } = await check([
      { type: 'success', key: 'k', start: at(0) },
      { type: 'success', key: 'k', timestamp: at(50) },
      { type: 'success', key: 'k', timestamp: at(60) },
    ])
    expect(Object.keys(failed)).toEqual(['multiple-success'])
    // Where the search got furthest: after the unknown write, the known one at line 2 cannot be placed.
    expect(failed['multiple-success']![0]).toMatchObject({ line: 2, message: expect.stringContaining('The longest order that fits: line 1 (success, outcome unknown)') })
    expect((await check([{ type: 'success', key: 'k', indeterminate: 'yes', timestamp: at(1) }])).failed['event-schema']![0]!.message).toContain('"indeterminate" is "yes"')
  })

  test('past the search bound the verdict is undecided: the rules involved fail, naming the bound', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({ type: 'success', key: 'k', start: at(i), end: at(100) }))
    const { failed } = await check(lines, { concurrency: { maxSearchSteps: 5 } })
    expect(Object.keys(failed)).toEqual(['multiple-success'])
    const [v] = failed['multiple-success']!
    expect(v!.message).toMatch(/^undecided: whether some order of the 12 overlapping events of key "k" at lines 1, 2, .* the search reached its bound of 5 steps \(maxSearchSteps\)\. This is not a pass/)
    expect(v!.concurrency).toMatchObject({ verdict: 'undecided', bound: { maxSearchSteps: 5, maxWindowEvents: 1000 } })
    const wide = await check(lines, { concurrency: { maxWindowEvents: 4 } })
    expect(wide.failed['multiple-success']![0]!.message).toContain('the window holds 4 events, the most maxWindowEvents (4) allows')
  })

  test('a warn rule does not constrain the order; it is reported along the order found', async () => {
    const { result } = await check(
      [
        { type: 'success', key: 'k', start: at(0), end: at(10) },
        { type: 'success', key: 'k', start: at(3), end: at(12) },
      ],
      { rules: { 'multiple-success': 'warn' } },
    )
    expect(result.valid).toBe(true)
    expect(result.rules.find((r) => r.rule === 'multiple-success')!.violations.map((v) => [v.line, v.concurrency])).toEqual([[2, undefined]])
  })

  test('concurrent writers' + "' attempts: per key by default, per operation (actor) as an option", async () => {
    const writers = [
      { type: 'retry', key: 'k', context: { attempt: 1 }, actor: 'A', timestamp: at(1) },
      { type: 'retry', key: 'k', context: { attempt: 1 }, actor: 'B', timestamp: at(2) },
      { type: 'success', key: 'k', context: { attempt: 2 }, actor: 'A', timestamp: at(3) },
      { type: 'failure', reason: 'duplicate', key: 'k', context: { attempt: 2 }, actor: 'B', timestamp: at(4) },
    ]
    const perKey = await check(writers)
    expect(Object.keys(perKey.failed)).toEqual(['retry-attempt-out-of-sequence', 'success-attempt-mismatch'])
    const perOperation = await check(writers, { specOptions: { attempts: 'per-operation' } })
    expect(perOperation.failed).toEqual({})
    const bad = await check([...writers, { type: 'retry', key: 'k', context: { attempt: 3 }, actor: 'A', timestamp: at(5) }], { specOptions: { attempts: 'per-operation' } })
    expect(bad.failed['retry-attempt-out-of-sequence']![0]!.message).toBe(
      'retry carries attempt 3 but operation "A" of key "k" had 1 earlier retry, so attempt 2 was expected',
    )
    await expect(check(writers, { specOptions: { attempts: 'per-writer' } })).rejects.toThrow('option "attempts" is "per-writer"; expected "per-key" or "per-operation"')
  })

  test('OTLP: overlapping spans of racing writers pass; spans that really both succeed fail at the second success, at its span', async () => {
    const str = (stringValue: string) => ({ stringValue })
    const span = (id: string, type: string, start: string, end: string, extra: Record<string, string> = {}) => ({
      traceId: `trace-${id}`,
      spanId: id,
      name: `PUT /kv/k`,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes: Object.entries({ 'kvonce.event.type': type, 'kvonce.event.key': 'k', ...extra }).map(([key, value]) => ({ key, value: str(value) })),
    })
    const doc = (spans: unknown[]) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] })
    const ok = files.write(
      doc([span('b', 'failure', '1759558869100000000', '1759558869190000000', { 'kvonce.event.reason': 'duplicate' }), span('a', 'success', '1759558869100000000', '1759558869150000000')]),
      { name: 'race.otlp.json' },
    )
    expect((await checkTraceFile(ok, kvonce)).valid).toBe(true)
    const bad = files.write(doc([span('a', 'success', '1759558869100000000', '1759558869150000000'), span('b', 'success', '1759558869120000000', '1759558869190000000')]), {
      name: 'double.otlp.json',
    })
    const result = await checkTraceFile(bad, kvonce)
    const [v] = result.rules.find((r) => r.rule === 'multiple-success')!.violations
    expect(v).toMatchObject({ line: 1, span: { spanId: 'b' }, concurrency: { verdict: 'violation', longestOrder: [{ type: 'success' }] } })
    expect(v!.column).toBeGreaterThan(1)
  })
})

describe('sequential traces', () => {
  test('events without time keep file order; points in time order are applied one by one as before', async () => {
    const { failed } = await check([
      { type: 'failure', reason: 'duplicate', key: 'k' },
      { type: 'success', key: 'k' },
    ])
    expect(Object.keys(failed)).toEqual(['duplicate-without-success'])
  })

  test('a sequential stretch, an overlap of two keys, and a sequential stretch again: each event decided as without the fast path', async () => {
    const { failed } = await check([
      // Sequential points of two keys (each applied as the next one starts).
      { type: 'retry', key: 'a', context: { attempt: 1 }, timestamp: at(0) },
      { type: 'retry', key: 'b', context: { attempt: 1 }, timestamp: at(1) },
      // Equal points of two keys: concurrent, but of different keys.
      { type: 'success', key: 'a', context: { attempt: 2 }, timestamp: at(2) },
      { type: 'success', key: 'b', context: { attempt: 2 }, timestamp: at(2) },
      // Racing writers of key c: the loser listed first.
      { type: 'failure', reason: 'duplicate', key: 'c', start: at(3), end: at(9) },
      { type: 'success', key: 'c', start: at(4), end: at(6) },
      // An event of another key inside c's window, then sequential again.
      { type: 'failure', reason: 'duplicate', key: 'a', timestamp: at(5) },
      { type: 'failure', reason: 'duplicate', key: 'c', timestamp: at(10) },
      { type: 'failure', reason: 'duplicate', key: 'd', timestamp: at(11) },
      { type: 'success', key: 'c', timestamp: at(12) },
      // Without time: after the key's open event, by file order.
      { type: 'success', key: 'e', timestamp: at(13) },
      { type: 'success', key: 'e' },
    ])
    expect(Object.fromEntries(Object.entries(failed).map(([rule, vs]) => [rule, vs.map((v) => v.line)]))).toEqual({
      'duplicate-without-success': [9],
      'multiple-success': [10, 12],
    })
  })
})

describe('specs checked concurrently', () => {
  test('inventory: concurrent reserves are checked in every order (state copied with structuredClone)', async () => {
    const stock = { type: 'stock', key: 'sku', onHand: 1, allocated: 0, timestamp: at(0) }
    // Either reserve may come first; one of them reports available 0 after both: some order fits.
    const { failed } = await check(
      [stock, { type: 'reserve', key: 'sku', quantity: 1, available: 0, start: at(1), end: at(9) }, { type: 'release', key: 'sku', quantity: 1, available: 1, start: at(2), end: at(8) }],
      {},
      inventory,
    )
    expect(failed).toEqual({})
  })

  test('a window whose orders end in different states: a later event that fits only another order passes', async () => {
    const lines = [
      { type: 'stock', key: 'sku', onHand: 10, allocated: 0, timestamp: at(0) },
      // Reserve first leaves (5, 0); stock first leaves (5, 2). The search finds reserve first.
      { type: 'reserve', key: 'sku', quantity: 2, start: at(1), end: at(9) },
      { type: 'stock', key: 'sku', onHand: 5, allocated: 0, start: at(2), end: at(8) },
      // Fits (5, 2) only: on hand 3, allocated 0.
      { type: 'ship', key: 'sku', quantity: 2, available: 3, timestamp: at(10) },
    ]
    expect((await check(lines, {}, inventory)).failed).toEqual({})
    // With one state kept per key (maxStates 1), only the order found counts: a violation, never a pass.
    expect(Object.keys((await check(lines, { concurrency: { maxStates: 1 } }, inventory)).failed)).toEqual(['available-mismatch'])
    // From (5, 0) alone it would not: available 5.
    const shipped = await check([...lines.slice(0, 3), { ...lines[3]!, available: 4 }], {}, inventory)
    expect(Object.keys(shipped.failed)).toEqual(['available-mismatch'])
  })

  test('a custom spec whose state holds a Map needs equals and hash; clone must copy', async () => {
    const base = {
      name: 'mapped',
      defaultOptions: {},
      rules: { 'once': { description: 'at most one' } },
      parseEvent: (raw: Record<string, unknown>) => ({ ok: true as const, event: raw as { type: string; key: string } }),
      initialState: () => ({ seen: new Map<string, number>() }),
      apply(state: { seen: Map<string, number> }, event: { type: string; key: string }, ctx: { violate(rule: string, message: string): void }) {
        if (state.seen.has(event.type)) ctx.violate('once', 'again')
        state.seen.set(event.type, 1)
        return state
      },
    }
    const lines = [
      { type: 'x', key: 'k', start: at(0), end: at(5) },
      { type: 'y', key: 'k', start: at(1), end: at(6) },
    ]
    await expect(check(lines, {}, defineSpec(base))).rejects.toThrow('spec "mapped": the state.seen is a Map, which the default state comparison (canonical JSON) cannot see into; give the spec "equals" and "hash"')
    expect(() => defineSpec({ ...base, equals: () => true })).toThrow('give "equals" and "hash" together')
    const same = defineSpec({ ...base, equals: () => true, hash: () => 0, clone: (s: { seen: Map<string, number> }) => s })
    await expect(check(lines, {}, same)).rejects.toThrow('"clone" returned the state it was given')
    const fine = defineSpec({ ...base, equals: (a, b) => a.seen.size === b.seen.size, hash: (s) => s.seen.size, clone: (s) => ({ seen: new Map(s.seen) }) })
    expect((await check(lines, {}, fine)).failed).toEqual({})
  })
})

// A log written as operations complete lists them in end order: B's duplicate (which saw A's write take
// effect) ends, and is logged, first; another key's operation is logged next; then A's success.
describe('events with times that are not in start order', () => {
  const completionOrder = [
    { type: 'failure', reason: 'duplicate', key: 'k', start: at(5), end: at(6), actor: 'B' },
    { type: 'success', key: 'other', start: at(7), end: at(8), actor: 'C' },
    { type: 'success', key: 'k', start: at(0), end: at(10), actor: 'A' },
  ]
  const ndjson = (lines: object[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`

  test('a file is read again sorted by start, and decided as real time allows: valid, plain or gzip', async () => {
    for (const gzip of [false, true]) {
      const result = await checkTraceFile(files.write(ndjson(completionOrder), { gzip }), kvonce)
      expect(result.rules.filter((r) => r.count > 0)).toEqual([])
      expect(result).toMatchObject({ valid: true, events: 3 })
    }
  })

  test('a real violation in such a file is found at its own line, once', async () => {
    const lines = [...completionOrder, { type: 'success', key: 'k', start: at(11), end: at(12), actor: 'D' }]
    const result = await checkTraceFile(files.write(ndjson(lines)), kvonce)
    expect(result.rules.filter((r) => r.count > 0).map((r) => [r.rule, r.violations.map((v) => v.line)])).toEqual([['multiple-success', [4]]])
  })

  test('records that cannot be read again (an in-memory stream): said once as event-schema at the first such line, never a silent verdict', async () => {
    const { failed } = await check([...completionOrder, { type: 'success', key: 'late', start: at(1), end: at(2) }])
    expect(failed['event-schema']!.map((v) => [v.line, v.key])).toEqual([[3, 'k']])
    expect(failed['event-schema']![0]!.message).toContain('the events are not in start order')
    expect(failed['event-schema']![0]!.message).toContain('Sort the events by "start"')
  })

  test('events in start order, overlapping or not, never trip it; nor do events without times', async () => {
    const sorted = [...completionOrder].sort((a, b) => a.start.localeCompare(b.start))
    expect((await check(sorted)).failed).toEqual({})
    const untimed = [{ type: 'success', key: 'x' }, { type: 'failure', reason: 'duplicate', key: 'x' }]
    expect((await check([...sorted, ...untimed])).failed).toEqual({})
  })

  test('the sorted read keeps an event without a time after the event before it, and ties in file order', async () => {
    const lines = [
      { type: 'retry', key: 'a', timestamp: at(5), context: { attempt: 1 } },
      { type: 'retry', key: 'n' },
      { type: 'retry', key: 'b', timestamp: at(1), context: { attempt: 1 } },
      { type: 'retry', key: 'c', timestamp: at(5), context: { attempt: 1 } },
      { type: 'retry', key: 'd', timestamp: at(1), context: { attempt: 1 } },
    ]
    const sink = new NdjsonByStartSink()
    lines.forEach((l, i) => sink.line(JSON.stringify(l), i + 1))
    sink.finish()
    expect(sink.out.map((r) => r.line)).toEqual([3, 5, 1, 2, 4])
  })
})
