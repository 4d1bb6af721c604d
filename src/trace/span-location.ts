/** The span an OTLP event or finding came from, as violations name it. Absent fields were not in the span. */
export interface SpanRef {
  name?: string
  /** Hex, as in the OTLP JSON document. */
  spanId?: string
  traceId?: string
  /** `startTimeUnixNano` as an ISO 8601 date-time with full precision. */
  start?: string
}

/**
 * Where in an OTLP trace a record sits beyond its line: the span's column and identity, and which
 * attribute each event field came from (for messages that name the attribute to fix).
 */
export interface SpanLocation {
  /** 1-based column of the span's `{` in its line (OTLP JSON); absent where the input has no columns. */
  column?: number
  span: SpanRef
  /**
   * The attribute each event field was read from: `context` → `kvonce.event.context`, and for a
   * flattened context `context.attempt` → `kvonce.event.context.attempt`.
   */
  attributes?: ReadonlyMap<string, string>
}
