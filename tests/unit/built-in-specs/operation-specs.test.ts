import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, test } from 'vitest'
import { checkRecords, checkTraceFile } from '../../../src/conformance/check-trace.ts'
import { kv } from '../../../src/built-in-specs/kv/spec.ts'
import { register } from '../../../src/built-in-specs/register/spec.ts'
import { builtInSpecs } from '../../../src/built-in-specs/index.ts'
import { openTrace } from '../../../src/trace/open-trace.ts'
import { formatOfPrefix } from '../../../src/trace/format-detection.ts'
import { checkSpecSettings } from '../../../plugin/options/spec-at-config.ts'
import type { SpecModel } from '../../../src/spec-model/types.ts'
import { etcdLogToEdn } from '../../fixtures/porcupine/etcd-log-to-edn.mjs'
import { recordsOf } from './records.ts'

type E = Record<string, unknown>
const dir = mkdtempSync(path.join(tmpdir(), 'operation-specs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const ORACLE = path.join(import.meta.dirname, '../../fixtures/porcupine')

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name)
  writeFileSync(file, text)
  return file
}

async function check(spec: SpecModel, lines: Array<E | string>, specOptions?: object) {
  return checkRecords(spec, recordsOf(lines), { specOptions })
}

function found(result: Awaited<ReturnType<typeof check>>) {
  return result.rules.flatMap((o) => o.violations.map((v) => ({ rule: v.rule, line: v.line, message: v.message })))
}

describe('register and kv are built-in specs', () => {
  test('registered by name, with the rules event-schema and linearizable', () => {
    expect(builtInSpecs.register).toBe(register)
    expect(builtInSpecs.kv).toBe(kv)
    expect(Object.keys(register.rules)).toEqual(['event-schema', 'linearizable'])
    expect(Object.keys(kv.rules)).toEqual(['event-schema', 'linearizable'])
  })

  test('a bad option fails the config at its path, as for the other built-ins', () => {
    expect(() => checkSpecSettings(register, { specOptions: { maxSteps: -1 }, rules: {} }, 'conformance.traces[0]')).toThrow('specCi: conformance.traces[0].specOptions: spec "register": option "maxSteps" is -1')
    expect(() => checkSpecSettings(kv, { specOptions: {}, rules: { 'multiple-success': 'warn' } }, 'conformance.traces[1]')).toThrow('spec "kv" has no rule "multiple-success"; its rules are event-schema, linearizable')
  })

  test('options: maxSteps, timeoutMs, onViolation, each checked', () => {
    expect(register.resolveOptions(undefined)).toEqual({ maxSteps: 10_000_000, timeoutMs: 0, onViolation: 'stop' })
    expect(() => register.resolveOptions({ maxSteps: 0 })).toThrow('spec "register": option "maxSteps" is 0; expected a positive integer')
    expect(() => kv.resolveOptions({ timeoutMs: -1 })).toThrow('option "timeoutMs" is -1')
    expect(() => kv.resolveOptions({ onViolation: 'go' as 'stop' })).toThrow('option "onViolation" is "go"; expected "stop" or "continue"')
    expect(() => register.resolveOptions({ maxRetries: 3 } as object)).toThrow('spec "register" has no option "maxRetries"; known options: maxSteps, timeoutMs, onViolation')
  })
})

