import protobuf from 'protobufjs'
import type { IConversionOptions, Reader as ProtobufReader, Type } from 'protobufjs'
import { OTLP_TRACE_PROTO } from './otlp-trace-schema.ts'

/** An OTLP protobuf body that cannot be decoded; `document` holds what was decoded before the damage. */
export class OtlpProtobufError extends Error {
  override name = 'OtlpProtobufError'
  readonly document: OtlpJsonTraces
  constructor(message: string, document: OtlpJsonTraces) {
    super(message)
    this.document = document
  }
}

/** The OTLP JSON form of a `TracesData` / `ExportTraceServiceRequest`. */
export interface OtlpJsonTraces {
  resourceSpans: Record<string, unknown>[]
}

const root = protobuf.parse(OTLP_TRACE_PROTO, { keepCase: false }).root
const RESOURCE = root.lookupType('otlp.Resource')
const SCOPE = root.lookupType('otlp.InstrumentationScope')
const SPAN = root.lookupType('otlp.Span')

// OTLP JSON (proto3 JSON mapping): 64-bit integers as decimal strings, bytes as base64 (ids are then
// turned to hex, as OTLP JSON specifies), enums as numbers, NaN/Infinity as strings, unset fields left out.
const TO_JSON: IConversionOptions = { longs: String, bytes: String, enums: Number, json: true, defaults: false }
const LEN = 2
const ID_FIELDS = ['traceId', 'spanId', 'parentSpanId'] as const

/**
 * Decodes an OTLP protobuf `ExportTraceServiceRequest` or `TracesData` into its OTLP JSON form
 * (`{ resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] }`, hex ids, 64-bit integers as decimal
 * strings, AnyValue bytes as base64). Throws `OtlpProtobufError` for a damaged body; its `document`
 * holds the spans decoded before the damage.
 */
export function decodeOtlpTraces(bytes: Uint8Array): unknown {
  const { document, damage } = decodeOtlpTracesPartially(bytes)
  if (damage !== undefined) throw new OtlpProtobufError(damage, document)
  return document
}

/**
 * As {@link decodeOtlpTraces}, but a damaged body gives what was decoded before the damage (whole spans
 * only: the span being read when the damage is met is left out) and a message saying where it was met.
 */
export function decodeOtlpTracesPartially(bytes: Uint8Array): { document: OtlpJsonTraces; damage?: string } {
  const document: OtlpJsonTraces = { resourceSpans: [] }
  const reader = protobuf.Reader.create(bytes)
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32()
      if (tag >>> 3 !== 1) {
        skip(reader, tag, reader.len)
        continue
      }
      const resourceSpans: Record<string, unknown> = {}
      document.resourceSpans.push(resourceSpans)
      withinContainer(reader, tag, 'TracesData.resourceSpans', reader.len, (end) => readResourceSpans(reader, end, resourceSpans))
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { document, damage: `OTLP protobuf body is damaged at byte ${reader.pos} of ${reader.len}: ${message}` }
  }
  return { document }
}

function readResourceSpans(reader: ProtobufReader, end: number, out: Record<string, unknown>): void {
  while (reader.pos < end) {
    const tag = reader.uint32()
    const field = tag >>> 3
    if (field === 1) out.resource = decodeMessage(reader, RESOURCE, tag, 'ResourceSpans.resource', end)
    else if (field === 2 || field === 1000) {
      const key = field === 2 ? 'scopeSpans' : 'instrumentationLibrarySpans'
      const list = (out[key] ??= []) as Record<string, unknown>[]
      const scopeSpans: Record<string, unknown> = {}
      list.push(scopeSpans)
      withinContainer(reader, tag, `ResourceSpans.${key}`, end, (scopeEnd) => readScopeSpans(reader, scopeEnd, scopeSpans, field === 2 ? 'scope' : 'instrumentationLibrary'))
    } else if (field === 3) out.schemaUrl = readString(reader, tag, 'ResourceSpans.schemaUrl', end)
    else skip(reader, tag, end)
  }
}

function readScopeSpans(reader: ProtobufReader, end: number, out: Record<string, unknown>, scopeKey: string): void {
  while (reader.pos < end) {
    const tag = reader.uint32()
    const field = tag >>> 3
    if (field === 1) out[scopeKey] = decodeMessage(reader, SCOPE, tag, 'ScopeSpans.scope', end)
    else if (field === 2) {
      const span = decodeMessage(reader, SPAN, tag, 'ScopeSpans.spans', end)
      for (const key of ID_FIELDS) hexId(span, key)
      if (Array.isArray(span.links)) for (const link of span.links as Record<string, unknown>[]) for (const key of ID_FIELDS) hexId(link, key)
      ;((out.spans ??= []) as unknown[]).push(span)
    } else if (field === 3) out.schemaUrl = readString(reader, tag, 'ScopeSpans.schemaUrl', end)
    else skip(reader, tag, end)
  }
}

/**
 * Reads a message that holds spans: when its length runs past the end of what encloses it (a body cut
 * short), what is there is still read, then the cut is reported (unless a span inside reports it first).
 */
function withinContainer(reader: ProtobufReader, tag: number, what: string, end: number, read: (end: number) => void): void {
  if ((tag & 7) !== LEN) throw new Error(`${what} has wire type ${tag & 7}, expected 2 (length-delimited)`)
  const length = reader.uint32()
  const nested = reader.pos + length
  read(Math.min(nested, end))
  if (nested > end) throw new Error(`${what} is ${length} bytes long, past the end of its enclosing message (cut short?)`)
}

function nestedEnd(reader: ProtobufReader, tag: number, what: string, end: number): number {
  if ((tag & 7) !== LEN) throw new Error(`${what} has wire type ${tag & 7}, expected 2 (length-delimited)`)
  const length = reader.uint32()
  const nested = reader.pos + length
  if (nested > end) throw new Error(`${what} is ${length} bytes long, past the end of its enclosing message`)
  return nested
}

function decodeMessage(reader: ProtobufReader, type: Type, tag: number, what: string, end: number): Record<string, unknown> {
  const nested = nestedEnd(reader, tag, what, end)
  const message = type.decode(reader, nested - reader.pos)
  return type.toObject(message, TO_JSON)
}

function readString(reader: ProtobufReader, tag: number, what: string, end: number): string {
  const stringEnd = nestedEnd(reader, tag, what, end)
  const text = protobuf.util.utf8.read(reader.buf, reader.pos, stringEnd)
  reader.pos = stringEnd
  return text
}

function skip(reader: ProtobufReader, tag: number, end: number): void {
  if (tag >>> 3 === 0) throw new Error(`invalid field number 0 (tag ${tag})`)
  reader.skipType(tag & 7)
  if (reader.pos > end) throw new Error('a field runs past the end of its enclosing message')
}

function hexId(object: Record<string, unknown>, key: string): void {
  const value = object[key]
  if (typeof value === 'string') object[key] = Buffer.from(value, 'base64').toString('hex')
}
