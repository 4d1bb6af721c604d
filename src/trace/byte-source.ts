import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs'
import { pipeline } from 'node:stream'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { TraceReadError } from './errors.ts'
import { notRegularFileReason, symlinkTarget } from './file-kind.ts'

/**
 * Bytes read from a file at a time. Each chunk's lines are decoded to one string, which for 128 KiB and
 * more lives in V8's large-object space until a full collection: 128 KiB keeps that garbage small (the
 * 1M-span OTLP JSON Lines bench: 230–238 MB peak RSS, 1 MiB chunks 246–260 MB) at the same speed, also
 * for NDJSON (a chunk still holds about a thousand lines).
 */
const READ_CHUNK_BYTES = 1 << 17
// zlib discards the output of the round that hits corrupt data, so this bounds what is lost before the
// damage; 64 KiB rather than the 16 KiB default keeps the per-chunk work downstream small.
const GUNZIP_CHUNK_BYTES = 64 * 1024

/**
 * The decompressed bytes of a trace file as a pull-based chunk sequence. Chunks already pulled by
 * `peek` are handed out again by `next`, so format detection costs no second read.
 *
 * It calls `read()` itself rather than iterating the stream: `read()` starts the next file read at
 * once, overlapping I/O with parsing ('data' events do not, while the consumer stays busy), and unlike
 * the stream's async iterator it still returns the chunks buffered when an error destroys the stream:
 * those hold the records before the damage.
 */
export class ChunkReader {
  readonly gzip: boolean
  /** The rest of the input after `first`; undefined when `first` was all of it. */
  private readonly stream: Readable | undefined
  /** Bytes read before the stream (the file's first chunk), handed out first. */
  private first: Buffer | undefined
  private readonly peeked: Buffer[] = []
  private peekedIndex = 0
  private failure: unknown = undefined
  private ended = false
  private wake: (() => void) | undefined
  /** Bytes handed out so far, and how many may be (the decompressed-size cap; Infinity for plain files). */
  private total = 0
  private readonly maxBytes: number

  constructor(stream: Readable | undefined, gzip: boolean, maxBytes = Number.POSITIVE_INFINITY, first?: Buffer) {
    this.stream = stream
    this.first = first
    this.gzip = gzip
    this.maxBytes = maxBytes
    if (stream === undefined) {
      this.ended = true
      return
    }
    const notify = (): void => {
      const wake = this.wake
      this.wake = undefined
      wake?.()
    }
    stream.on('readable', notify)
    stream.on('end', () => {
      this.ended = true
      notify()
    })
    stream.on('error', (error: unknown) => {
      if (!this.ended) this.failure = error
      this.ended = true
      notify()
    })
    stream.on('close', () => {
      this.ended = true
      notify()
    })
  }

  /**
   * Reads one more chunk into the peek buffer and returns it; `undefined` at the end of input or on a
   * read error, which is kept and thrown by `next` after the peeked chunks, where it can be reported.
   */
  async peek(): Promise<Buffer | undefined> {
    const chunk = await this.pull()
    if (chunk !== undefined) this.peeked.push(chunk)
    return chunk
  }

  /** The next chunk, `undefined` at the end of input. Throws the read or decompression error, once. */
  async next(): Promise<Buffer | undefined> {
    if (this.peekedIndex < this.peeked.length) {
      const chunk = this.peeked[this.peekedIndex]!
      // Drop the reference so a peeked chunk is not kept alive for the whole read.
      this.peeked[this.peekedIndex++] = EMPTY
      return chunk
    }
    const chunk = await this.pull()
    if (chunk === undefined && this.failure !== undefined) {
      const failure = this.failure
      this.failure = undefined
      throw failure
    }
    return chunk
  }

