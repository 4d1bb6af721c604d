import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, test } from 'vitest'
import { checkHistory } from '../../../src/linearizability/check-history.ts'
import { EdnKeyword } from '../../../src/linearizability/jepsen/edn.ts'
import { JepsenHistoryBuilder, readJepsenHistory, readJepsenHistoryFile } from '../../../src/linearizability/jepsen/jepsen-history.ts'
import type { JepsenReadOptions } from '../../../src/linearizability/jepsen/jepsen-history.ts'
import { register } from '../../../src/linearizability/models/register.ts'
import { TraceReadError } from '../../../src/trace/errors.ts'

function read(lines: string[], options?: JepsenReadOptions) {
  return readJepsenHistory(Readable.from([lines.join('\n')]), options)
}

describe('readJepsenHistory', () => {
  test('pairs each invocation with the next completion of its process', async () => {
    const history = await read([
      '{:process 0, :type :invoke, :f :write, :value 3}',
      '{:process 1, :type :invoke, :f :read, :value nil}',
      '{:process 1, :type :ok, :f :read, :value 3}',
      '{:process 0, :type :ok, :f :write, :value 3}',
    ])
    expect(history.findings).toEqual([])
    expect(history.clock).toBe('line-order')
    expect(history.lines).toBe(4)
    expect(history.operations).toEqual([
      { id: 2, call: 2, return: 3, input: { f: 'read', value: null }, output: { type: 'ok', value: 3 }, line: 3, callLine: 2 },
      { id: 1, call: 1, return: 4, input: { f: 'write', value: 3 }, output: { type: 'ok', value: 3 }, line: 4, callLine: 1 },
    ])
  })

  test('takes times from :time when the history has them, keeping nanoseconds exact', async () => {
    const history = await read([
      '{:process 0, :type :invoke, :f :write, :value 1, :time 1700000000000000001}',
      '{:process 0, :type :ok, :f :write, :value 1, :time 1700000000000000002}',
    ])
    expect(history.clock).toBe('time')
    expect(history.operations[0]).toMatchObject({ call: 1700000000000000001n, return: 1700000000000000002n })
  })

  test(':info and a missing completion leave the outcome unknown; :fail leaves the operation out', async () => {
    const history = await read([
      '{:process 0, :type :invoke, :f :write, :value 1}',
      '{:process 1, :type :invoke, :f :write, :value 2}',
      '{:process 2, :type :invoke, :f :cas, :value [1 2]}',
      '{:process 0, :type :info, :f :write, :value :timed-out}',
      '{:process 2, :type :fail, :f :cas, :value [1 2]}',
    ])
    expect(history.failedLeftOut).toBe(1)
    expect(history.operations).toEqual([
      // at the completion's line, return unknown: it may take effect any time after its call
      { id: 1, call: 1, input: { f: 'write', value: 1 }, unknown: true, line: 4, callLine: 1 },
      // never completed: at its invocation's line
      { id: 2, call: 2, input: { f: 'write', value: 2 }, unknown: true, line: 2, callLine: 2 },
    ])
  })

  test('keeps the :fail completions keepFailed asks for (a register cas)', async () => {
    const history = await read(['{:process 2, :type :invoke, :f :cas, :value [1 2]}', '{:process 2, :type :fail, :f :cas, :value [1 2]}'], { keepFailed: register.keepFailed })
    expect(history.operations).toEqual([{ id: 1, call: 1, return: 2, input: { f: 'cas', value: [1, 2] }, output: { type: 'fail', value: [1, 2] }, line: 2, callLine: 1 }])
  })

  test('takes :key as the key, a string as it is and anything else as its EDN text', async () => {
    const history = await read([
      '{:process 0, :type :invoke, :f :put, :key "a", :value "x"}',
      '{:process 0, :type :ok, :f :put, :key "a", :value "x"}',
      '{:process 1, :type :invoke, :f :put, :key :b, :value "y"}',
      '{:process 1, :type :ok, :f :put, :key :b, :value "y"}',
    ])
    expect(history.operations.map((op) => [op.key, op.input.key])).toEqual([
      ['a', 'a'],
      [':b', ':b'],
    ])
  })

  test('leaves out the nemesis and reads Jepsen records', async () => {
    const history = await read([
      '{:process :nemesis, :type :info, :f :start, :value nil}',
      '#jepsen.history.Op{:index 0, :time 5, :type :invoke, :process 0, :f :read, :value nil}',
      '{:process :nemesis, :type :info, :f :start, :value [:isolated {"n1" #{"n2"}}]}',
      '#jepsen.history.Op{:index 1, :time 9, :type :ok, :process 0, :f :read, :value nil}',
    ])
    expect(history.findings).toEqual([])
    expect(history.nonClientLines).toBe(2)
    expect(history.operations).toMatchObject([{ call: 5, return: 9, line: 4 }])
  })

  test('reports a malformed line at its line and column, and reads on', async () => {
    const history = await read(
      [
        '{:process 0, :type :invoke, :f :write, :value 1}',
        '{:process 0, :type :ok, :f :write, :value 1',
        '',
        '[1 2]',
        '{:process 1, :type :started, :f :read}',
        '{:type :invoke, :f :read}',
        '{:process 1, :type :invoke, :value nil}',
        '{:process 3, :type :ok, :f :read, :value nil}',
        '{:process 0, :type :ok, :f :read, :value 1}',
        '{:process 4, :type :invoke, :f :read, :value nil}',
        '{:process 4, :type :invoke, :f :read, :value nil}',
        '{:process 4, :type :ok, :f :read, :value nil}',
      ],
      { file: 'h.edn' },
    )
    expect(history.findings).toEqual([
      { file: 'h.edn', line: 2, column: 1, message: 'not EDN: "}" is missing before the end of the line' },
      { file: 'h.edn', line: 4, message: 'not an operation map: [1 2]' },
      { file: 'h.edn', line: 5, message: ':type must be :invoke, :ok, :fail or :info, got :started' },
      { file: 'h.edn', line: 6, message: 'the operation has no :process' },
      { file: 'h.edn', line: 7, message: ':f must be a keyword, got nothing' },
      { file: 'h.edn', line: 8, message: ':ok of process 3 without an invocation before it' },
      { file: 'h.edn', line: 9, message: "completion :f :read differs from its invocation's :write (line 1); the invocation's is used" },
      { file: 'h.edn', line: 11, message: 'process 4 invokes again while its invocation at line 10 has no completion; that one is taken as of unknown outcome' },
    ])
    expect(history.operations.map((op) => [op.id, op.line, op.unknown === true])).toEqual([
      [1, 9, false],
      [10, 10, true],
      [11, 12, false],
    ])
  })

  test('reports :time problems and goes on', async () => {
    const history = await read([
      '{:process 0, :type :invoke, :f :read, :value nil, :time 10}',
      '{:process 0, :type :ok, :f :read, :value nil}',
      '{:process 1, :type :invoke, :f :read, :value nil, :time 20}',
      '{:process 1, :type :ok, :f :read, :value nil, :time 15}',
    ])
    expect(history.findings.map((f) => [f.line, f.message])).toEqual([
      [2, ':time must be an integer (nanoseconds), got nothing; the time of the line before is used'],
      [4, 'completes at :time 15, before its invocation at line 3 (:time 20); taken as completing then'],
    ])
    expect(history.operations.map((op) => [op.call, op.return])).toEqual([
      [10, 10],
      [20, 20],
    ])
  })

  test('a history whose first line has no :time uses line order, and says so when a later line has one', async () => {
    const history = await read(['{:process 0, :type :invoke, :f :read, :value nil}', '{:process 0, :type :ok, :f :read, :value nil, :time 7}'])
    expect(history.clock).toBe('line-order')
    expect(history.findings).toEqual([{ line: 2, message: 'this line has a :time but the first operation had none; line order is used as real time for the whole history' }])
  })

  test('reads CRLF lines and a BOM', async () => {
    const history = await readJepsenHistory(Readable.from(['\uFEFF{:process 0, :type :invoke, :f :read, :value nil}\r\n{:process 0, :type :ok, :f :read, :value nil}\r\n']))
    expect(history.findings).toEqual([])
    expect(history.operations).toHaveLength(1)
  })

  test('is a line sink: lines may be fed one by one', () => {
    const builder = new JepsenHistoryBuilder({ file: 'x.edn' })
    builder.line('{:process 0, :type :invoke, :f :read, :value nil}', 1)
    builder.invalidLine(2, 'the line is longer than 16 MiB')
    builder.line('{:process 0, :type :ok, :f :read, :value :k}', 3)
    const history = builder.finish()
    expect(history.findings).toEqual([{ file: 'x.edn', line: 2, message: 'the line is longer than 16 MiB' }])
    expect(history.operations[0]!.output).toEqual({ type: 'ok', value: new EdnKeyword('k') })
  })

  test('a stream failing midway ends the history there with a finding', async () => {
    async function* failing() {
      yield '{:process 0, :type :invoke, :f :read, :value nil}\n{:process 0, :type :ok, :f :read, :value nil}\n'
      throw new Error('disk on fire')
    }
    const history = await readJepsenHistory(Readable.from(failing()))
    expect(history.operations).toHaveLength(1)
    expect(history.findings).toEqual([{ line: 3, message: 'reading stopped: disk on fire' }])
  })
})

