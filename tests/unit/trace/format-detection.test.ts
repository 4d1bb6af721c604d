import { Readable } from 'node:stream'
import { afterAll, describe, expect, test } from 'vitest'
import { ChunkReader } from '../../../src/trace/byte-source.ts'
import { DETECTION_PEEK_BYTES, detectFormat, formatOfPrefix } from '../../../src/trace/format-detection.ts'
import { TraceDir, readTrace } from './trace-files.ts'

const files = new TraceDir()
afterAll(() => files.remove())

describe('formatOfPrefix', () => {
  test.each([
    ['', true, 'ndjson'],
    [' \r\n\n\t', true, 'ndjson'],
    ['{"type":"retry","key":"a"}\n{"resourceSpans":[]}\n', false, 'ndjson'],
    ['\uFEFF\r\n\n  {"resourceSpans":[]}\r\n', false, 'otlp-jsonl'],
    ['{"resourceSpans":[]}', true, 'otlp-json'],
    ['{"resourceSpans":[]}\r\n\n  \n', true, 'otlp-json'],
    ['{"resourceSpans":[]}\n\n', false, 'otlp-jsonl'],
    ['{"resourceSpans":[]}\n{"resourceSpans":[]}\n', false, 'otlp-jsonl'],
    ['{"resourceSpans":[]}\n\n{', false, 'otlp-jsonl'],
    ['\n{"type":"retry","key":"a"}\n', true, 'ndjson'],
    ['\n\n{"resourceSpans":[]}\n', true, 'otlp-json'],
    ['\nnot json, but text é\n', true, 'ndjson'],
    ['\n\x05\n\x03\x12\x01x', true, 'otlp-protobuf'],
    ['\n{\x12\x00', false, 'otlp-protobuf'],
    ['{"nested":{"resourceSpans":[]}}\n', false, 'ndjson'],
    ['{\n  "resourceSpans": [\n', false, 'otlp-json'],
    ['\uFEFF{ "resourceSpans": [ {\n', false, 'otlp-json'],
    ['{"resourceSpans": [{"scopeSpans": [', false, 'otlp-json'],
    ['{"type": "retry", "key": ', false, 'ndjson'],
    ['{ not json\n', true, 'ndjson'],
    ['[{"resourceSpans": []}]\n', true, 'ndjson'],
    ['garbage "resourceSpans"\n', true, 'ndjson'],
  ])('%j (complete: %s) is %s', (text, complete, format) => {
    expect(formatOfPrefix(Buffer.from(text), complete)).toBe(format)
  })
})

describe('detectFormat', () => {
  test('reads a bounded prefix of a huge first line, and hands the peeked chunks out again', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    let pulled = 0
    async function* huge(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"resourceSpans": [], "padding": "')
      for (let i = 0; i < 1600; i++) {
        pulled++
        yield chunk
      }
    }
    const reader = new ChunkReader(Readable.from(huge()), false)
    expect(await detectFormat(reader)).toBe('otlp-json')
    expect(pulled * chunk.length).toBeLessThanOrEqual(DETECTION_PEEK_BYTES + 2 * chunk.length)
    expect((await reader.next())?.toString()).toBe('{"resourceSpans": [], "padding": "')
    expect(await reader.next()).toBe(chunk)
    reader.close()
  })

  test('tells the format from the content, not the file name', async () => {
    const ndjson = files.write('{"type":"retry","key":"a"}\n', { name: 'trace.otlp.json' })
    const jsonl = files.write('{"resourceSpans":[]}\n{"resourceSpans":[]}\n', { name: 'trace.ndjson' })
    const oneLine = files.write('{"resourceSpans":[]}\n\n', { name: 'trace.jsonl' })
    const protobuf = files.write(Buffer.from([0x0a, 0x7b, 0x0a, 0x0a, 0x12, 0x00]), { name: 'trace.ndjson' })
    const document = files.write('{\n  "resourceSpans": []\n}\n', { name: 'trace.jsonl' })
    expect((await readTrace(ndjson)).format).toBe('ndjson')
    expect((await readTrace(jsonl)).format).toBe('otlp-jsonl')
    expect((await readTrace(oneLine)).format).toBe('otlp-json')
    expect((await readTrace(protobuf)).format).toBe('otlp-protobuf')
    expect((await readTrace(document)).format).toBe('otlp-json')
  })
})

describe('detectFormat after a one-line TracesData', () => {
  async function detectChunks(chunks: string[]): Promise<string> {
    const reader = new ChunkReader(Readable.from(chunks.map((c) => Buffer.from(c))), false)
    const format = await detectFormat(reader)
    const back: string[] = []
    for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) back.push(chunk.toString())
    expect(back).toEqual(chunks)
    return format
  }

  test('peeks past whitespace: one document when the input ends, JSON Lines when a record follows', async () => {
    expect(await detectChunks(['{"resourceSpans":[]}\n', '\r\n', '  \n'])).toBe('otlp-json')
    expect(await detectChunks(['{"resourceSpans":[]}\n', '\n', '{"resourceSpans":[]}\n'])).toBe('otlp-jsonl')
  })
})
