import protobuf from 'protobufjs'
import { OTLP_TRACE_PROTO } from '../../../src/trace/otlp-trace-schema.ts'

const ROOT = protobuf.parse(OTLP_TRACE_PROTO).root
const TRACES_DATA = ROOT.lookupType('otlp.TracesData')
const SCOPE_SPANS = ROOT.lookupType('otlp.ScopeSpans')
const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId'])

/** Encodes an OTLP JSON document as protobuf with protobufjs (hex ids become bytes; base64 bytesValue is read by fromObject). */
export function encodeOtlpProtobuf(document: unknown): Uint8Array {
  return TRACES_DATA.encode(TRACES_DATA.fromObject(idsToBytes(document) as Record<string, unknown>)).finish()
}

function idsToBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(idsToBytes)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, ID_KEYS.has(key) && typeof item === 'string' ? Buffer.from(item, 'hex') : idsToBytes(item)]),
  )
}

/** A TracesData of one ResourceSpans holding `scopeSpans` in the legacy field 1000 (instrumentation_library_spans, ScopeSpans' layout). */
export function encodeLegacyOtlpProtobuf(scopeSpans: unknown[]): Uint8Array {
  const resourceSpans = protobuf.Writer.create()
  for (const scope of scopeSpans) resourceSpans.uint32((1000 << 3) | 2).bytes(SCOPE_SPANS.encode(SCOPE_SPANS.fromObject(idsToBytes(scope) as Record<string, unknown>)).finish())
  return protobuf.Writer.create().uint32((1 << 3) | 2).bytes(resourceSpans.finish()).finish()
}
