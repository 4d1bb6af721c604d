import { describe, expect, test } from 'vitest'
import { JsonNumber, JsonScanner, JsonSyntaxError } from '../../../src/json/json-scanner.ts'
import type { DuplicateKey, JsonObject, JsonScanSink, JsonValue, ScanFrame } from '../../../src/json/json-scanner.ts'

interface Captured {
  value: JsonObject | JsonValue[]
  line: number
  duplicate: DuplicateKey | undefined
}

/** Captures every object directly inside the array under the top-level key "items". */
class ItemsSink implements JsonScanSink {
  readonly values: Captured[] = []
  readonly asked: { keys: (string | undefined)[]; isArray: boolean }[] = []
  capture(frames: readonly ScanFrame[], isArray: boolean): boolean {
    this.asked.push({ keys: frames.map((f) => (f.isArray ? '[]' : f.key)), isArray })
    return !isArray && frames.length === 2 && frames[0]!.key === 'items' && frames[1]!.isArray
  }
  captured(value: JsonObject | JsonValue[], line: number, duplicate: DuplicateKey | undefined): void {
    this.values.push({ value, line, duplicate })
  }
}

function scan(lines: string[]): { scanner: JsonScanner; sink: ItemsSink } {
  const sink = new ItemsSink()
  const scanner = new JsonScanner(sink)
  lines.forEach((text, i) => scanner.write(text, i + 1))
  scanner.end()
  return { scanner, sink }
}

function syntaxError(lines: string[]): { message: string; line: number } {
  try {
    scan(lines)
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { message: error.message, line: error.line }
    throw error
  }
  throw new Error('expected a JsonSyntaxError')
}

