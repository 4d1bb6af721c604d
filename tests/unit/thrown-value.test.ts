import { describe, expect, test } from 'vitest'
import { describeThrown, keepableError } from '../../src/thrown-value.ts'

describe('describeThrown never throws, whatever user code threw', () => {
  test.each([
    ['a string', 'boom', { name: 'Error', message: 'boom', isError: false }],
    ['an Error', new TypeError('bad'), { name: 'TypeError', message: 'bad', isError: true }],
    ['a null-prototype object', Object.create(null), { name: 'Error', message: '[Object: null prototype] {}', isError: false }],
    ['undefined', undefined, { name: 'Error', message: 'undefined', isError: false }],
  ])('%s', (_label, value, expected) => {
    expect(describeThrown(value)).toEqual(expected)
  })

  test('an object whose toString throws is inspected instead', () => {
    const value = { toString: () => { throw new Error('no') } }
    expect(describeThrown(value).message).toBe('{ toString: [Function: toString] }')
  })

  test('an Error whose name and message getters throw', () => {
    const error = new Error('x')
    Object.defineProperty(error, 'message', { get: () => { throw new Error('m') } })
    Object.defineProperty(error, 'name', { get: () => { throw new Error('n') } })
    expect(describeThrown(error)).toEqual({ name: 'Error', message: '(its message could not be read: Error: m)', isError: true })
    expect(keepableError(error)).toBeUndefined()
  })

  test('a revoked Proxy', () => {
    const p = Proxy.revocable({}, {})
    p.revoke()
    expect(describeThrown(p.proxy)).toEqual({ name: 'Error', message: '<Revoked Proxy>', isError: false })
    expect(keepableError(p.proxy)).toBeUndefined()
  })

  test('an ordinary Error is kept', () => {
    const error = new RangeError('r')
    expect(keepableError(error)).toBe(error)
  })
})
