import { closeSync, openSync, writeSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, test } from 'vitest'
import { SpecCiConfigError } from '../../../src/errors.ts'
import { TraceReadError } from '../../../src/trace/errors.ts'
import { openTrace } from '../../../src/trace/open-trace.ts'
import { writeGzipBomb } from './gzip-bomb.ts'
import { TraceDir, event, invalid, readTrace } from './trace-files.ts'

const files = new TraceDir()
const NOT_REGULAR = 'not a regular file: only regular files are read as traces, since a pipe or device may block or never end. Replace it with a regular file, or exclude it'
afterAll(() => files.remove())

function parseMessage(text: string): string {
  try {
    JSON.parse(text)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`${text} parses`)
}

/** Writes a file of `before`, then a line of `size` bytes written in pieces, then `after`. */
function writeWithHugeLine(before: string, size: number, after: string): string {
  const file = path.join(files.dir, `huge-${size}.ndjson`)
  const fd = openSync(file, 'w')
  writeSync(fd, before)
  const piece = Buffer.alloc(4 << 20, 0x78)
  for (let left = size; left > 0; left -= piece.length) writeSync(fd, piece, 0, Math.min(left, piece.length))
  writeSync(fd, after)
  closeSync(fd)
  return file
}

describe('openTrace', () => {
  test('reads NDJSON with a BOM, CRLF and blank lines, keeping physical line numbers', async () => {
    const file = files.write('\uFEFF{"type":"retry","key":"a"}\r\n\r\n   \r\n{"type":"success","key":"a"}\r\n\n')
    expect(await readTrace(file)).toEqual({
      format: 'ndjson',
      gzip: false,
      records: [event(1, { type: 'retry', key: 'a' }), event(4, { type: 'success', key: 'a' })],
    })
  })

  test('reports bad lines and reads on', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"key":"a"}\nnot json\n[1]\n"s"\nnull\n{"key":"'),
      Buffer.from([0xe2, 0x28, 0xa1]),
      Buffer.from('"}\n{"key":"\uFFFD"}\n'),
    ])
    const { records } = await readTrace(files.write(bytes))
    expect(records).toEqual([
      event(1, { key: 'a' }),
      invalid(2, `line is not valid JSON: ${parseMessage('not json')}`),
      invalid(3, 'line is not a JSON object (found array)'),
      invalid(4, 'line is not a JSON object (found string)'),
      invalid(5, 'line is not a JSON object (found null)'),
      invalid(6, 'line is not valid UTF-8'),
      event(7, { key: '\uFFFD' }),
    ])
  })

  test('reads an empty or blank file as NDJSON without records', async () => {
    expect(await readTrace(files.write(''))).toEqual({ format: 'ndjson', gzip: false, records: [] })
    expect(await readTrace(files.write('\uFEFF\n \r\n'))).toEqual({ format: 'ndjson', gzip: false, records: [] })
    expect(await readTrace(files.write('', { gzip: true }))).toEqual({ format: 'ndjson', gzip: true, records: [] })
  })

  test('reads gzip-compressed NDJSON, told by content', async () => {
    const text = '{"key":"a"}\n\n{"key":"b"}'
    expect(await readTrace(files.write(text, { gzip: true, name: 'trace.ndjson' }))).toEqual({
      format: 'ndjson',
      gzip: true,
      records: [event(1, { key: 'a' }), event(3, { key: 'b' })],
    })
  })

  test('reports a truncated gzip file after the complete lines before the damage', async () => {
    const lines = Array.from({ length: 3 }, (_, i) => `{"key":"k${i}"}\n`).join('')
    const gz = gzipSync(lines)
    // Without its 8-byte trailer every line decompresses, and the stream still ends too early.
    const file = files.write(gz.subarray(0, gz.length - 8))
    expect(await readTrace(file)).toEqual({
      format: 'ndjson',
      gzip: true,
      records: [event(1, { key: 'k0' }), event(2, { key: 'k1' }), event(3, { key: 'k2' }), invalid(4, 'gzip stream is truncated or corrupt: unexpected end of file')],
    })
  })

  test('reports a gzip file cut in the middle, after the records before the cut', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `{"key":"k${i}","n":${(i * 7919) % 100_003}}\n`).join('')
    const gz = gzipSync(lines)
    const { records } = await readTrace(files.write(gz.subarray(0, Math.floor(gz.length / 2))))
    const last = records.at(-1)!
    expect(last).toEqual(invalid(records.length, 'gzip stream is truncated or corrupt: unexpected end of file'))
    expect(records.length).toBeGreaterThan(1000)
    records.slice(0, -1).forEach((record, i) => expect(record).toEqual(event(i + 1, { key: `k${i}`, n: (i * 7919) % 100_003 })))
  })

  test('reports corrupt gzip data without throwing, after nearly all records before it', async () => {
    const gz = gzipSync('{"key":"a"}\n'.repeat(100_000))
    // A damaged CRC is only noticed after the last byte; zlib discards the output of its last round (64 KiB).
    gz[gz.length - 6] = gz[gz.length - 6]! ^ 0xff
    const { records } = await readTrace(files.write(gz))
    const events = records.length - 1
    expect(records.at(-1)).toEqual(invalid(events + 1, 'gzip stream is truncated or corrupt: incorrect data check'))
    expect(events).toBeGreaterThan(100_000 - (64 * 1024) / 12 - 1)
    expect(records.slice(0, -1).every((r, i) => r.kind === 'event' && r.line === i + 1)).toBe(true)
  })

  test('reports a truncated gzip OTLP document once, with the events found', async () => {
    const doc = [
      '{"resourceSpans": [{"scopeSpans": [{"spans": [',
      ...Array.from({ length: 2000 }, (_, i) => `  {"startTimeUnixNano": "${2000 - i}", "attributes": [{"key": "kvonce.event.key", "value": {"stringValue": "k${i}"}}]},`),
      '  {"attributes": []}',
      ']}]}]}',
    ].join('\n')
    const gz = gzipSync(doc)
    const { format, records } = await readTrace(files.write(gz.subarray(0, Math.floor(gz.length * 0.6))))
    expect(format).toBe('otlp-json')
    const invalids = records.filter((r) => r.kind === 'invalid')
    expect(invalids).toHaveLength(1)
    expect(invalids[0]!.message).toBe('gzip stream is truncated or corrupt: unexpected end of file')
    const events = records.filter((r) => r.kind === 'event')
    expect(events.length).toBeGreaterThan(100)
    expect(events.length).toBeLessThan(2000)
    // Sorted by start time: the last spans of the document start first.
    expect(events[0]!.line).toBe(events.length + 1)
  })

  test('skips a 100 MB line over the limit without holding it, and reads the lines around it', async () => {
    const file = writeWithHugeLine('{"key":"before"}\n{"huge":"', 100 << 20, '"}\r\n{"key":"after"}\n')
    const { records } = await readTrace(file, { maxLineBytes: 1 << 20 })
    expect(records).toEqual([
      event(1, { key: 'before' }),
      invalid(2, `line 2 is ${(100 << 20) + 11} bytes, over the limit of ${1 << 20} bytes (maxLineBytes)`),
      event(3, { key: 'after' }),
    ])
  })

  test('applies the default limit of 16 MiB to a 20 MB line', async () => {
    const file = writeWithHugeLine('{"huge":"', 20 << 20, '"}\n{"key":"after"}')
    expect((await readTrace(file)).records).toEqual([
      invalid(1, `line 1 is ${(20 << 20) + 11} bytes, over the limit of 16777216 bytes (maxLineBytes)`),
      event(2, { key: 'after' }),
    ])
  })

  test('reads a line just under the limit', async () => {
    const value = 'v'.repeat(1000 - '{"k":""}'.length)
    const file = files.write(`{"k":"${value}"}\r\n{"k":"${value}x"}\n`)
    expect((await readTrace(file, { maxLineBytes: 1000 })).records).toEqual([event(1, { k: value }), invalid(2, 'line 2 is 1001 bytes, over the limit of 1000 bytes (maxLineBytes)')])
  })

  test('throws TraceReadError naming the file only when it cannot be opened', async () => {
    const missing = path.join(files.dir, 'nope.ndjson')
    await expect(openTrace(missing)).rejects.toThrow(TraceReadError)
    await expect(openTrace(missing)).rejects.toThrow(missing)
    await expect(openTrace(files.dir)).rejects.toThrow(new TraceReadError(`trace file ${files.dir} is a directory, ${NOT_REGULAR}`))
  })

  test('rejects unusable options before opening the file', async () => {
    const file = files.write('{}\n')
    await expect(openTrace(file, { maxLineBytes: 0 })).rejects.toThrow(new SpecCiConfigError('openTrace: maxLineBytes is 0; expected a positive whole number of bytes'))
    await expect(openTrace(file, { maxDecompressedBytes: 1.5 })).rejects.toThrow(new SpecCiConfigError('openTrace: maxDecompressedBytes is 1.5; expected a positive whole number of bytes'))
    await expect(openTrace(file, { otlpDomain: '' })).rejects.toThrow(new SpecCiConfigError('openTrace: otlpDomain is ""; expected a non-empty string such as "kvonce"'))
  })

  test('stops reading when the loop is left early, and is single-use', async () => {
    const file = files.write('{"n":1}\n'.repeat(10_000))
    const trace = await openTrace(file)
    let seen = 0
    for await (const record of trace.records) {
      expect(record.kind).toBe('event')
      if (++seen === 3) break
    }
    expect(seen).toBe(3)
    const again: unknown[] = []
    for await (const record of trace.records) again.push(record)
    expect(again).toEqual([])
  })

  test('hands out a large file in order across chunk and batch boundaries', async () => {
    const count = 60_000
    const text = Array.from({ length: count }, (_, i) => (i % 1000 === 999 ? '' : `{"i":${i}}`)).join('\n')
    const { records } = await readTrace(files.write(text))
    expect(records).toHaveLength(count - count / 1000)
    let expected = 0
    for (const record of records) {
      if (expected % 1000 === 999) expected++
      expect(record).toEqual(event(expected + 1, { i: expected }))
      expected++
    }
  })

  test('hands out the same records in batches as one by one, including after a partial read', async () => {
    const text = Array.from({ length: 5_000 }, (_, i) => (i % 97 === 0 ? 'not json' : `{"i":${i}}`)).join('\n')
    const file = files.write(text)
    const { records: oneByOne } = await readTrace(file)
    const trace = await openTrace(file)
    const batched: unknown[] = []
    const first = await trace.records[Symbol.asyncIterator]().next()
    batched.push(first.value)
    for await (const batch of trace.batches()) batched.push(...batch)
    expect(batched).toEqual(oneByOne)
  })

  describe('maxDecompressedBytes', () => {
    const capMessage = (cap: number): string =>
      `the gzip trace decompresses to more than ${cap} bytes (maxDecompressedBytes); reading stopped here. ` +
      'If the trace is genuine, raise maxDecompressedBytes (conformance.maxDecompressedBytes, or --max-decompressed-bytes of spec-ci)'

    test('reports the cap at the line it was reached in, after the records before it, and reads no further', async () => {
      const file = files.write('{"a":1}\n{"a":2}\n{"a":3}\n{"a":4}\n', { gzip: true })
      expect((await readTrace(file, { maxDecompressedBytes: 20 })).records).toEqual([event(1, { a: 1 }), event(2, { a: 2 }), invalid(3, capMessage(20))])
      expect((await readTrace(file, { maxDecompressedBytes: 32 })).records).toEqual([1, 2, 3, 4].map((a) => event(a, { a })))
    })

    test('an OTLP document cut off by the cap keeps the spans before it', async () => {
      const span = (n: number): string => `{"name":"s${n}","startTimeUnixNano":"${n}","attributes":[{"key":"kvonce.event.type","value":{"stringValue":"success"}},{"key":"kvonce.event.key","value":{"stringValue":"k${n}"}}]}`
      const doc = `{"resourceSpans":[{"scopeSpans":[{"spans":[\n${span(1)},\n${span(2)},\n${span(3)}\n]}]}]}\n`
      const cap = doc.indexOf(span(3))
      const { format, records } = await readTrace(files.write(doc, { gzip: true }), { maxDecompressedBytes: cap })
      expect(format).toBe('otlp-json')
      // An OTLP document's events come out at its end, in start-time order, after what broke it off.
      expect(records.map((r) => [r.kind, r.line])).toEqual([['invalid', 4], ['event', 2], ['event', 3]])
      expect(records[0]).toMatchObject({ message: expect.stringContaining(capMessage(cap)) })
    })

    test('a bomb of 256 MiB of line breaks stops at a 4 MiB cap, on the line after the last complete one', async () => {
      const file = await writeGzipBomb(path.join(files.dir, 'bomb.ndjson.gz'), 256)
      const cap = 4 << 20
      expect((await readTrace(file, { maxDecompressedBytes: cap })).records).toEqual([invalid(cap + 1, capMessage(cap))])
    })
  })
})