describe('the operation schema', () => {
  test.each<[string, SpecModel, E, string]>([
    ['type unknown to the model', register, { type: 'get', value: 1 }, '"type" is "get"; expected one of read, write, cas (register operations)'],
    ['a write without value', register, { type: 'write' }, 'a write needs "value": the value it writes'],
    ['a read ok without value', register, { type: 'read' }, 'a read with outcome "ok" needs "value": the value it read (null for none)'],
    ['a cas not [from, to]', register, { type: 'cas', value: 3 }, 'a cas needs "value" as [from, to], got 3'],
    ['an object value', register, { type: 'write', value: { a: 1 } }, '"value" is {"a":1}; expected a string, number, boolean, null or an array of them'],
    ['a bad outcome', register, { type: 'write', value: 1, outcome: 'timeout' }, '"outcome" is "timeout"; expected "ok", "fail"'],
    ['a key not a string', kv, { type: 'put', key: 3, value: 'x' }, '"key" is 3; expected a string'],
    ['a kv put of a number', kv, { type: 'put', key: 'a', value: 3 }, 'a put needs "value" as a string, got 3'],
    ['a bad time', register, { type: 'write', value: 1, start: 'noon', end: 3 }, '"start" is "noon"; expected an integer (e.g. Unix nanoseconds), a decimal string of one, or an ISO 8601 date-time'],
    ['end before start', register, { type: 'write', value: 1, start: 5, end: 3 }, '"end" 3 is before "start" 5'],
    ['an end without start', register, { type: 'write', value: 1, end: 3 }, '"end" is 3 but "start" is missing'],
  ])('%s: event-schema at its line, the rest checked', async (_name, spec, bad, message) => {
    const good: E = spec === kv ? { type: 'put', key: 'a', value: 'x' } : { type: 'write', value: 1 }
    const result = await check(spec, [good, bad, good])
    const v = found(result)
    expect(v).toHaveLength(1)
    expect(v[0]).toMatchObject({ rule: 'event-schema', line: 2 })
    expect(v[0]!.message).toContain(message)
    expect(result.events).toBe(2)
    expect(result.valid).toBe(false)
  })

  test('timestamp without start is a point in time', async () => {
    const lines = [{ type: 'write', value: 1, timestamp: '2025-01-01T00:00:01Z' }, { type: 'read', value: 1, timestamp: '2025-01-01T00:00:00Z' }]
    expect(found(await check(register, lines)).map((v) => [v.rule, v.line])).toEqual([['linearizable', 2]])
    expect(found(await check(register, [lines[0]!, { ...lines[1]!, timestamp: '2025-01-01T00:00:02Z' }]))).toEqual([])
  })

  test('mixed clocks: an operation without times after timed ones is event-schema', async () => {
    const v = found(await check(register, [{ type: 'write', value: 1, start: 1, end: 2 }, { type: 'read', value: 1 }]))
    expect(v).toEqual([{ rule: 'event-schema', line: 2, message: expect.stringContaining('has no "start" but the first operation had one') }])
  })

  test('times as numbers, decimal nanosecond strings and ISO 8601 date-times meet in one clock', async () => {
    // write 1 [10, 20]; read 2 at ISO 1970 + 30 ns: after the write, nothing wrote 2
    const lines = [
      { type: 'write', value: 1, start: 10, end: '20' },
      { type: 'read', value: 2, start: '1970-01-01T00:00:00.000000030Z', end: '1970-01-01T00:00:00.000000040Z' },
    ]
    expect(found(await check(register, lines)).map((v) => [v.rule, v.line])).toEqual([['linearizable', 2]])
    // overlapping: a read of 2 concurrent with a write of 2 is fine
    const overlapping = [{ type: 'write', value: 2, start: 10, end: 50 }, { type: 'read', value: 2, start: '1970-01-01T00:00:00.000000030Z', end: 40 }]
    expect(found(await check(register, overlapping))).toEqual([])
  })
})

