import { SpecCiConfigError } from '../errors.ts'
import { openChunkReader } from './byte-source.ts'
import { detectFormat } from './format-detection.ts'
import { readLineRecords } from './line-records.ts'
import type { LineRecordSink } from './line-records.ts'
import { JepsenEdnRecordSink } from './jepsen-edn-records.ts'
import { NdjsonByStartSink } from './ndjson-by-start.ts'
import { NdjsonRecordSink } from './ndjson-records.ts'
import { OtlpDocumentSink, OtlpJsonLinesSink } from './otlp-records.ts'
import { withStartOrderRead } from './start-order.ts'
import type { OpenedTrace, ReadTraceOptions, TraceFormat } from './types.ts'

const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024
// Some 8x the largest trace the engine is measured on (1M events, ~126 MB), and about 10 s of the worst
// case (a stream of bare line breaks) on a 2-core runner.
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024

/**
 * Opens a trace file (NDJSON, OTLP JSON, OTLP JSON Lines, OTLP protobuf or a Jepsen EDN history, each optionally
 * gzip-compressed; the format is told from the content, and a name ending in `.edn` or `.edn.gz` is a Jepsen history) and streams its records. Throws `TraceReadError` only when the
 * file cannot be opened or read at all, or is not a regular file; every other problem is an `invalid`
 * record and reading goes on (except past `maxDecompressedBytes`, where it stops).
 */
export async function openTrace(file: string, options: ReadTraceOptions = {}): Promise<OpenedTrace> {
  return open(file, options, false)
}

/** `sortNdjson`: an NDJSON file is read whole and handed out in start order (the second read of a file found out of order). */
async function open(file: string, options: ReadTraceOptions, sortNdjson: boolean): Promise<OpenedTrace> {
  const { otlpDomain, maxLineBytes, maxDecompressedBytes, partitionBy } = resolveReadTraceOptions(options)
  const chunks = await openChunkReader(file, maxDecompressedBytes)
  const format = isEdnFileName(file) ? 'jepsen-edn' : await detectFormat(chunks)
  const sink = format === 'otlp-protobuf' ? undefined : format === 'ndjson' && sortNdjson ? new NdjsonByStartSink() : createSink(format, otlpDomain, partitionBy)
  // protobufjs is loaded only for a protobuf trace.
  const records =
    sink === undefined
      ? (await import('./protobuf-records.ts')).readProtobufRecords(chunks, otlpDomain, maxDecompressedBytes, partitionBy)
      : readLineRecords(chunks, sink, maxLineBytes)
  const trace: OpenedTrace = { format, gzip: chunks.gzip, records, batches: () => records.batches(), close: () => chunks.close() }
  // OTLP JSON Lines from a file, which can be read again: checkRecords streams it in start order, and
  // reads it again sorted whole if it is too far out of order (src/trace/start-order.ts).
  if (sink instanceof OtlpJsonLinesSink) return withStartOrderRead(trace, { stream: () => sink.streamByStartTime(), reopen: () => open(file, options, false) })
  // NDJSON from a file streams in file order; where the engine finds it out of start order, it is read
  // again sorted by start (src/trace/ndjson-by-start.ts).
  if (sink instanceof NdjsonRecordSink) return withStartOrderRead(trace, { stream: () => {}, reopen: () => open(file, options, true) })
  return trace
}

function createSink(format: Exclude<TraceFormat, 'otlp-protobuf'>, otlpDomain: string, partitionBy: readonly string[]): LineRecordSink {
  switch (format) {
    case 'ndjson':
      return new NdjsonRecordSink()
    case 'otlp-json':
      return new OtlpDocumentSink(otlpDomain, partitionBy)
    case 'otlp-jsonl':
      return new OtlpJsonLinesSink(otlpDomain, partitionBy)
    case 'jepsen-edn':
      return new JepsenEdnRecordSink()
  }
}

/** `.edn` and `.edn.gz` files are Jepsen histories whatever their first line holds (a blank or broken one). */
function isEdnFileName(file: string): boolean {
  return /\.edn(\.gz)?$/i.test(file)
}

export function resolveReadTraceOptions(options: ReadTraceOptions): Required<ReadTraceOptions> {
  const resolved = {
    otlpDomain: options.otlpDomain ?? 'kvonce',
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    maxDecompressedBytes: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    partitionBy: options.partitionBy ?? [],
  }
  if (typeof resolved.otlpDomain !== 'string' || resolved.otlpDomain === '')
    throw new SpecCiConfigError(`openTrace: otlpDomain is ${JSON.stringify(resolved.otlpDomain)}; expected a non-empty string such as "kvonce"`)
  if (!Number.isSafeInteger(resolved.maxLineBytes) || resolved.maxLineBytes < 1)
    throw new SpecCiConfigError(`openTrace: maxLineBytes is ${String(resolved.maxLineBytes)}; expected a positive whole number of bytes`)
  if (!Number.isSafeInteger(resolved.maxDecompressedBytes) || resolved.maxDecompressedBytes < 1)
    throw new SpecCiConfigError(`openTrace: maxDecompressedBytes is ${String(resolved.maxDecompressedBytes)}; expected a positive whole number of bytes`)
  if (!Array.isArray(resolved.partitionBy) || resolved.partitionBy.some((name) => typeof name !== 'string' || name === ''))
    throw new SpecCiConfigError(`openTrace: partitionBy is ${JSON.stringify(resolved.partitionBy)}; expected a list of resource attribute names such as ["service.instance.id"]`)
  return resolved
}
