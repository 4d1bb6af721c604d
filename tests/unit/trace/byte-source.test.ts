import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, test } from 'vitest'
import { openChunkReader } from '../../../src/trace/byte-source.ts'
import type { ChunkReader } from '../../../src/trace/byte-source.ts'
import { TraceReadError } from '../../../src/trace/errors.ts'
import { TraceDir } from './trace-files.ts'

const files = new TraceDir()
const NOT_REGULAR = 'not a regular file: only regular files are read as traces, since a pipe or device may block or never end. Replace it with a regular file, or exclude it'
afterAll(() => files.remove())

async function readAll(reader: ChunkReader): Promise<Buffer> {
  const chunks: Buffer[] = []
  for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) chunks.push(chunk)
  return Buffer.concat(chunks)
}

describe('openChunkReader', () => {
  test('recognises gzip by its magic bytes, whatever the file is called', async () => {
    const gzipped = await openChunkReader(files.write('{"a":1}\n', { name: 'plain-name.ndjson', gzip: true }))
    expect(gzipped.gzip).toBe(true)
    expect((await readAll(gzipped)).toString()).toBe('{"a":1}\n')
    const plain = await openChunkReader(files.write('{"a":1}\n', { name: 'looks-compressed.ndjson.gz' }))
    expect(plain.gzip).toBe(false)
    expect((await readAll(plain)).toString()).toBe('{"a":1}\n')
  })

  test('reads files shorter than the magic number', async () => {
    const empty = await openChunkReader(files.write(''))
    expect(empty.gzip).toBe(false)
    expect(await empty.next()).toBeUndefined()
    const one = await openChunkReader(files.write(Buffer.from([0x1f])))
    expect(one.gzip).toBe(false)
    expect(await readAll(one)).toEqual(Buffer.from([0x1f]))
  })

  test('throws TraceReadError naming the file when it does not exist or is a directory', async () => {
    const missing = path.join(files.dir, 'missing.ndjson')
    await expect(openChunkReader(missing)).rejects.toThrow(new TraceReadError(`cannot open trace file ${missing}: ENOENT: no such file or directory, open '${missing}'`))
    await expect(openChunkReader(files.dir)).rejects.toThrow(new TraceReadError(`trace file ${files.dir} is a directory, ${NOT_REGULAR}`))
  })

  test('reports a truncated gzip stream after the data before the damage', async () => {
    const content = Buffer.from('{"a":1}\n'.repeat(1000))
    const gz = gzipSync(content)
    const file = path.join(files.dir, 'truncated.gz')
    writeFileSync(file, gz.subarray(0, gz.length - 4))
    const reader = await openChunkReader(file)
    const chunks: Buffer[] = []
    let failure: unknown
    try {
      for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) chunks.push(chunk)
    } catch (error) {
      failure = error
    }
    expect(Buffer.concat(chunks)).toEqual(content)
    expect(reader.describeFailure(failure)).toBe('gzip stream is truncated or corrupt: unexpected end of file')
    expect(await reader.next()).toBeUndefined()
  })

  test('describes errors that are not from zlib as read errors', async () => {
    const reader = await openChunkReader(files.write('x'))
    expect(reader.describeFailure(new Error('EIO: i/o error, read'))).toBe('trace file could not be read to the end: EIO: i/o error, read')
    reader.close()
    reader.close()
  })

  test('refuses a FIFO, a device and symlinks to them without blocking or reading', async () => {
    const fifo = path.join(files.dir, 'pipe.ndjson')
    execFileSync('mkfifo', [fifo])
    const toFifo = path.join(files.dir, 'to-pipe.ndjson')
    symlinkSync(fifo, toFifo)
    const toZero = path.join(files.dir, 'zero.ndjson')
    symlinkSync('/dev/zero', toZero)
    // No writer ever opens the FIFO: a blocking open would wait here for good.
    await expect(openChunkReader(fifo)).rejects.toThrow(new TraceReadError(`trace file ${fifo} is a FIFO (named pipe), ${NOT_REGULAR}`))
    await expect(openChunkReader(toFifo)).rejects.toThrow(new TraceReadError(`trace file ${toFifo} is a FIFO (named pipe) (the symlink's target ${fifo}), ${NOT_REGULAR}`))
    await expect(openChunkReader(toZero)).rejects.toThrow(new TraceReadError(`trace file ${toZero} is a character device (the symlink's target /dev/zero), ${NOT_REGULAR}`))
    await expect(openChunkReader('/dev/null')).rejects.toThrow(new TraceReadError(`trace file /dev/null is a character device, ${NOT_REGULAR}`))
  })

  test('cuts decompressed gzip bytes off at the cap and then throws the cap, once', async () => {
    const reader = await openChunkReader(files.write('a\nbb\nccc\n', { gzip: true }), 5)
    const chunks: Buffer[] = []
    let failure: unknown
    try {
      for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) chunks.push(chunk)
    } catch (error) {
      failure = error
    }
    expect(Buffer.concat(chunks).toString()).toBe('a\nbb\n')
    expect(reader.describeFailure(failure)).toBe(
      'the gzip trace decompresses to more than 5 bytes (maxDecompressedBytes); reading stopped here. ' +
        'If the trace is genuine, raise maxDecompressedBytes (conformance.maxDecompressedBytes, or --max-decompressed-bytes of spec-ci)',
    )
    expect(await reader.next()).toBeUndefined()
  })

  test('a gzip trace of exactly the cap is read whole; a plain file is never capped', async () => {
    expect((await readAll(await openChunkReader(files.write('a\nbb\n', { gzip: true }), 5))).toString()).toBe('a\nbb\n')
    expect((await readAll(await openChunkReader(files.write('a\nbb\nccc\n'), 5))).toString()).toBe('a\nbb\nccc\n')
  })

  test('every byte, once and in order, around the first read (128 KiB): plain and gzip, small and large files', async () => {
    const CHUNK = 1 << 17
    for (const size of [0, 1, 2, 3, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7]) {
      const content = Buffer.alloc(size, 0)
      for (let i = 0; i < size; i++) content[i] = (i * 7 + (i >> 9)) & 0xff
      if (size >= 2 && content[0] === 0x1f && content[1] === 0x8b) content[0] = 0
      expect((await readAll(await openChunkReader(files.write(content)))).equals(content), `plain, ${size} bytes`).toBe(true)
      expect((await readAll(await openChunkReader(files.write(content, { gzip: true })))).equals(content), `gzip, ${size} bytes`).toBe(true)
    }
  })

  test.skipIf(!existsSync('/proc/self/fd'))('leaves no file open: small files read whole, large ones read to the end or closed early, refused ones', async () => {
    const openFds = (): number => readdirSync('/proc/self/fd').length
    const small = files.write('a\nbb\n')
    const large = files.write(Buffer.alloc(5 << 17, 0x61))
    const before = openFds()
    for (let i = 0; i < 50; i++) await readAll(await openChunkReader(small))
    await readAll(await openChunkReader(large))
    const early = await openChunkReader(large)
    await early.next()
    early.close()
    await expect(openChunkReader(files.dir)).rejects.toThrow(TraceReadError)
    // A destroyed stream closes its descriptor a tick later.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(openFds()).toBe(before)
  })

  test.skipIf(!existsSync('/proc/self/status'))('a file whose size the stat does not tell (procfs) is read to its real end', async () => {
    const reader = await openChunkReader('/proc/self/status')
    expect((await readAll(reader)).toString()).toMatch(/^Name:[^]*\nVmHWM:/)
  })
})