describe('linearizable', () => {
  // Two writers race: w1 writes 1 over [1, 10], w2 writes 2 over [2, 11]; then a reader reads 1 and
  // another reads 2, both after both writes ended, in sequence. No order fits: 1 then 2 read means 2 was last
  // written after... the second read sees 2 after the first saw 1, with no write in between.
  const race: E[] = [
    { type: 'write', key: 'x', value: 1, start: 1, end: 10, actor: 'w1' },
    { type: 'write', key: 'x', value: 2, start: 2, end: 11, actor: 'w2' },
    { type: 'read', key: 'x', value: 2, start: 12, end: 13, actor: 'r1' },
    { type: 'read', key: 'x', value: 1, start: 14, end: 15, actor: 'r2' },
  ]

  test('a race no order explains fails at the operation that cannot be placed, naming the operations tried and the longest order', async () => {
    const result = await check(register, race)
    const v = found(result)
    expect(v).toHaveLength(1)
    expect(v[0]).toMatchObject({ rule: 'linearizable', line: 4 })
    expect(v[0]!.message).toBe(
      'no order of the 4 operations on key "x" consistent with real time is a legal register history: read("x") -> 1 (line 4, actor "r2") cannot be placed. ' +
        'The longest order that fits has 3 operations, ending write("x", 1) (line 1), write("x", 2) (line 2), read("x") -> 2 (line 3); the register then holds 2. ' +
        'Tried next, each concurrent with the rest: read("x") -> 1 (line 4, actor "r2"): not allowed then',
    )
    expect(result.projection.fields).toMatchObject({ model: 'register', operations: 4, verdict: 'violation', keys: 1 })
    expect(result.projection.fields.races).toEqual([
      { key: 'x', line: 4, operation: 'read("x") -> 1', candidates: [{ line: 4, operation: 'read("x") -> 1', outcome: 'rejected' }], longestOrder: 3, longestOrderEnd: [1, 2, 3], state: '2' },
    ])
  })

  test('the violation carries the race as data: each operation with its interval and actor, what was tried, the end of the longest order', async () => {
    const result = await check(register, race)
    const [v] = result.rules.flatMap((o) => o.violations)
    const op = (line: number, type: string, start: number, end: number, actor: string) => ({ line, type, start: String(start), end: String(end), actor })
    const [w1, w2, r1, r2] = [op(1, 'write', 1, 10, 'w1'), op(2, 'write', 2, 11, 'w2'), op(3, 'read', 12, 13, 'r1'), op(4, 'read', 14, 15, 'r2')]
    expect(v!.concurrency).toEqual({
      verdict: 'violation',
      clock: 'time',
      // the blocked read, the one tried, the longest order's end; no other operation overlaps r2
      events: [w1, w2, r1, r2],
      candidates: [{ ...r2, outcome: 'rejected' }],
      longestOrder: [w1, w2, r1],
    })
  })

  test('a long history: the detail lists the end of the longest order with its length, and only operations overlapping the blocked one', async () => {
    // 30 sequential writes, then a read of a value never written last
    const lines: E[] = Array.from({ length: 30 }, (_, i) => ({ type: 'write', key: 'x', value: i, start: 10 * i + 1, end: 10 * i + 5 }))
    lines.push({ type: 'read', key: 'x', value: 3, start: 1000, end: 1001, actor: 'late' })
    const [v] = (await check(register, lines)).rules.flatMap((o) => o.violations)
    expect(v!.concurrency!.longestOrderLength).toBe(30)
    expect(v!.concurrency!.longestOrder!.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 11))
    expect(v!.concurrency!.events.map((e) => e.line)).toEqual([...Array.from({ length: 20 }, (_, i) => i + 11), 31])
  })

  test('records with a column and an interval (OTLP spans): the violation is at the span, the span times are real time', async () => {
    async function* spans() {
      const times = [[1n, 10n], [2n, 11n], [12n, 13n], [14n, 15n]] as const
      for (let i = 0; i < race.length; i++) {
        const { start: _s, end: _e, ...fields } = race[i]!
        // as the OTLP reader makes them: the span's start as timestamp, its interval beside the event
        const event = { ...fields, timestamp: '2025-01-01T00:00:00Z' }
        yield { kind: 'event' as const, line: 1, event, at: { column: 100 * i + 1, span: { name: `op ${i}` } }, interval: { start: times[i]![0], end: times[i]![1] } }
      }
    }
    const result = await checkRecords(register, spans())
    const v = result.rules.find((r) => r.rule === 'linearizable')!.violations
    expect(v).toMatchObject([{ rule: 'linearizable', line: 1, column: 301, key: 'x' }])
    // many spans on one line are told apart by their columns
    expect(v[0]!.message).toContain('read("x") -> 1 (line 1:301, actor "r2") cannot be placed. The longest order that fits has 3 operations, ending write("x", 1) (line 1:1), write("x", 2) (line 1:101), read("x") -> 2 (line 1:201)')
  })

  test('the same race where the reads see an order the writes allow passes; keys are independent', async () => {
    const ok = race.map((e, i) => (i === 3 ? { ...e, value: 2 } : e))
    expect(found(await check(register, ok))).toEqual([])
    const otherKey = race.map((e, i) => (i === 3 ? { ...e, key: 'y', value: null } : e))
    expect(found(await check(register, otherKey))).toEqual([])
  })

  test('without times, file order is real time: a sequential history, checked in order', async () => {
    expect(found(await check(register, [{ type: 'write', value: 1 }, { type: 'read', value: 1 }, { type: 'cas', value: [1, 2] }, { type: 'read', value: 2 }]))).toEqual([])
    const v = found(await check(register, [{ type: 'write', value: 1 }, { type: 'cas', value: [2, 3] }]))
    expect(v.map((x) => [x.rule, x.line])).toEqual([['linearizable', 2]])
    expect(v[0]!.message).toContain('cas(2, 3) -> ok (line 2) cannot be placed')
  })

  test('a failed cas is a compare that failed; other failed operations are left out', async () => {
    // cas [1 2] fails while the register holds 1: no order explains it
    const v = found(await check(register, [{ type: 'write', value: 1 }, { type: 'cas', value: [1, 2], outcome: 'fail' }]))
    expect(v.map((x) => [x.rule, x.line])).toEqual([['linearizable', 2]])
    expect(found(await check(register, [{ type: 'write', value: 1 }, { type: 'cas', value: [3, 2], outcome: 'fail' }, { type: 'write', value: 9, outcome: 'fail' }, { type: 'read', value: 1 }]))).toEqual([])
  })

  test('an operation of unknown outcome may take effect, or not', async () => {
    expect(found(await check(register, [{ type: 'write', value: 1, outcome: 'info' }, { type: 'read', value: 1 }]))).toEqual([])
    expect(found(await check(register, [{ type: 'write', value: 1, outcome: 'info' }, { type: 'read', value: null }]))).toEqual([])
    const v = found(await check(register, [{ type: 'write', value: 1, outcome: 'info' }, { type: 'read', value: 2 }]))
    expect(v.map((x) => [x.rule, x.line])).toEqual([['linearizable', 2]])
    expect(v[0]!.message).toContain('read() -> 2 (line 2) cannot be placed')
  })

  test('kv: get sees the put and appends before it', async () => {
    expect(found(await check(kv, [{ type: 'put', key: 'a', value: 'x' }, { type: 'append', key: 'a', value: 'y' }, { type: 'get', key: 'a', value: 'xy' }, { type: 'get', key: 'b', value: '' }]))).toEqual([])
    const v = found(await check(kv, [{ type: 'put', key: 'a', value: 'x' }, { type: 'get', key: 'a', value: 'xy' }]))
    expect(v.map((x) => [x.rule, x.line])).toEqual([['linearizable', 2]])
  })

  test('undecided past maxSteps fails with the word and the bound, never passes', async () => {
    const concurrent: E[] = []
    for (let i = 0; i < 12; i++) concurrent.push({ type: 'write', value: i, start: 0, end: 100 })
    concurrent.push({ type: 'read', value: 99, start: 0, end: 100 })
    const result = await check(register, concurrent, { maxSteps: 5, onViolation: 'continue' })
    const v = found(result)
    expect(v.map((x) => [x.rule, x.line])).toEqual([['linearizable', 1]])
    expect(v[0]!.message).toMatch(/^undecided: the search of the 13 operations reached its bound, maxSteps 5 \(model steps over all keys\), .* this is not a pass\. Raise the spec option maxSteps/)
    expect(result.valid).toBe(false)
  })
})

