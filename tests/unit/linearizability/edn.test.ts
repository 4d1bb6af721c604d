import { describe, expect, test } from 'vitest'
import { EdnChar, EdnKeyword, EdnMap, EdnSet, EdnSymbol, EdnSyntaxError, EdnTagged, ednEquals, parseEdn, printEdn } from '../../../src/linearizability/jepsen/edn.ts'
import { ednHash } from '../../../src/linearizability/models/edn-state.ts'

function syntaxError(text: string): { message: string; column: number } {
  try {
    parseEdn(text)
  } catch (error) {
    if (error instanceof EdnSyntaxError) return { message: error.message, column: error.column }
    throw error
  }
  throw new Error(`parsed: ${text}`)
}

describe('parseEdn', () => {
  test('reads a Jepsen operation map', () => {
    const op = parseEdn('{:process 0, :type :ok, :f :cas, :value [1 2], :key "a", :time 26305678}')
    expect(op).toBeInstanceOf(EdnMap)
    const map = op as EdnMap
    expect(map.getKeyword('process')).toBe(0)
    expect(map.getKeyword('type')).toEqual(new EdnKeyword('ok'))
    expect(map.getKeyword('value')).toEqual([1, 2])
    expect(map.getKeyword('key')).toBe('a')
    expect(map.getKeyword('time')).toBe(26305678)
    expect(map.getKeyword('missing')).toBeUndefined()
  })

  test('keeps integers past 2^53 exact, as bigints', () => {
    expect(parseEdn('1700000000123456789')).toBe(1700000000123456789n)
    expect(parseEdn('-9007199254740993')).toBe(-9007199254740993n)
    expect(parseEdn('9007199254740991')).toBe(9007199254740991)
    expect(parseEdn('12N')).toBe(12)
    expect(parseEdn('+7')).toBe(7)
  })

  test('reads the scalars', () => {
    expect(parseEdn('nil')).toBeNull()
    expect(parseEdn('true')).toBe(true)
    expect(parseEdn('false')).toBe(false)
    expect(parseEdn('-1.5e3')).toBe(-1500)
    expect(parseEdn('2.5M')).toBe(2.5)
    expect(parseEdn('##Inf')).toBe(Number.POSITIVE_INFINITY)
    expect(parseEdn(':timed-out')).toEqual(new EdnKeyword('timed-out'))
    expect(parseEdn(':jepsen.history/op')).toEqual(new EdnKeyword('jepsen.history/op'))
    expect(parseEdn('foo.bar/baz')).toEqual(new EdnSymbol('foo.bar/baz'))
    expect(parseEdn('-')).toEqual(new EdnSymbol('-'))
    expect(parseEdn('\\a')).toEqual(new EdnChar('a'))
    expect(parseEdn('\\newline')).toEqual(new EdnChar('\n'))
    expect(parseEdn('\\u00e9')).toEqual(new EdnChar('é'))
  })

  test('reads strings with escapes', () => {
    expect(parseEdn(String.raw`"a\"b\\c\nd\te\u00e9"`)).toBe('a"b\\c\nd\teé')
    expect(parseEdn('"x 0 0 y"')).toBe('x 0 0 y')
    expect(parseEdn('""')).toBe('')
  })

  test('reads collections, tags, comments and discards', () => {
    expect(parseEdn('(1 [2 #{3}] {:a nil})')).toEqual([1, [2, new EdnSet([3])], new EdnMap([[new EdnKeyword('a'), null]])])
    expect(parseEdn('#inst "2020-01-01"')).toEqual(new EdnTagged('inst', '2020-01-01'))
    expect(parseEdn('#jepsen.history.Op{:type :ok}')).toEqual(new EdnTagged('jepsen.history.Op', new EdnMap([[new EdnKeyword('type'), new EdnKeyword('ok')]])))
    expect(parseEdn('  [1 #_2 3] ; a comment')).toEqual([1, 3])
    expect(parseEdn('[1,2,,3]')).toEqual([1, 2, 3])
  })

  test('reports what it cannot read, at its column', () => {
    expect(syntaxError('{:a 1')).toEqual({ message: '"}" is missing before the end of the line', column: 1 })
    expect(syntaxError('{:a 1 :b}')).toEqual({ message: 'a map key has no value', column: 7 })
    expect(syntaxError('{:a 1} {:b 2}')).toEqual({ message: 'more text after the value (one value per line)', column: 8 })
    expect(syntaxError('{:a 1, :a 2}')).toEqual({ message: 'duplicate map key :a', column: 8 })
    expect(syntaxError('"abc')).toEqual({ message: 'a string is not closed before the end of the line', column: 1 })
    expect(syntaxError('[1 2')).toEqual({ message: '"]" is missing before the end of the line', column: 5 })
    expect(syntaxError('[1 ]]')).toEqual({ message: 'more text after the value (one value per line)', column: 5 })
    expect(syntaxError(']')).toEqual({ message: 'unexpected "]"', column: 1 })
    expect(syntaxError('"\\q"')).toEqual({ message: '"\\q" is not an escape in a string', column: 2 })
    expect(syntaxError('1x')).toEqual({ message: '"1x" is not an EDN value', column: 1 })
    expect(syntaxError('::a')).toEqual({ message: '"::a" is not a keyword', column: 1 })
    expect(syntaxError('')).toEqual({ message: 'unexpected end of line: a value is missing', column: 1 })
    expect(syntaxError('['.repeat(600)).message).toBe('nested deeper than 512 levels')
  })
})

describe('printEdn, ednEquals, ednHash', () => {
  test('print EDN that reads back as the same value', () => {
    for (const text of ['nil', '[1 2]', ':ok', '"a\\"b"', '{:a 1, :b [nil true]}', '#{1 2}', '#inst "x"', '\\newline', '1700000000123456789']) {
      const value = parseEdn(text)
      expect(ednEquals(parseEdn(printEdn(value)), value)).toBe(true)
    }
    expect(printEdn(parseEdn('{:a 1 :b "x"}'))).toBe('{:a 1, :b "x"}')
  })

  test('compare values as Clojure does, and hash equal values alike', () => {
    const pairs: [string, string, boolean][] = [
      ['3', '3N', true],
      ['[1 2]', '(1 2)', true],
      ['#{1 2}', '#{2 1}', true],
      ['{:a 1, :b 2}', '{:b 2, :a 1}', true],
      [':a', '"a"', false],
      ['a', ':a', false],
      ['nil', 'false', false],
      ['[1]', '[1 2]', false],
      ['{:a 1}', '{:a 2}', false],
    ]
    for (const [a, b, same] of pairs) {
      const va = parseEdn(a)
      const vb = parseEdn(b)
      expect(ednEquals(va, vb), `${a} = ${b}`).toBe(same)
      if (same) expect(ednHash(va), `hash ${a} ${b}`).toBe(ednHash(vb))
    }
    expect(ednEquals(9007199254740993n, 9007199254740992)).toBe(false)
  })
})
