import { EventsByStartTime } from './events-by-start-time.ts'
import type { PendingEvent } from './events-by-start-time.ts'
import { StartOrderWindow } from './start-order.ts'
import { JsonScanner, JsonSyntaxError } from '../json/json-scanner.ts'
import type { DuplicateKey, JsonObject, JsonScanSink, JsonType, JsonValue, ScanFrame } from '../json/json-scanner.ts'
import type { LineRecordSink } from './line-records.ts'
import { isSpanSlot, spanToEvent } from './otlp-span-event.ts'
import type { SpanOutcome } from './otlp-span-event.ts'
import { isResourceSlot, isResourceSpansEntry, PendingPartition, resourcePartition } from './otlp-partition.ts'
import type { SpanLocation } from './span-location.ts'
import type { TraceRecord } from './types.ts'

/**
 * How deep an OTLP JSON document may nest: well past what an AnyValue may (100 levels, about 4 JSON
 * levels each), so a too-deep attribute fails its span; deeper, the document stops being read there.
 */
export const OTLP_MAX_JSON_DEPTH = 1000
const SCAN_OPTIONS = { maxDepth: OTLP_MAX_JSON_DEPTH }

/**
 * One OTLP JSON document (`TracesData` / `ExportTraceServiceRequest`), possibly pretty-printed over
 * many lines. An event's line is the line of its span's `{`. Events are handed out sorted by start
 * time when the document ends; problems are reported as they are found, so before the events.
 */
export class OtlpDocumentSink implements LineRecordSink, JsonScanSink {
  out: TraceRecord[] = []
  private readonly attributePrefix: string
  private readonly scanner: JsonScanner
  private readonly events = new EventsByStartTime()
  private firstLine = 0
  private stopped = false
  private readonly partitions: ResourcePartitions | undefined

  constructor(otlpDomain: string, partitionBy?: readonly string[]) {
    this.attributePrefix = `${otlpDomain}.event.`
    this.scanner = new JsonScanner(this, SCAN_OPTIONS)
    if (partitionBy !== undefined && partitionBy.length > 0) {
      const partitions = (this.partitions = new ResourcePartitions(partitionBy))
      this.capture = (frames, isArray) => partitions.capture(frames, isArray)
    }
  }

  line(text: string, line: number): void {
    if (this.stopped) return
    if (this.firstLine === 0) this.firstLine = line
    try {
      this.scanner.write(text, line)
    } catch (error) {
      this.syntaxError(error)
    }
  }

  invalidLine(line: number, message: string): void {
    if (this.stopped) return
    // Without one of its lines the document cannot be parsed on reliably.
    this.out.push({ kind: 'invalid', line, message: `${message}; the rest of the document is not read` })
    this.stopped = true
  }

  finish(broken: boolean): void {
    if (!this.stopped && !broken) {
      try {
        this.scanner.end()
        const problem = notTracesData(this.scanner.rootType, this.scanner.rootKeys, 'document')
        if (problem !== undefined) this.out.push({ kind: 'invalid', line: Math.max(this.firstLine, 1), message: problem })
      } catch (error) {
        this.syntaxError(error)
      }
    }
    for (const record of this.events.drain()) this.out.push(record)
  }

  capture: (frames: readonly ScanFrame[], isArray: boolean) => boolean = isSpanSlot

  captured(span: JsonObject | JsonValue[], line: number, duplicate: DuplicateKey | undefined, column: number): void {
    if (this.partitions?.capturedResource(span) === true) return
    const outcome = spanToEvent(span as JsonObject, duplicate?.key, this.attributePrefix)
    if (outcome.kind === 'event') this.events.add(outcome.start, line, outcome.event, spanLocation(outcome, column), outcome.end, this.partitions?.current)
    else if (outcome.kind === 'invalid') this.out.push({ kind: 'invalid', line, message: outcome.message, at: spanLocation(outcome, column) })
  }

  private syntaxError(error: unknown): void {
    if (!(error instanceof JsonSyntaxError)) throw error
    this.out.push({ kind: 'invalid', line: error.line, message: notValidJson('document', error) })
    this.stopped = true
  }
}

/**
 * OTLP JSON Lines (the OpenTelemetry file exporter): each line one `TracesData`. A malformed line is
 * reported whole, without its events, and the next line is read as usual. Events carry their line and are
 * handed out sorted by start time across the whole file (ties in document order): by default all at the
 * end; after {@link OtlpJsonLinesSink.streamByStartTime}, as the lines are read, holding a window of events
 * (see {@link StartOrderWindow}), which throws `TraceOrderError` where the file is too far out of order.
 */