describe('Jepsen EDN histories as traces', () => {
  const edn = [
    '{:process 0, :type :invoke, :f :write, :value 1}',
    '{:process 1, :type :invoke, :f :read, :value nil}',
    '{:process 0, :type :ok, :f :write, :value 1}',
    '{:process 1, :type :ok, :f :read, :value 1}',
    '{:process 2, :type :invoke, :f :cas, :value [1 2]}',
    '{:process 2, :type :fail, :f :cas, :value [1 2]}',
    '{:process 3, :type :invoke, :f :write, :value 7}',
    '',
  ].join('\n')

  test('format detection: an EDN map line starting {: (commas are whitespace), or a #jepsen.history.Op record; JSON stays NDJSON', () => {
    for (const text of ['{:process 0, :type :invoke}\n', '\n  { :type :invoke}', '{, :f :read}', '#jepsen.history.Op{:index 0}\n']) expect(formatOfPrefix(Buffer.from(text), true), text).toBe('jepsen-edn')
    for (const text of ['{"type":"write"}\n', '{}\n', '#comment\n', '[1]\n', '{ "a": ":x" }']) expect(formatOfPrefix(Buffer.from(text), true), text).toBe('ndjson')
  })

  test('detected from content (a line starting {:) and from the .edn name; one record per operation at its completion line, never-completed last', async () => {
    for (const file of [write('h.txt', edn), write('h.edn', `\n${edn}`), write('h.edn.gz', gzipSync(edn))]) {
      const trace = await openTrace(file)
      expect(trace.format).toBe('jepsen-edn')
      const records = []
      for await (const r of trace.records) records.push(r)
      const shift = file.endsWith('h.edn') ? 1 : 0
      expect(records).toEqual([
        { kind: 'event', line: 3 + shift, event: { type: 'write', value: 1, outcome: 'ok', actor: 0, invokeLine: 1 + shift } },
        { kind: 'event', line: 4 + shift, event: { type: 'read', value: 1, outcome: 'ok', actor: 1, invokeLine: 2 + shift } },
        { kind: 'event', line: 6 + shift, event: { type: 'cas', value: [1, 2], outcome: 'fail', actor: 2, invokeLine: 5 + shift } },
        { kind: 'event', line: 7 + shift, event: { type: 'write', value: 7, outcome: 'info', actor: 3, invokeLine: 7 + shift } },
      ])
    }
  })

  test('the failed cas [1 2] while the register holds 1 fails linearizable at its completion line, naming its invocation', async () => {
    const result = await checkTraceFile(write('fail.edn', edn), register)
    expect(result.format).toBe('jepsen-edn')
    const v = found(result)
    expect(v.map((x) => [x.rule, x.line])).toEqual([['linearizable', 6]])
    expect(v[0]!.message).toContain('cas(1, 2) -> fail (line 6, invoked at line 5, actor 2) cannot be placed')
    // Without :time, lines are the clock: an operation spans from its invocation's line to its completion's.
    const [violation] = result.rules.flatMap((o) => o.violations)
    expect(violation!.concurrency).toMatchObject({ verdict: 'violation', clock: 'line', candidates: [{ line: 6, type: 'cas', start: '5', end: '6', actor: '2', outcome: 'rejected' }] })
  })

  test('malformed lines are event-schema findings at their line; the rest is checked', async () => {
    const bad = ['{:process 0, :type :invoke, :f :write, :value 1}', '{:process 0 :type', '{:process 0, :type :ok, :f :write, :value 1}', '{:process 1, :type :ok, :f :read, :value 1}'].join('\n')
    const v = found(await checkTraceFile(write('bad.edn', bad), register))
    expect(v.map((x) => [x.rule, x.line])).toEqual([['event-schema', 2], ['event-schema', 4]])
    expect(v[1]!.message).toContain(':ok of process 1 without an invocation before it')
  })

  test(':time in nanoseconds is real time', async () => {
    // the write returns (t=5) before the read is invoked (t=6): the read must see it
    const timed = ['{:process 0, :type :invoke, :f :write, :value 1, :time 1}', '{:process 1, :type :invoke, :f :read, :value nil, :time 6}', '{:process 0, :type :ok, :f :write, :value 1, :time 5}', '{:process 1, :type :ok, :f :read, :value nil, :time 7}'].join('\n')
    expect(found(await checkTraceFile(write('timed.edn', timed), register)).map((x) => [x.rule, x.line])).toEqual([['linearizable', 4]])
    // by line order the read was invoked before the write completed: concurrent, fine
    expect(found(await checkTraceFile(write('untimed.edn', timed.replace(/, :time \d+/g, '')), register))).toEqual([])
  })
})

describe("Porcupine's oracle through the trace reader and the built-in specs", () => {
  const expected = (JSON.parse(readFileSync(path.join(ORACLE, 'expected.json'), 'utf8')) as { linearizable: Record<string, boolean> }).linearizable
  test.each(Object.keys(expected))('%s', async (name) => {
    const text = readFileSync(path.join(ORACLE, name), 'utf8')
    const file = write(`${name.replace(/[/.]/g, '_')}.edn`, name.startsWith('jepsen/') ? etcdLogToEdn(text) : text)
    const result = await checkTraceFile(file, name.startsWith('jepsen/') ? register : kv)
    expect(result.rules.find((r) => r.rule === 'event-schema')!.count).toBe(0)
    expect(result.valid).toBe(expected[name])
  })
})
