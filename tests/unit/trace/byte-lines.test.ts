import { describe, expect, test } from 'vitest'
import { ByteLineSplitter } from '../../../src/trace/byte-lines.ts'
import type { LineSink } from '../../../src/trace/byte-lines.ts'

type Seen = [number, string] | [number, 'invalid', string]

class RecordingSink implements LineSink {
  readonly seen: Seen[] = []
  line(text: string, lineNumber: number): void {
    this.seen.push([lineNumber, text])
  }
  invalidLine(lineNumber: number, message: string): void {
    this.seen.push([lineNumber, 'invalid', message])
  }
}

function split(chunks: (string | Buffer)[], maxLineBytes = 1024): Seen[] {
  const sink = new RecordingSink()
  const splitter = new ByteLineSplitter(sink, maxLineBytes)
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  splitter.end()
  return sink.seen
}

/** Every way of cutting `text` into two chunks, to prove results do not depend on chunk boundaries. */
function everySplit(bytes: Buffer): Buffer[][] {
  const ways: Buffer[][] = []
  for (let i = 0; i <= bytes.length; i++) ways.push([bytes.subarray(0, i), bytes.subarray(i)])
  return ways
}

describe('ByteLineSplitter', () => {
  test('numbers physical lines from 1, counting blank and whitespace-only lines', () => {
    expect(split(['a\n\n  \t\nb\n\r\n c\n'])).toEqual([
      [1, 'a'],
      [4, 'b'],
      [6, ' c'],
    ])
  })

  test('accepts CRLF and LF, strips a UTF-8 BOM at the start only, and needs no final line break', () => {
    expect(split(['\uFEFFa\r\nb\n\uFEFFc'])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, '\uFEFFc'],
    ])
  })

  test('gives the same lines whatever the chunk boundaries', () => {
    const bytes = Buffer.from('\uFEFF{"a":1}\r\n\r\n  \n{"é":"ü"}\r\nlast')
    const expected = [
      [1, '{"a":1}'],
      [4, '{"é":"ü"}'],
      [5, 'last'],
    ]
    for (const chunks of everySplit(bytes)) expect(split(chunks)).toEqual(expected)
    expect(split([...bytes].map((b) => Buffer.from([b])))).toEqual(expected)
  })

  test('keeps a genuine U+FFFD and reports invalid UTF-8 bytes', () => {
    const bad = Buffer.concat([Buffer.from('{"k":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')])
    expect(split([Buffer.from('{"k":"\uFFFD"}\n'), bad, Buffer.from('ok\n')])).toEqual([
      [1, '{"k":"\uFFFD"}'],
      [2, 'invalid', 'line is not valid UTF-8'],
      [3, 'ok'],
    ])
  })

  test('reports an over-long line with its size and the limit, then goes on', () => {
    expect(split(['short\n', `${'x'.repeat(11)}\r\n`, `${'y'.repeat(10)}\n`, 'z'], 10)).toEqual([
      [1, 'short'],
      [2, 'invalid', 'line 2 is 11 bytes, over the limit of 10 bytes (maxLineBytes)'],
      [3, 'yyyyyyyyyy'],
      [4, 'z'],
    ])
  })

  test('measures an over-long line exactly across chunk boundaries, CR excluded', () => {
    const bytes = Buffer.from(`ok\n${'x'.repeat(25)}\r\n${'y'.repeat(10)}\r\nend`)
    const expected = [
      [1, 'ok'],
      [2, 'invalid', 'line 2 is 25 bytes, over the limit of 10 bytes (maxLineBytes)'],
      [3, 'yyyyyyyyyy'],
      [4, 'end'],
    ]
    for (const chunks of everySplit(bytes)) expect(split(chunks, 10)).toEqual(expected)
    expect(split([...bytes].map((b) => Buffer.from([b])), 10)).toEqual(expected)
  })

  test('reports an over-long last line without a line break', () => {
    expect(split(['a\n', 'b'.repeat(8), 'b'.repeat(8)], 10)).toEqual([
      [1, 'a'],
      [2, 'invalid', 'line 2 is 16 bytes, over the limit of 10 bytes (maxLineBytes)'],
    ])
  })

  test('streams a 100 MB line past without holding it', () => {
    const sink = new RecordingSink()
    const splitter = new ByteLineSplitter(sink, 1 << 20)
    const chunk = Buffer.alloc(1 << 20, 0x61)
    const before = process.memoryUsage().arrayBuffers
    splitter.push(Buffer.from('{"first":1}\n'))
    for (let i = 0; i < 100; i++) splitter.push(chunk)
    const during = process.memoryUsage().arrayBuffers
    splitter.push(Buffer.from('\n{"after":1}\n'))
    splitter.end()
    // The same 1 MiB chunk is pushed 100 times: anything kept of it would have to be copied.
    expect(during - before).toBeLessThan(8 << 20)
    expect(sink.seen).toEqual([
      [1, '{"first":1}'],
      [2, 'invalid', `line 2 is ${100 << 20} bytes, over the limit of ${1 << 20} bytes (maxLineBytes)`],
      [3, '{"after":1}'],
    ])
  })

  test('splits a loaded chunk a few lines at a time', () => {
    const sink = new RecordingSink()
    const splitter = new ByteLineSplitter(sink, 100)
    splitter.load(Buffer.from('a\nb\nc\nd'))
    expect(splitter.split(2)).toBe(true)
    expect(sink.seen).toEqual([
      [1, 'a'],
      [2, 'b'],
    ])
    expect(splitter.split(2)).toBe(false)
    expect(sink.seen).toHaveLength(3)
    expect(splitter.currentLine).toBe(4)
    splitter.load(Buffer.from('e\n'))
    expect(splitter.split(10)).toBe(false)
    splitter.end()
    expect(sink.seen.map(([, text]) => text)).toEqual(['a', 'b', 'c', 'de'])
    expect(splitter.currentLine).toBe(5)
  })

  test('handles an input of only a BOM or part of one', () => {
    expect(split(['\uFEFF'])).toEqual([])
    expect(split([Buffer.from([0xef, 0xbb])])).toEqual([[1, 'invalid', 'line is not valid UTF-8']])
    expect(split([])).toEqual([])
  })
})
