import { isUtf8 } from 'node:buffer'

/** Receives the physical lines of a byte stream, in order. Blank lines are skipped but counted. */
export interface LineSink {
  /** A non-blank line, decoded, without its line break. */
  line(text: string, lineNumber: number): void
  /** A line that cannot be used (over the size cap, not UTF-8); `message` says why. */
  invalidLine(lineNumber: number, message: string): void
}

const LF = 0x0a
const CR = 0x0d
const EMPTY = Buffer.alloc(0)

/**
 * Splits a byte stream into physical lines (LF or CRLF) numbered from 1, strips a UTF-8 BOM at the
 * start, and enforces `maxLineBytes`: an over-long line is counted as its bytes stream past and never
 * held, so memory stays bounded by the cap plus one chunk.
 */
export class ByteLineSplitter {
  private readonly sink: LineSink
  private readonly maxLineBytes: number
  private nextLine = 1
  /** Pieces of the line that started in an earlier chunk. */
  private pending: Buffer[] = []
  private pendingBytes = 0
  /** Bytes of an over-long line discarded so far; -1 when not discarding. */
  private skippedBytes = -1
  private skippedLastByte = 0
  private atStart = true
  /** The first bytes when they are too few to tell whether they begin a BOM. */
  private head: Buffer | undefined
  /** The loaded chunk and where its next line starts. */
  private chunk: Buffer = EMPTY
  private from = 0
  /** Every complete line of the loaded chunk is valid UTF-8. */
  private chunkIsUtf8 = false
  /**
   * The loaded chunk's complete lines decoded at once, when that is safe (valid UTF-8, none of them
   * can exceed the size cap): one decode per chunk, and each line a slice of it, instead of a decode
   * per line. `textEnd` is the byte offset just after its last line break.
   */
  private text: string | undefined
  private textFrom = 0
  private textEnd = 0

  constructor(sink: LineSink, maxLineBytes: number) {
    this.sink = sink
    this.maxLineBytes = maxLineBytes
  }

  /** Number of the first line not yet complete: after input breaks off, the line where it broke. */
  get currentLine(): number {
    return this.nextLine
  }

  /** Splits a whole chunk. */
  push(chunk: Buffer): void {
    this.load(chunk)
    this.split(Number.POSITIVE_INFINITY)
  }