  /** Message for an error thrown by `next`, as it appears in an `invalid` record. */
  describeFailure(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof DecompressedSizeExceeded) return message
    if (this.gzip && isZlibError(error)) return `gzip stream is truncated or corrupt: ${message}`
    return `trace file could not be read to the end: ${message}`
  }

  /** Stops reading and releases the file. Safe to call more than once. */
  close(): void {
    this.ended = true
    this.first = undefined
    this.peeked.length = 0
    this.stream?.destroy()
  }

  private async pull(): Promise<Buffer | undefined> {
    const first = this.first
    if (first !== undefined) {
      this.first = undefined
      return this.capped(first)
    }
    for (;;) {
      const chunk = (this.stream?.read() ?? null) as Buffer | null
      if (chunk !== null) return this.capped(chunk)
      if (this.ended) return undefined
      await new Promise<void>((resolve) => {
        this.wake = resolve
      })
    }
  }

  /**
   * The chunk, or the part of it up to the cap. At the cap reading stops: the stream is destroyed and
   * the cap becomes the failure `next` throws after this last piece, reported where the lines stop.
   */
  private capped(chunk: Buffer): Buffer | undefined {
    this.total += chunk.length
    if (this.total <= this.maxBytes) return chunk
    const keep = chunk.length - (this.total - this.maxBytes)
    this.failure = new DecompressedSizeExceeded(this.maxBytes)
    this.ended = true
    this.stream?.destroy()
    return keep > 0 ? chunk.subarray(0, keep) : undefined
  }
}

/** A gzip trace that decompresses to more than `maxDecompressedBytes`. */
class DecompressedSizeExceeded extends Error {
  constructor(maxBytes: number) {
    super(
      `the gzip trace decompresses to more than ${maxBytes} bytes (maxDecompressedBytes); reading stopped here. ` +
        'If the trace is genuine, raise maxDecompressedBytes (conformance.maxDecompressedBytes, or --max-decompressed-bytes of spec-ci)',
    )
  }
}

const EMPTY = Buffer.alloc(0)

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('Z_')
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // Nothing was written through it; a failed close loses nothing.
  }
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever. It changes nothing
// for the regular files that are then read (Windows has no such flag, and no FIFOs to open this way).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * Opens a trace file for streaming. gzip is recognised by its magic bytes, not the file name; its
 * decompressed bytes are cut off after `maxDecompressedBytes`, which `next` then reports. Throws
 * `TraceReadError` naming the file when it cannot be opened or is not a regular file (a FIFO, device,
 * socket or directory, or a symlink to one): those are refused without reading a byte of them.
 */
export async function openChunkReader(file: string, maxDecompressedBytes = Number.POSITIVE_INFINITY): Promise<ChunkReader> {
  // Opened, checked and its first chunk read synchronously. For a file that fits in that chunk (most
  // traces of a test suite) it is the whole file, and the four trips through libuv's thread pool of an
  // async open, stat, read and close cost far more than the system calls themselves: 1,000 small traces
  // read one after the other took 145-205 ms async, 6-11 ms sync. The first chunk holds the gzip magic
  // bytes; what does not fit in it is streamed on.
  let fd: number
  try {
    fd = openSync(file, OPEN_FLAGS)
  } catch (error) {
    throw new TraceReadError(`cannot open trace file ${file}: ${(error as Error).message}`, { cause: error })
  }
  let first: Buffer
  let size: number
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new TraceReadError(`trace file ${file} ${notRegularFileReason(stats, symlinkTarget(file))}`)
    size = stats.size
    // One byte more than the file holds: a file that grew since the stat fills it, and is streamed on.
    const want = Math.min(READ_CHUNK_BYTES, size + 1)
    const buffer = Buffer.allocUnsafe(want)
    first = buffer.subarray(0, readSync(fd, buffer, 0, want, 0))
  } catch (error) {
    closeQuietly(fd)
    if (error instanceof TraceReadError) throw error
    throw new TraceReadError(`cannot read trace file ${file}: ${(error as Error).message}`, { cause: error })
  }
  const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b
  // All of the file the stat saw, and not a byte more: nothing left to stream (the descriptor is closed
  // here). Anything else (a file that grew, a short read) is streamed on to its end.
  const whole = first.length === size
  if (whole) closeQuietly(fd)
  // The stream owns the descriptor from here and closes it at its end, on an error or when destroyed.
  const rest = whole ? undefined : createReadStream(file, { fd, start: first.length, highWaterMark: READ_CHUNK_BYTES })
  if (!gzip) return new ChunkReader(rest, false, Number.POSITIVE_INFINITY, first.length > 0 ? first : undefined)
  // pipeline destroys the gunzip stream with an error of either stage, so the reader sees it either way.
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES })
  if (rest === undefined) {
    gunzip.end(first)
    return new ChunkReader(gunzip, true, maxDecompressedBytes)
  }
  gunzip.write(first)
  return new ChunkReader(pipeline(rest, gunzip, () => {}), true, maxDecompressedBytes)
}