export class OtlpJsonLinesSink implements LineRecordSink {
  out: TraceRecord[] = []
  private readonly attributePrefix: string
  private readonly events = new EventsByStartTime()
  private window: StartOrderWindow | undefined
  private readonly partitionBy: readonly string[] | undefined
  private read = false

  constructor(otlpDomain: string, partitionBy?: readonly string[]) {
    this.attributePrefix = `${otlpDomain}.event.`
    if (partitionBy !== undefined && partitionBy.length > 0) this.partitionBy = partitionBy
  }

  /** Hands events out as the lines are read, holding at most `maxHeld` (only before the first line). */
  streamByStartTime(maxHeld?: number): void {
    if (this.read) throw new Error('OtlpJsonLinesSink: streamByStartTime after lines were read')
    this.window = new StartOrderWindow(maxHeld)
  }

  line(text: string, line: number): void {
    this.read = true
    const found = new LineSpans(this.attributePrefix, this.partitionBy)
    const scanner = new JsonScanner(found, SCAN_OPTIONS)
    try {
      scanner.write(text, line)
      scanner.end()
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      this.out.push({ kind: 'invalid', line, message: notValidJson('line', error) })
      return
    }
    const problem = notTracesData(scanner.rootType, scanner.rootKeys, 'line')
    if (problem !== undefined) {
      this.out.push({ kind: 'invalid', line, message: problem })
      return
    }
    for (const { message, at } of found.invalid) this.out.push({ kind: 'invalid', line, message, at })
    // The line is read whole: its resources (and so its partitions) are known.
    if (this.window !== undefined) this.window.addLine(found.events, line, this.out)
    else for (const { start, end, event, at, partition } of found.events) this.events.add(start, line, event, at, end, partition)
  }

  invalidLine(line: number, message: string): void {
    this.read = true
    this.out.push({ kind: 'invalid', line, message })
  }

  finish(): void {
    if (this.window !== undefined) this.window.drain(this.out)
    else for (const record of this.events.drain()) this.out.push(record)
  }
}

/** The outcomes of the spans of one JSON Lines record, kept until the record proves well formed. */
class LineSpans implements JsonScanSink {
  readonly events: PendingEvent[] = []
  readonly invalid: { message: string; at: SpanLocation }[] = []
  private readonly attributePrefix: string
  private readonly partitions: ResourcePartitions | undefined

  constructor(attributePrefix: string, partitionBy: readonly string[] | undefined) {
    this.attributePrefix = attributePrefix
    if (partitionBy !== undefined) {
      const partitions = (this.partitions = new ResourcePartitions(partitionBy))
      this.capture = (frames, isArray) => partitions.capture(frames, isArray)
    }
  }

  capture: (frames: readonly ScanFrame[], isArray: boolean) => boolean = isSpanSlot

  captured(span: JsonObject | JsonValue[], line: number, duplicate: DuplicateKey | undefined, column: number): void {
    if (this.partitions?.capturedResource(span) === true) return
    const outcome = spanToEvent(span as JsonObject, duplicate?.key, this.attributePrefix)
    if (outcome.kind === 'event')
      this.events.push({ start: outcome.start, end: outcome.end, line, event: outcome.event, at: spanLocation(outcome, column), partition: this.partitions?.current })
    else if (outcome.kind === 'invalid') this.invalid.push({ message: outcome.message, at: spanLocation(outcome, column) })
  }
}

/**
 * The partition of the `resourceSpans[]` entry being read (its `resource` is captured besides the
 * spans; it may come after them, so events hold the entry's {@link PendingPartition}).
 */
class ResourcePartitions {
  current: PendingPartition
  private readonly partitionBy: readonly string[]
  private readonly noResource: string
  private resourceNext = false

  constructor(partitionBy: readonly string[]) {
    this.partitionBy = partitionBy
    this.noResource = resourcePartition(undefined, partitionBy)
    this.current = new PendingPartition(this.noResource)
  }

  capture(frames: readonly ScanFrame[], isArray: boolean): boolean {
    if (isResourceSpansEntry(frames, isArray)) {
      this.current = new PendingPartition(this.noResource)
      return false
    }
    if (isResourceSlot(frames, isArray)) return (this.resourceNext = true)
    return isSpanSlot(frames, isArray)
  }