  /**
   * Takes the next chunk; its lines come out of `split`, a few at a time if the caller wants, so the
   * records made from them can be consumed (and collected) young instead of a chunk's worth at once.
   */
  load(input: Buffer): void {
    let chunk = input
    this.chunk = EMPTY
    if (this.atStart) {
      if (this.head !== undefined) {
        chunk = Buffer.concat([this.head, chunk])
        this.head = undefined
      }
      if (chunk.length < 3 && isBomPrefix(chunk)) {
        this.head = chunk
        return
      }
      this.atStart = false
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3)
    }
    this.from = 0
    if (this.skippedBytes >= 0 || this.pendingBytes > 0) {
      const nl = chunk.indexOf(LF)
      if (nl === -1) {
        this.carry(chunk)
        return
      }
      this.completeCarried(chunk, nl)
      this.from = nl + 1
    }
    this.chunk = chunk
    // One fast whole-chunk check (up to its last line break: a character may straddle the chunk's end)
    // spares the per-line search for U+FFFD in the usual all-valid case.
    const lastLf = chunk.lastIndexOf(LF)
    this.chunkIsUtf8 = lastLf !== -1 && isUtf8(chunk.subarray(this.from, lastLf))
    this.text = undefined
    if (this.chunkIsUtf8 && lastLf + 1 - this.from <= this.maxLineBytes) {
      this.text = chunk.toString('utf8', this.from, lastLf + 1)
      this.textFrom = 0
      this.textEnd = lastLf + 1
    }
  }

  /**
   * Emits up to `maxLines` more lines of the loaded chunk. Returns true while some may remain; false
   * once the chunk is used up and its unfinished last line carried over to the next chunk.
   */
  split(maxLines: number): boolean {
    if (this.text !== undefined) return this.splitText(maxLines)
    const chunk = this.chunk
    let from = this.from
    let count = 0
    let nl: number
    while ((nl = chunk.indexOf(LF, from)) !== -1) {
      this.emit(chunk, from, nl)
      from = nl + 1
      if (++count === maxLines) {
        this.from = from
        return true
      }
    }
    if (from < chunk.length) this.carry(from === 0 ? chunk : chunk.subarray(from))
    this.chunk = EMPTY
    this.from = 0
    return false
  }

  private splitText(maxLines: number): boolean {
    const text = this.text!
    let from = this.textFrom
    let count = 0
    let nl: number
    while ((nl = text.indexOf('\n', from)) !== -1) {
      const lineNumber = this.nextLine++
      let end = nl
      if (end > from && text.charCodeAt(end - 1) === CR) end--
      if (end > from && !(text.charCodeAt(from) <= 0x20 && isBlankText(text, from, end))) this.sink.line(text.slice(from, end), lineNumber)
      from = nl + 1
      if (++count === maxLines && from < text.length) {
        this.textFrom = from
        return true
      }
    }
    const chunk = this.chunk
    if (this.textEnd < chunk.length) this.carry(chunk.subarray(this.textEnd))
    this.text = undefined
    this.chunk = EMPTY
    this.from = 0
    return false
  }

  /** Input ended normally: the last line needs no line break. Call after the loaded chunk is split. */
  end(): void {
    if (this.head !== undefined) {
      const head = this.head
      this.head = undefined
      this.atStart = false
      this.carry(head)
    }
    if (this.skippedBytes >= 0 || this.pendingBytes > 0) this.completeCarried(EMPTY, 0)
  }

  private carry(bytes: Buffer): void {
    if (this.skippedBytes >= 0) {
      this.skippedBytes += bytes.length
      this.skippedLastByte = bytes[bytes.length - 1] ?? this.skippedLastByte
      return
    }
    this.pendingBytes += bytes.length
    // One byte of slack: a CR before the LF still to come is not part of the line.
    if (this.pendingBytes > this.maxLineBytes + 1) {
      this.skippedBytes = this.pendingBytes
      this.skippedLastByte = bytes[bytes.length - 1] ?? 0
      this.pending = []
      this.pendingBytes = 0
      return
    }
    this.pending.push(bytes)
  }

  /** Completes the carried line with `chunk[0, nl)`. */
  private completeCarried(chunk: Buffer, nl: number): void {
    if (this.skippedBytes >= 0) {
      const lastByte = nl > 0 ? chunk[nl - 1] : this.skippedLastByte
      const size = this.skippedBytes + nl - (lastByte === CR ? 1 : 0)
      this.skippedBytes = -1
      this.reportOversize(this.nextLine++, size)
      return
    }
    const pieces = this.pending
    if (nl > 0) pieces.push(chunk.subarray(0, nl))
    const line = Buffer.concat(pieces, this.pendingBytes + nl)
    this.pending = []
    this.pendingBytes = 0
    this.emit(line, 0, line.length)
  }

  private emit(buf: Buffer, start: number, lineEnd: number): void {
    const lineNumber = this.nextLine++
    let end = lineEnd
    if (end > start && buf[end - 1] === CR) end--
    if (end === start) return
    if (end - start > this.maxLineBytes) {
      this.reportOversize(lineNumber, end - start)
      return
    }
    // Only a line starting with whitespace can be blank: one byte compare for almost every line.
    if (buf[start]! <= 0x20 && isBlank(buf, start, end)) return
    const text = buf.toString('utf8', start, end)
    // Decoding replaces bad bytes with U+FFFD; only then is the slower byte check needed to tell a
    // genuine U+FFFD from invalid UTF-8.
    if (!(buf === this.chunk && this.chunkIsUtf8) && text.indexOf('\uFFFD') !== -1 && !isUtf8(buf.subarray(start, end))) {
      this.sink.invalidLine(lineNumber, 'line is not valid UTF-8')
      return
    }
    this.sink.line(text, lineNumber)
  }

  private reportOversize(lineNumber: number, size: number): void {
    this.sink.invalidLine(lineNumber, `line ${lineNumber} is ${size} bytes, over the limit of ${this.maxLineBytes} bytes (maxLineBytes)`)
  }
}

function isBomPrefix(bytes: Buffer): boolean {
  return (bytes.length < 1 || bytes[0] === 0xef) && (bytes.length < 2 || bytes[1] === 0xbb)
}

function isBlankText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== CR && c !== 0x0b && c !== 0x0c) return false
  }
  return true
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i]
    if (c !== 0x20 && c !== 0x09 && c !== CR && c !== 0x0b && c !== 0x0c) return false
  }
  return true
}
