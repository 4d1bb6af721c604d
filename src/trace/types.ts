import type { SpanLocation } from './span-location.ts'

/**
 * Wire format of a trace file, detected from its content. `jepsen-edn`: a Jepsen history (`history.edn`,
 * one operation map per line), each operation one record at its completion's line.
 */
export type TraceFormat = 'ndjson' | 'otlp-json' | 'otlp-jsonl' | 'otlp-protobuf' | 'jepsen-edn'

/**
 * One item read from a trace, in trace order. `line` is the physical, 1-based line of the file
 * (blank lines counted) where the event starts: for NDJSON and OTLP JSON Lines the record's line,
 * for an OTLP JSON document the line where the span's object begins; for OTLP protobuf, which has no
 * lines, always 1. OTLP records may carry `at`: the span's column and identity (never present for NDJSON).
 * An OTLP event read with `partitionBy` carries `partition`, e.g. `service.instance.id=a`: keys are
 * per partition (absent without `partitionBy`, and always for NDJSON).
 */
export type TraceRecord =
  | { kind: 'event'; line: number; event: Record<string, unknown>; at?: SpanLocation; partition?: string; interval?: EventInterval }
  | { kind: 'invalid'; line: number; message: string; at?: SpanLocation }

/**
 * When an event happened, in Unix nanoseconds, exactly: an OTLP span's `startTimeUnixNano` and
 * `endTimeUnixNano`. `end` is absent when the span has none (or one before its start): the event specs
 * read such a span as a point at its start (hand-written spans often lack an end), the operation specs as
 * an operation of unknown outcome. NDJSON records
 * carry none: the engine reads `start`/`end`/`timestamp` from the event itself (see docs/concurrency.md).
 */
export interface EventInterval {
  start: bigint
  end?: bigint
}

export interface ReadTraceOptions {
  /**
   * Attribute prefix that marks a span as an event in OTLP input: a span becomes an event when it
   * carries `<domain>.event.type` and `<domain>.event.key`.
   * @default 'kvonce'
   */
  otlpDomain?: string
  /**
   * A line longer than this many bytes is reported as invalid and skipped without being held in memory.
   * @default 16 * 1024 * 1024
   */
  maxLineBytes?: number
  /**
   * A gzip trace is read up to this many decompressed bytes; there reading stops, and the line where the
   * cap was reached is reported as invalid (a gzip bomb costs at most this much reading, never a hang).
   * Plain files are read whole: their size is what is on disk. An OTLP protobuf trace, plain or gzip, is
   * decoded whole, so it is held in memory: it is read up to this many bytes, and past it the cap is
   * reported as invalid and only the spans before it are checked.
   * @default 1024 * 1024 * 1024 (1 GiB)
   */
  maxDecompressedBytes?: number
  /**
   * OTLP resource attribute names (e.g. `service.instance.id`, a run id such as `test.run.id`): events
   * whose resources differ in any of them are checked as separate partitions, each with its own keys.
   * A resource lacking one reads `name=(none)`. Ignored for NDJSON.
   * @default [] (no partitioning: the whole trace is one partition)
   */
  partitionBy?: readonly string[]
}

export interface OpenedTrace {
  format: TraceFormat
  gzip: boolean
  /** Single-use: iterate once, either record by record or through {@link OpenedTrace.batches}. */
  records: AsyncIterable<TraceRecord>
  /** The same single-use stream, a batch of records at a time (faster for synchronous consumers). */
  batches(): AsyncIterable<readonly TraceRecord[]>
  /**
   * Stops reading and releases the file at once, even while a read is pending (a consumer that gave up,
   * e.g. past its time limit, must not leave a gzip bomb decompressing behind it). Records after it are
   * not to be trusted: the stream just ends. Safe to call more than once.
   */
  close(): void
}