describe('JsonScanner', () => {
  test('captures only the requested values, at the line where each begins', () => {
    const { sink, scanner } = scan([
      '{',
      '  "skip": {"items": [{"not": "this"}]},',
      '  "items": [',
      '    {"a": 1},',
      '    {',
      '      "b": [true, false, null, "s"]',
      '    }, 7, [ {"nested": "array, not captured"} ]',
      '  ]',
      '}',
    ])
    expect(sink.values).toEqual([
      { value: new Map([['a', new JsonNumber('1')]]), line: 4, duplicate: undefined },
      { value: new Map([['b', [true, false, null, 's']]]), line: 5, duplicate: undefined },
    ])
    expect(scanner.rootType).toBe('object')
    expect([...scanner.rootKeys]).toEqual(['skip', 'items'])
    expect(sink.asked[0]).toEqual({ keys: [], isArray: false })
  })

  test('hands out the 1-based column of a captured value’s opening bracket', () => {
    const columns: Array<[number, number]> = []
    const scanner = new JsonScanner({
      capture: (frames, isArray) => !isArray && frames.length === 2,
      captured: (_value, line, _duplicate, column) => columns.push([line, column]),
    })
    const line = '{"items": [{"a": 1},  {"b": {"c": 2}}, {}]}'
    scanner.write(line, 1)
    scanner.write('  ', 2)
    scanner.end()
    expect(columns).toEqual([
      [1, line.indexOf('{"a"') + 1],
      [1, line.indexOf('{"b"') + 1],
      [1, line.lastIndexOf('{}') + 1],
    ])
    const multi = new JsonScanner({ capture: (frames) => frames.length === 1, captured: (_v, l, _d, column) => columns.push([l, column]) })
    multi.write('[', 1)
    multi.write('\t  {"x": [', 2)
    multi.write(']}]', 3)
    multi.end()
    expect(columns.at(-1)).toEqual([2, 4])
  })

  test('keeps the literal text of numbers, so 64-bit integers stay exact', () => {
    const { sink } = scan(['{"items":[{"big": 9007199254740993, "neg": -0.5e-3, "exp": 1E+2}]}'])
    expect(sink.values[0]!.value).toEqual(
      new Map([
        ['big', new JsonNumber('9007199254740993')],
        ['neg', new JsonNumber('-0.5e-3')],
        ['exp', new JsonNumber('1E+2')],
      ]),
    )
  })

  test('decodes escapes in keys and strings', () => {
    const { sink } = scan(['{"items":[{"\\u0061\\n": "tab\\there \\"q\\" \\ud83d\\ude00 é"}]}'])
    expect(sink.values[0]!.value).toEqual(new Map([['a\n', 'tab\there "q" 😀 é']]))
  })

  test('keeps "__proto__" and "toString" as ordinary keys', () => {
    const { sink } = scan(['{"items":[{"__proto__": {"x": 1}, "toString": "s"}]}'])
    const value = sink.values[0]!.value as JsonObject
    expect([...value.keys()]).toEqual(['__proto__', 'toString'])
    expect(value.get('toString')).toBe('s')
  })

  test('names the first duplicate key anywhere inside a captured value, with its line', () => {
    const { sink } = scan(['{"items":[', '{"a": {"k": 1,', '"k": 2}, "a": 3, "b": 1, "b": 2},', '{"a": 1}]}'])
    expect(sink.values.map((c) => [c.line, c.duplicate])).toEqual([
      [2, { key: 'k', line: 3 }],
      [4, undefined],
    ])
    expect((sink.values[0]!.value as JsonObject).get('a')).toEqual(new JsonNumber('3'))
  })

  test.each([
    [['{"a": 1,}'], 'expected a key in double quotes but found "}"', 1],
    [['{"a" 1}'], 'expected ":" but found "1"', 1],
    [['[1 2]'], 'expected "," or "]" but found "2"', 1],
    [['{"a": 1 x}'], 'expected "," or "}" but found "x"', 1],
    [['{', '  "a": tru', '}'], 'unexpected line break in literal', 2],
    [['{"a": trux}'], 'expected a JSON value but found "t"', 1],
    [['{', '  "a": "open', '"}'], 'unexpected line break in string', 2],
    [['{"a": "x\ty"}'], 'control character "\\t" in string (escape it)', 1],
    [['{"a": 01}'], 'expected "," or "}" but found "1"', 1],
    [['{"a": -}'], 'expected a digit but found "}"', 1],
    [['{"a": 1.}'], 'expected a digit but found "}"', 1],
    [['{"a": "\\x"}'], 'invalid escape sequence in string', 1],
    [['{"a": [}'], 'expected a JSON value but found "}"', 1],
    [['{"a": 😀}'], 'expected a JSON value but found "😀"', 1],
    [['{} {}'], 'unexpected "{" after the JSON value', 1],
    [['{', '}', 'x'], 'unexpected "x" after the JSON value', 3],
    [['{', '  "a": [', '    1,'], 'unexpected end of input', 3],
    [['{"a": "cut'], 'unexpected end of input', 1],
    [['{"a": 12e'], 'unexpected end of input', 1],
    [['{"a": nul'], 'unexpected end of input', 1],
    [[], 'unexpected end of input', 1],
  ])('reports %j as "%s" at line %i', (lines, message, line) => {
    expect(syntaxError(lines)).toEqual({ message, line })
  })

  test('reports the root type of a document that is not an object', () => {
    for (const [text, type] of [
      ['[1]', 'array'],
      ['"s"', 'string'],
      ['-1.5', 'number'],
      ['true', 'boolean'],
      ['null', 'null'],
    ] as const) {
      expect(scan([text]).scanner.rootType).toBe(type)
    }
  })

  test('delivers values captured before a syntax error', () => {
    const sink = new ItemsSink()
    const scanner = new JsonScanner(sink)
    scanner.write('{"items": [{"a": 1}, {"b": 2}', 1)
    expect(() => scanner.write('  x', 2)).toThrow(new JsonSyntaxError('expected "," or "]" but found "x"', 2))
    expect(sink.values).toHaveLength(2)
  })

  test('nesting deeper than maxDepth is a depth error at the line where it happens; siblings do not add up', () => {
    const scanner = new JsonScanner(new ItemsSink(), { maxDepth: 3 })
    scanner.write('[[[1], [2]],', 1)
    expect(() => scanner.write(' [[[3]]]]', 2)).toThrow(new JsonSyntaxError('objects and arrays nest deeper than 3 levels here', 2, 'depth'))
  })

  test('by default nesting stops at 256 levels', () => {
    expect(() => scan(['['.repeat(256) + ']'.repeat(256)])).not.toThrow()
    expect(() => scan(['['.repeat(257) + ']'.repeat(257)])).toThrow('nest deeper than 256 levels')
  })

  test('duplicateKeys "throw" makes a duplicate key a syntax error at its second occurrence', () => {
    const scanner = new JsonScanner({ capture: (frames) => frames.length === 0, captured: () => {} }, { duplicateKeys: 'throw' })
    scanner.write('{"a": 1,', 1)
    expect(() => scanner.write('"a": 2}', 2)).toThrow(new JsonSyntaxError('duplicate key "a" in one object', 2))
  })

  test('positions gives the line of each built object, array and key', () => {
    const lines: number[] = []
    let root: JsonObject | undefined
    const scanner = new JsonScanner({ capture: (frames) => frames.length === 0, captured: (value) => void (root = value as JsonObject) }, { positions: true })
    ;['{', '  "a": [', '    {"b": 1}', '  ],', '  "c": 2', '}'].forEach((text, i) => scanner.write(text, i + 1))
    scanner.end()
    const a = root!.get('a') as JsonValue[]
    const { containers, keys } = scanner.positions!
    lines.push(containers.get(root!)!, containers.get(a)!, containers.get(a[0] as object)!)
    expect(lines).toEqual([1, 2, 3])
    expect([...keys.get(root!)!]).toEqual([
      ['a', 2],
      ['c', 5],
    ])
  })
})
