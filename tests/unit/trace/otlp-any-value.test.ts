import { describe, expect, test } from 'vitest'
import { AnyValueError, anyValueToJs } from '../../../src/trace/otlp-any-value.ts'
import { scannedObject } from './scanned-json.ts'

const convert = (json: string): unknown => anyValueToJs(scannedObject(json))

describe('anyValueToJs', () => {
  test('converts the scalar kinds', () => {
    expect(convert('{"stringValue": "s"}')).toBe('s')
    expect(convert('{"boolValue": false}')).toBe(false)
    expect(convert('{"bytesValue": "AAEC"}')).toBe('AAEC')
    expect(convert('{"doubleValue": 1.5}')).toBe(1.5)
    expect(convert('{"doubleValue": "2.5e3"}')).toBe(2500)
    expect(convert('{"doubleValue": "NaN"}')).toBeNaN()
    expect(convert('{"doubleValue": "Infinity"}')).toBe(Number.POSITIVE_INFINITY)
    expect(convert('{"doubleValue": "-Infinity"}')).toBe(Number.NEGATIVE_INFINITY)
  })

  test('keeps intValue exact: a number when safe, a bigint beyond 2^53', () => {
    expect(convert('{"intValue": "42"}')).toBe(42)
    expect(convert('{"intValue": -7}')).toBe(-7)
    expect(convert('{"intValue": "-0"}')).toBe(0)
    expect(convert('{"intValue": "9007199254740991"}')).toBe(9007199254740991)
    expect(convert('{"intValue": "9007199254740993"}')).toBe(9007199254740993n)
    expect(convert('{"intValue": 9007199254740993}')).toBe(9007199254740993n)
    expect(convert('{"intValue": "-9223372036854775808"}')).toBe(-9223372036854775808n)
  })

  test('converts arrays and key-value lists, nested', () => {
    expect(
      convert(`{"arrayValue": {"values": [{"intValue": "1"}, {"stringValue": "two"}, {"arrayValue": {}}, {}]}}`),
    ).toEqual([1, 'two', [], null])
    expect(
      convert(`{"kvlistValue": {"values": [
        {"key": "attempt", "value": {"intValue": "2"}},
        {"key": "inner", "value": {"kvlistValue": {"values": [{"key": "ok", "value": {"boolValue": true}}]}}},
        {"key": "none"}
      ]}}`),
    ).toEqual({ attempt: 2, inner: { ok: true }, none: null })
  })

  test('makes "__proto__" and "toString" ordinary own keys of a kvlistValue', () => {
    const value = convert(`{"kvlistValue": {"values": [
      {"key": "__proto__", "value": {"stringValue": "p"}},
      {"key": "toString", "value": {"intValue": "1"}}
    ]}}`) as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__', 'toString'])
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('p')
    expect(value.toString).toBe(1)
  })

  test('reads an absent, empty or null AnyValue as null', () => {
    expect(anyValueToJs(undefined)).toBeNull()
    expect(anyValueToJs(null)).toBeNull()
    expect(convert('{}')).toBeNull()
    expect(convert('{"stringValue": null}')).toBeNull()
  })

  test.each([
    ['{"intValue": "1.5"}', 'intValue must be an integer, found "1.5"'],
    ['{"intValue": 1e3}', 'intValue must be an integer, found 1e3'],
    ['{"intValue": true}', 'intValue must be an integer, found true'],
    ['{"doubleValue": "abc"}', 'doubleValue must be a number, found "abc"'],
    ['{"stringValue": 1}', 'stringValue must be a string, found 1'],
    ['{"boolValue": "true"}', 'boolValue must be true or false, found "true"'],
    ['{"stringValue": "a", "intValue": 1}', 'AnyValue has more than one field (stringValue, intValue)'],
    ['{"mapValue": {}}', 'AnyValue has an unknown field "mapValue"'],
    ['{"arrayValue": []}', 'arrayValue must be an object with "values", found an array'],
    ['{"arrayValue": {"values": {}}}', 'arrayValue.values must be an array, found an object'],
    ['{"kvlistValue": {"values": [1]}}', 'kvlistValue entry is not an object (found 1)'],
    ['{"kvlistValue": {"values": [{"value": {}}]}}', 'kvlistValue entry has no string "key" (found nothing)'],
    [
      '{"kvlistValue": {"values": [{"key": "a"}, {"key": "a"}]}}',
      'kvlistValue has the key "a" twice',
    ],
    ['{"arrayValue": {"values": ["x"]}}', 'AnyValue is not an object (found "x")'],
  ])('rejects %s', (json, message) => {
    expect(() => convert(json)).toThrow(new AnyValueError(message))
  })

  test('refuses nesting deeper than 100 levels instead of overflowing the stack', () => {
    const deep = '{"arrayValue": {"values": ['.repeat(150) + ']}}'.repeat(150)
    expect(() => convert(deep)).toThrow(new AnyValueError('AnyValue is nested more than 100 levels deep'))
  })
})
