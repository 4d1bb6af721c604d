import type { Attributes, Tracer } from '@opentelemetry/api'
import type { KvOnceTraceEvent } from '../../samples/kvonce/store.ts'

/** One store event as the span it became: what a violation at that span must name. */
export interface EventSpan {
  event: KvOnceTraceEvent
  name: string
  spanId: string
  traceId: string
}

/**
 * The sample store's events as OpenTelemetry spans, the way a service instrumented with the real SDK
 * would export them: one span per event, named `kvonce.<type>`, whose attributes are the event's fields
 * under `kvonce.event.` (`type`, `key`, `value`, `reason` when present) and the attempt flattened to
 * `kvonce.event.context.attempt`, an integer attribute (the SDK drops object-valued attributes).
 * `record` is the store's `onEvent`; it returns the span it made, and `spans` lists them all in order.
 */
export function kvonceSpans(tracer: Tracer, options: { clock?: 'sdk' | 'precise' } = {}): { record: (event: KvOnceTraceEvent) => EventSpan; spans: EventSpan[] } {
  // The JS SDK stamps a span's start with Date.now() (whole milliseconds) and its end as start plus the
  // precise duration, so events of one key within a millisecond overlap in the trace and the engine
  // may order them either way. 'precise' stamps both ends from the high-resolution clock instead,
  // which keeps sequential events sequential (see docs/concurrency.md).
  const now = (): number | undefined => (options.clock === 'precise' ? performance.timeOrigin + performance.now() : undefined)
  const spans: EventSpan[] = []
  const record = (event: KvOnceTraceEvent): EventSpan => {
    const attributes: Attributes = { 'kvonce.event.type': event.type, 'kvonce.event.key': event.key }
    if (event.value !== undefined) attributes['kvonce.event.value'] = event.value
    if (event.reason !== undefined) attributes['kvonce.event.reason'] = event.reason
    if (event.context !== undefined) attributes['kvonce.event.context.attempt'] = event.context.attempt
    const name = `kvonce.${event.type}`
    const startTime = now()
    const span = tracer.startSpan(name, startTime === undefined ? { attributes } : { attributes, startTime })
    span.end(now())
    const { spanId, traceId } = span.spanContext()
    const made = { event, name, spanId, traceId }
    spans.push(made)
    return made
  }
  return { record, spans }
}
