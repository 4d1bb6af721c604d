/**
 * OTLP/HTTP response bodies in the request's encoding: `ExportTraceServiceResponse` for a 200 and a
 * `google.rpc.Status` for a refusal, as JSON (`application/json`) or protobuf (`application/x-protobuf`).
 * The protobuf messages are tiny (two fields each), so they are written here by hand.
 */
export type OtlpEncoding = 'json' | 'protobuf'

export interface OtlpResponseBody {
  contentType: string
  body: Buffer
}

function varint(n: number): number[] {
  const bytes: number[] = []
  let v = BigInt(n)
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    bytes.push(b)
  } while (v > 0n)
  return bytes
}

function lengthDelimited(field: number, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([(field << 3) | 2, ...varint(payload.length)]), payload])
}

function varintField(field: number, n: number): Buffer {
  return Buffer.from([(field << 3) | 0, ...varint(n)])
}

const CONTENT_TYPE: Record<OtlpEncoding, string> = { json: 'application/json', protobuf: 'application/x-protobuf' }

/** The 200 body: `{}`, or `{ partialSuccess: { rejectedSpans, errorMessage } }` when spans were rejected. */
export function exportResponse(encoding: OtlpEncoding, rejectedSpans: number, errorMessage: string): OtlpResponseBody {
  const partial = rejectedSpans > 0 || errorMessage !== ''
  if (encoding === 'json') {
    const body = partial ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } } : {}
    return { contentType: CONTENT_TYPE.json, body: Buffer.from(JSON.stringify(body)) }
  }
  if (!partial) return { contentType: CONTENT_TYPE.protobuf, body: Buffer.alloc(0) }
  // ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; } in field 1.
  const inner = Buffer.concat([rejectedSpans > 0 ? varintField(1, rejectedSpans) : Buffer.alloc(0), errorMessage ? lengthDelimited(2, Buffer.from(errorMessage)) : Buffer.alloc(0)])
  return { contentType: CONTENT_TYPE.protobuf, body: lengthDelimited(1, inner) }
}

/** google.rpc.Status codes used for refusals. */
export const STATUS_CODE = { INVALID_ARGUMENT: 3, RESOURCE_EXHAUSTED: 8, UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14 } as const

/** A refusal's body: `google.rpc.Status { int32 code = 1; string message = 2; }`. */
export function statusResponse(encoding: OtlpEncoding, code: number, message: string): OtlpResponseBody {
  if (encoding === 'json') return { contentType: CONTENT_TYPE.json, body: Buffer.from(JSON.stringify({ code, message })) }
  return { contentType: CONTENT_TYPE.protobuf, body: Buffer.concat([varintField(1, code), lengthDelimited(2, Buffer.from(message))]) }
}
