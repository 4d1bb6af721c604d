import { ByteLineSplitter } from './byte-lines.ts'
import type { LineSink } from './byte-lines.ts'
import type { ChunkReader } from './byte-source.ts'
import type { TraceRecord } from './types.ts'

/** Turns the lines of one trace format into records. */
export interface LineRecordSink extends LineSink {
  /** Records produced and not yet handed out; the reader takes this array and leaves an empty one. */
  out: TraceRecord[]
  /** No more lines. `broken` when input stopped at a read error, which has already been reported. */
  finish(broken: boolean): void
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true }

/**
 * Lines split per batch. Small on purpose: records handed out soon after they are parsed die young,
 * whereas a whole chunk's worth (some 10,000 lines) outlives the young generation and
 * costs old-generation GC.
 */
const BATCH_LINES = 128

/**
 * Records of a trace, produced a batch at a time. A hand-written iterator rather than an async
 * generator: records are served from the current batch with one resolved promise each, and the next
 * batch of a loaded chunk is split synchronously; only reading a chunk awaits.
 */
class LineRecordIterator implements AsyncIterableIterator<TraceRecord> {
  private readonly chunks: ChunkReader
  private readonly sink: LineRecordSink
  private readonly splitter: ByteLineSplitter
  private batch: TraceRecord[] = []
  private index = 0
  private chunkHasLines = false
  private finished = false

  constructor(chunks: ChunkReader, sink: LineRecordSink, maxLineBytes: number) {
    this.chunks = chunks
    this.sink = sink
    this.splitter = new ByteLineSplitter(sink, maxLineBytes)
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<TraceRecord> {
    return this
  }

  next(): Promise<IteratorResult<TraceRecord, undefined>> {
    if (this.index < this.batch.length || this.splitLoadedChunk()) return Promise.resolve({ value: this.batch[this.index++]!, done: false })
    return this.fill().then((more) => (more ? { value: this.batch[this.index++]!, done: false } : DONE))
  }

  /**
   * The same stream a batch at a time: one promise per batch instead of one per record, for consumers
   * that handle each record synchronously. A batch array is reused once the next one is asked for.
   */
  async *batches(): AsyncGenerator<readonly TraceRecord[], void, undefined> {
    try {
      while (await this.fill()) {
        const rest = this.index === 0 ? this.batch : this.batch.slice(this.index)
        this.index = this.batch.length
        yield rest
      }
    } finally {
      if (!this.finished) void this.return()
    }
  }

  return(): Promise<IteratorResult<TraceRecord, undefined>> {
    this.batch = []
    this.index = 0
    this.chunkHasLines = false
    this.stop()
    return Promise.resolve(DONE)
  }

  /** Fills the batch from the loaded chunk; false when the chunk yields no more records. */
  private splitLoadedChunk(): boolean {
    while (this.chunkHasLines) {
      this.chunkHasLines = this.splitter.split(BATCH_LINES)
      if (this.takeBatch()) return true
    }
    return false
  }

  /** Makes records available at `index`; false at the end of the trace. */
  private async fill(): Promise<boolean> {
    for (;;) {
      if (this.index < this.batch.length || this.splitLoadedChunk()) return true
      if (this.finished) return this.takeBatch()
      await this.readChunk()
      if (this.splitLoadedChunk() || this.takeBatch()) return true
    }
  }

  private async readChunk(): Promise<void> {
    const sink = this.sink
    let chunk: Buffer | undefined
    try {
      chunk = await this.chunks.next()
    } catch (error) {
      // Whatever was carried of the broken line is dropped: it is incomplete, not a record.
      sink.out.push({ kind: 'invalid', line: this.splitter.currentLine, message: this.chunks.describeFailure(error) })
      sink.finish(true)
      this.stop()
      return
    }
    if (chunk === undefined) {
      this.splitter.end()
      sink.finish(false)
      this.stop()
      return
    }
    this.splitter.load(chunk)
    this.chunkHasLines = true
  }

  /** Makes the sink's pending records the current batch; false when there are none. */
  private takeBatch(): boolean {
    const out = this.sink.out
    if (out.length === 0) return false
    // The spent batch becomes the sink's next output array: no new array per batch.
    const spent = this.batch
    spent.length = 0
    this.sink.out = spent
    this.batch = out
    this.index = 0
    return true
  }

  private stop(): void {
    if (this.finished) return
    this.finished = true
    this.chunks.close()
  }
}

export interface RecordStream extends AsyncIterable<TraceRecord> {
  batches(): AsyncIterable<readonly TraceRecord[]>
}

/** Reads the chunks line by line through `sink`. Single use; breaking out of the loop closes the file. */
export function readLineRecords(chunks: ChunkReader, sink: LineRecordSink, maxLineBytes: number): RecordStream {
  return new LineRecordIterator(chunks, sink, maxLineBytes)
}