describe('readJepsenHistoryFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jepsen-history-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const text = ['{:process 0, :type :invoke, :f :write, :value 1}', '{:process 0, :type :ok, :f :write, :value 1}', '{:process 0, :type :invoke, :f :read, :value nil}', '{:process 0, :type :ok, :f :read, :value 2}', ''].join('\n')

  test('reads a file, plain or gzip, and the register model checks it', async () => {
    writeFileSync(join(dir, 'history.edn'), text)
    writeFileSync(join(dir, 'history.edn.gz'), gzipSync(text))
    for (const name of ['history.edn', 'history.edn.gz']) {
      const history = await readJepsenHistoryFile(join(dir, name), { keepFailed: register.keepFailed })
      expect(history.findings).toEqual([])
      const result = checkHistory(history.operations, register)
      expect(result.verdict).toBe('violation')
      expect(result.partitions[0]!.violation).toMatchObject({ operation: { id: 3, line: 4, callLine: 3, description: 'read() -> 2' }, longestPrefix: [1], state: '1' })
    }
  })

  test('names the file in findings', async () => {
    writeFileSync(join(dir, 'bad.edn'), '{:process 0\n')
    const history = await readJepsenHistoryFile(join(dir, 'bad.edn'))
    expect(history.findings).toEqual([{ file: join(dir, 'bad.edn'), line: 1, column: 1, message: 'not EDN: "}" is missing before the end of the line' }])
  })

  test('a file that cannot be opened throws TraceReadError naming it', async () => {
    await expect(readJepsenHistoryFile(join(dir, 'missing.edn'))).rejects.toThrow(TraceReadError)
    await expect(readJepsenHistoryFile(join(dir, 'missing.edn'))).rejects.toThrow(/missing\.edn/)
  })
})
