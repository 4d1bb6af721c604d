import { describe, expect, test } from 'vitest'
import { JsonSyntaxError } from '../../../src/json/json-scanner.ts'
import { parseJsonWithLines } from '../../../src/json/parse-json-with-lines.ts'

describe('JSON with lines', () => {
  test('each object and array knows the line it begins on', () => {
    const { value, lineOf } = parseJsonWithLines('{\n  "a": [\n    { "b": 1 }\n  ]\n}')
    const root = value as { a: Array<{ b: number }> }
    expect([lineOf(root), lineOf(root.a), lineOf(root.a[0])]).toEqual([1, 2, 3])
  })

  test('__proto__ is an ordinary own key and does not change the prototype', () => {
    const { value } = parseJsonWithLines('{"__proto__": {"polluted": true}, "toString": 1}')
    const object = value as Record<string, unknown>
    expect(Object.keys(object)).toEqual(['__proto__', 'toString'])
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('a duplicate key is an error at the line of the second occurrence', () => {
    expect(() => parseJsonWithLines('{\n"a": 1,\n"a": 2\n}')).toThrow(new JsonSyntaxError('duplicate key "a" in one object', 3))
  })

  test('syntax errors name what was found and where', () => {
    try {
      parseJsonWithLines('{\n  "a": trux\n}')
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ name: 'JsonSyntaxError', kind: 'syntax', line: 2, message: 'expected a JSON value but found "t"' })
    }
    expect(() => parseJsonWithLines('{\n  "a": tru\n}')).toThrow(new JsonSyntaxError('unexpected line break in literal', 2))
  })

  test('agrees with JSON.parse on escapes, numbers and a BOM', () => {
    const text = '\ufeff{"s": "a\\n\\u00e9\\"", "n": [-1.5e3, 0, 12], "t": true, "f": false, "z": null}'
    expect(parseJsonWithLines(text).value).toEqual(JSON.parse(text.slice(1)))
  })

  test('numbers become doubles; a top-level scalar is a value too', () => {
    expect(parseJsonWithLines('{"n": 9007199254740993}').value).toEqual({ n: 9007199254740992 })
    expect(parseJsonWithLines(' -1.5e3 ').value).toBe(-1500)
    expect(parseJsonWithLines('"s"').value).toBe('s')
  })

  test('the line of a key, and of anything without a line', () => {
    const { value, lineOfKey, lineOf } = parseJsonWithLines('{\n"a": 1,\n\n"b": {}\n}')
    expect([lineOfKey(value, 'a'), lineOfKey(value, 'b'), lineOfKey(value, 'missing'), lineOf(1)]).toEqual([2, 4, 1, 1])
  })
})
