import { describe, expect, test } from 'vitest'
import { NdjsonRecordSink } from '../../../src/trace/ndjson-records.ts'
import { event, invalid } from './trace-files.ts'

function parseMessage(text: string): string {
  try {
    JSON.parse(text)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`${text} parses`)
}

describe('NdjsonRecordSink', () => {
  test('turns each object line into an event, as parsed', () => {
    const sink = new NdjsonRecordSink()
    sink.line('{"type":"retry","key":"a","context":{"attempt":1}}', 3)
    expect(sink.out).toEqual([event(3, { type: 'retry', key: 'a', context: { attempt: 1 } })])
  })

  test('reports a line that is not JSON with the parser message', () => {
    const sink = new NdjsonRecordSink()
    sink.line('{"type":', 1)
    sink.line('not json', 2)
    expect(sink.out).toEqual([
      invalid(1, `line is not valid JSON: ${parseMessage('{"type":')}`),
      invalid(2, `line is not valid JSON: ${parseMessage('not json')}`),
    ])
  })

  test.each([
    ['[1,2]', 'array'],
    ['42', 'number'],
    ['"text"', 'string'],
    ['null', 'null'],
    ['true', 'boolean'],
  ])('reports %s as not a JSON object (found %s)', (text, type) => {
    const sink = new NdjsonRecordSink()
    sink.line(text, 7)
    expect(sink.out).toEqual([invalid(7, `line is not a JSON object (found ${type})`)])
  })

  test('keeps "__proto__" and "toString" keys as own properties', () => {
    const sink = new NdjsonRecordSink()
    sink.line('{"key":"__proto__","__proto__":{"polluted":true},"toString":"x"}', 1)
    const record = sink.out[0]!
    if (record.kind !== 'event') throw new Error('expected an event')
    expect(Object.keys(record.event)).toEqual(['key', '__proto__', 'toString'])
    expect(Object.getPrototypeOf(record.event)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('passes on lines the splitter rejected', () => {
    const sink = new NdjsonRecordSink()
    sink.invalidLine(4, 'line is not valid UTF-8')
    sink.finish()
    expect(sink.out).toEqual([invalid(4, 'line is not valid UTF-8')])
  })
})
