import { describe, expect, test } from 'vitest'
import { checkHistory } from '../../../src/linearizability/check-history.ts'
import { EdnKeyword } from '../../../src/linearizability/jepsen/edn.ts'
import type { JepsenOperation } from '../../../src/linearizability/jepsen/jepsen-history.ts'
import { kv } from '../../../src/linearizability/models/kv.ts'
import { register } from '../../../src/linearizability/models/register.ts'
import { cas, read, write } from './register-ops.ts'

describe('register', () => {
  test('a cas completed :ok needs the value to be from, and sets to', () => {
    expect(checkHistory([write('w', 0, 1, 1), cas('c', 2, 3, 1, 2, true), read('r', 4, 5, 2)], register).verdict).toBe('ok')
    expect(checkHistory([write('w', 0, 1, 1), cas('c', 2, 3, 5, 2, true)], register).verdict).toBe('violation')
  })

  test('a cas completed :fail is a compare that failed: the value was not from', () => {
    expect(checkHistory([write('w', 0, 1, 1), cas('c', 2, 3, 5, 2, false), read('r', 4, 5, 1)], register).verdict).toBe('ok')
    const result = checkHistory([write('w', 0, 1, 1), cas('c', 2, 3, 1, 2, false)], register)
    expect(result.verdict).toBe('violation')
    expect(result.partitions[0]!.violation).toMatchObject({ operation: { id: 'c', description: 'cas(1, 2) -> fail' }, state: '1' })
  })

  test('a key never written reads nil, and a cas from nil matches it', () => {
    expect(checkHistory([read('r', 0, 1, null)], register).verdict).toBe('ok')
    expect(checkHistory([cas('c', 0, 1, null, 1, true), read('r', 2, 3, 1)], register).verdict).toBe('ok')
    expect(checkHistory([read('r', 0, 1, 0)], register).verdict).toBe('violation')
  })

  test('values compare as EDN values', () => {
    const kw = new EdnKeyword('x')
    expect(checkHistory([write('w', 0, 1, kw), read('r', 2, 3, new EdnKeyword('x'))], register).verdict).toBe('ok')
    expect(checkHistory([write('w', 0, 1, kw), read('r', 2, 3, 'x')], register).verdict).toBe('violation')
    expect(checkHistory([write('w', 0, 1, 3), read('r', 2, 3, 3n)], register).verdict).toBe('ok')
  })

  test('refuses operations it does not have, and a cas without [from to]', () => {
    expect(register.validate!({ f: 'incr', value: 1 }, undefined, true)).toBe('register has no operation :incr (it has :read, :write, :cas)')
    expect(register.validate!({ f: 'cas', value: 1 }, undefined, true)).toBe('a :cas value must be [from to], got 1')
    expect(register.validate!({ f: 'write', value: 1 }, { type: 'fail', value: 1 }, false)).toBe('a failed :write did not take effect and cannot be checked')
    expect(register.keepFailed('cas')).toBe(true)
    expect(register.keepFailed('write')).toBe(false)
  })

  test('describes operations and states for people', () => {
    expect(register.describeOperation!({ f: 'write', value: 3, key: 'k' }, undefined, true)).toBe('write("k", 3) -> ?')
    expect(register.describeOperation!({ f: 'cas', value: [1, 2] }, { type: 'ok', value: [1, 2] }, false)).toBe('cas(1, 2) -> ok')
    expect(register.describeOperation!({ f: 'read', value: null }, { type: 'ok', value: null }, false)).toBe('read() -> nil')
    expect(register.describeState!(null)).toBe('nil')
  })
})

describe('kv', () => {
  let line = 0
  const op = (id: string, call: number, ret: number, f: string, key: string, value: string | null, output: string | null = value): JepsenOperation => ({
    id,
    call,
    return: ret,
    input: { f, key, value },
    output: { type: 'ok', value: output },
    line: ++line,
    key,
  })

  test('get, put and append, per key', () => {
    const history = [op('p', 0, 1, 'put', 'a', 'x'), op('ap', 2, 3, 'append', 'a', 'y'), op('g', 4, 5, 'get', 'a', null, 'xy'), op('ab', 0, 1, 'append', 'b', 'z'), op('gb', 2, 3, 'get', 'b', null, 'z')]
    const result = checkHistory(history, kv)
    expect(result.verdict).toBe('ok')
    expect(result.partitions.map((p) => p.key)).toEqual(['a', 'b'])
  })

  test('a key never written reads "" or nil', () => {
    expect(checkHistory([op('g', 0, 1, 'get', 'a', null, '')], kv).verdict).toBe('ok')
    expect(checkHistory([op('g', 0, 1, 'get', 'a', null, null)], kv).verdict).toBe('ok')
    expect(checkHistory([op('p', 0, 1, 'put', 'a', ''), op('g', 2, 3, 'get', 'a', null, null)], kv).verdict).toBe('violation')
  })

  test('a concurrent append may land on either side of a get', () => {
    const history = [op('p', 0, 1, 'put', 'a', 'x'), op('ap', 2, 10, 'append', 'a', 'y'), op('g1', 3, 4, 'get', 'a', null, 'x'), op('g2', 5, 6, 'get', 'a', null, 'xy')]
    expect(checkHistory(history, kv).verdict).toBe('ok')
    const reversed = [op('p', 0, 1, 'put', 'a', 'x'), op('ap', 2, 10, 'append', 'a', 'y'), op('g1', 3, 4, 'get', 'a', null, 'xy'), op('g2', 5, 6, 'get', 'a', null, 'x')]
    const result = checkHistory(reversed, kv)
    expect(result.partitions[0]!.violation).toMatchObject({ operation: { id: 'g2', description: 'get("a") -> "x"' }, longestPrefix: ['p', 'ap', 'g1'], state: '"xy"' })
  })

  test('refuses what it cannot check', () => {
    expect(kv.validate!({ f: 'cas', value: null }, undefined, true)).toBe('kv has no operation :cas (it has :get, :put, :append)')
    expect(kv.validate!({ f: 'append', value: 3 }, undefined, true)).toBe('a :append value must be a string, got 3')
    expect(kv.validate!({ f: 'get', value: null }, { type: 'ok', value: 3 }, false)).toBe('a :get must return a string or nil, got 3')
  })
})
