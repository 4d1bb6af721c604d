import type { ChunkReader } from './byte-source.ts'
import { EventsByStartTime } from './events-by-start-time.ts'
import { JsonNumber } from '../json/json-scanner.ts'
import type { JsonObject, JsonValue } from '../json/json-scanner.ts'
import type { RecordStream } from './line-records.ts'
import { decodeOtlpTracesPartially } from './otlp-protobuf.ts'
import type { OtlpJsonTraces } from './otlp-protobuf.ts'
import { resourcePartition } from './otlp-partition.ts'
import { spanToEvent } from './otlp-span-event.ts'
import type { SpanOutcome } from './otlp-span-event.ts'
import type { SpanLocation } from './span-location.ts'
import type { TraceRecord } from './types.ts'

/** A binary body has no lines: every record of a protobuf trace is at line 1. */
const LINE = 1

/**
 * The records of an OTLP protobuf trace. The body is read whole (protobuf cannot be decoded from the
 * middle), at most `maxBytes` of it, then decoded and mapped span by span exactly as OTLP JSON is:
 * problems first, then the events sorted by start time. A damaged body is one `invalid` record, and the
 * whole spans decoded before the damage are still events.
 */
export function readProtobufRecords(chunks: ChunkReader, otlpDomain: string, maxBytes: number, partitionBy: readonly string[] = []): RecordStream {
  let loaded: Promise<TraceRecord[]> | undefined
  const load = (): Promise<TraceRecord[]> => (loaded ??= protobufRecords(chunks, `${otlpDomain}.event.`, maxBytes, partitionBy))
  return {
    async *[Symbol.asyncIterator]() {
      yield* await load()
    },
    async *batches() {
      const records = await load()
      if (records.length > 0) yield records
    },
  }
}

async function protobufRecords(chunks: ChunkReader, attributePrefix: string, maxBytes: number, partitionBy: readonly string[]): Promise<TraceRecord[]> {
  const { body, failure } = await readWhole(chunks, maxBytes)
  const { document, damage } = decodeOtlpTracesPartially(body)
  const out: TraceRecord[] = []
  const problem = failure ?? (damage === undefined ? undefined : `${damage}; the spans before it are checked, the rest of the body is not read`)
  if (problem !== undefined) out.push({ kind: 'invalid', line: LINE, message: problem })
  const events = new EventsByStartTime()
  const partitions = partitionBy.length > 0 ? new Map<object, string>() : undefined
  for (const { span, partition } of spansOf(document, partitionBy)) {
    const outcome = spanToEvent(toScanned(span) as JsonObject, undefined, attributePrefix)
    if (outcome.kind === 'event') {
      events.add(outcome.start, LINE, outcome.event, spanLocation(outcome), outcome.end)
      if (partitions !== undefined) partitions.set(outcome.event, partition!)
    } else if (outcome.kind === 'invalid') out.push({ kind: 'invalid', line: LINE, message: outcome.message, at: spanLocation(outcome) })
  }
  for (const record of events.drain()) {
    if (partitions !== undefined && record.kind === 'event') record.partition = partitions.get(record.event)
    out.push(record)
  }
  return out
}

async function readWhole(chunks: ChunkReader, maxBytes: number): Promise<{ body: Buffer; failure?: string }> {
  const parts: Buffer[] = []
  let total = 0
  try {
    for (let chunk = await chunks.next(); chunk !== undefined; chunk = await chunks.next()) {
      if (total + chunk.length > maxBytes) {
        parts.push(chunk.subarray(0, maxBytes - total))
        return {
          body: Buffer.concat(parts, maxBytes),
          failure:
            `the protobuf trace is larger than ${maxBytes} bytes (maxDecompressedBytes): a protobuf trace is decoded whole, so reading stopped there ` +
            'and only the spans before it are checked. If the trace is genuine, raise maxDecompressedBytes (conformance.maxDecompressedBytes, or --max-decompressed-bytes of spec-ci)',
        }
      }
      parts.push(chunk)
      total += chunk.length
    }
  } catch (error) {
    return { body: Buffer.concat(parts, total), failure: `${chunks.describeFailure(error)}; only the spans before it are checked` }
  } finally {
    chunks.close()
  }
  return { body: Buffer.concat(parts, total) }
}

/** Each span with the partition of its resource under `partitionBy` (undefined without it). */
function* spansOf(document: OtlpJsonTraces, partitionBy: readonly string[]): Generator<{ span: unknown; partition: string | undefined }> {
  for (const resourceSpans of document.resourceSpans) {
    const partition = partitionBy.length > 0 ? resourcePartition(toScanned(resourceSpans.resource), partitionBy) : undefined
    for (const key of ['scopeSpans', 'instrumentationLibrarySpans']) {
      const scopes = resourceSpans[key]
      if (!Array.isArray(scopes)) continue
      for (const scope of scopes as Record<string, unknown>[]) if (Array.isArray(scope.spans)) for (const span of scope.spans) yield { span, partition }
    }
  }
}

/** The span a record came from, as for OTLP JSON but without a column: a binary body has none. */
function spanLocation(outcome: Exclude<SpanOutcome, { kind: 'ignored' }>): SpanLocation {
  const at: SpanLocation = { span: outcome.span }
  if (outcome.kind === 'event' && outcome.attributes !== undefined) at.attributes = outcome.attributes
  return at
}

/** A decoded OTLP JSON value in the form the JSON scanner builds, so the JSON mapping applies unchanged. */
function toScanned(value: unknown): JsonValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return new JsonNumber(String(value))
  if (Array.isArray(value)) return value.map(toScanned)
  const map: JsonObject = new Map()
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) map.set(key, toScanned(item))
  return map
}