  /** Whether `value` is the entry's resource (then read into its partition), not a span. */
  capturedResource(value: JsonObject | JsonValue[]): boolean {
    if (!this.resourceNext) return false
    this.resourceNext = false
    this.current.resolve(value as JsonObject, this.partitionBy)
    return true
  }
}

function spanLocation(outcome: Exclude<SpanOutcome, { kind: 'ignored' }>, column: number): SpanLocation {
  const span = outcome.span
  if (span.name !== undefined) span.name = sharedName(span.name)
  if (span.spanId !== undefined) span.spanId = own(span.spanId)
  if (span.traceId !== undefined) span.traceId = own(span.traceId)
  const at: SpanLocation = { column, span }
  if (outcome.kind === 'event') {
    const event = outcome.event
    ownStrings(event, 0)
    // The same text twice (the span's and the event's): one string, not two.
    if (span.traceId !== undefined && event.traceId === span.traceId) event.traceId = span.traceId
    if (span.start !== undefined && event.timestamp === span.start) event.timestamp = span.start
    if (outcome.attributes !== undefined) at.attributes = sharedAttributes(outcome.attributes)
  }
  return at
}

/**
 * `text` as a string of its own. V8 takes a string of 13 or more characters read from a line as a slice
 * of that line, which it then keeps alive: an event held (or a key, a pending span kept by the engine)
 * would hold its whole line (a batch of 512 spans, some 260 KB) for its lifetime.
 */
function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

/** Span names by text: a service names its spans from a handful of operations. */
const SHARED_NAMES = new Map<string, string>()
const MAX_SHARED_NAMES = 1024

function sharedName(name: string): string {
  const shared = SHARED_NAMES.get(name)
  if (shared !== undefined) return shared
  const kept = own(name)
  if (SHARED_NAMES.size < MAX_SHARED_NAMES) SHARED_NAMES.set(kept, kept)
  return kept
}

/** The event's string values (and those of its nested objects and arrays) made strings of their own. */
function ownStrings(value: Record<string, unknown> | unknown[], depth: number): void {
  if (depth > 8) return
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      if (typeof item === 'string') value[i] = own(item)
      else if (typeof item === 'object' && item !== null) ownStrings(item as Record<string, unknown>, depth + 1)
    }
    return
  }
  for (const key of Object.keys(value)) {
    const item = value[key]
    if (typeof item === 'string') value[key] = own(item)
    else if (typeof item === 'object' && item !== null) ownStrings(item as Record<string, unknown>, depth + 1)
  }
}

/**
 * Field → attribute maps by content. Spans of one service mostly map their fields from the same
 * attributes, so an event held until the file is sorted shares its map instead of holding its own.
 */
const SHARED_ATTRIBUTES = new Map<string, ReadonlyMap<string, string>>()
const MAX_SHARED_ATTRIBUTES = 256

let lastShared: ReadonlyMap<string, string> | undefined

function sharedAttributes(attributes: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  // Most often the previous span's map: compared entry by entry, without building the id.
  if (lastShared !== undefined && sameEntries(lastShared, attributes)) return lastShared
  let id = ''
  for (const [field, attribute] of attributes) id += `${field}\u0000${attribute}\u0001`
  const shared = SHARED_ATTRIBUTES.get(id)
  if (shared !== undefined) return (lastShared = shared)
  if (SHARED_ATTRIBUTES.size >= MAX_SHARED_ATTRIBUTES) return attributes
  const kept = new Map<string, string>()
  for (const [field, attribute] of attributes) kept.set(own(field), own(attribute))
  SHARED_ATTRIBUTES.set(own(id), kept)
  return (lastShared = kept)
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false
  const other = b.entries()
  for (const [field, attribute] of a) {
    const [otherField, otherAttribute] = other.next().value as [string, string]
    if (field !== otherField || attribute !== otherAttribute) return false
  }
  return true
}

function notValidJson(what: 'document' | 'line', error: JsonSyntaxError): string {
  return error.kind === 'depth' ? `${what}: ${error.message}` : `${what} is not valid JSON: ${error.message}`
}

function notTracesData(rootType: JsonType | undefined, rootKeys: ReadonlySet<string>, what: 'document' | 'line'): string | undefined {
  if (rootType !== 'object') return `${what} is not a JSON object (found ${rootType ?? 'nothing'})`
  if (!rootKeys.has('resourceSpans')) return `${what} has no "resourceSpans": not an OTLP TracesData record`
  return undefined
}
