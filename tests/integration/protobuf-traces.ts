/** The spans of the fixture's protobuf traces, in OTLP JSON form (encoded by the integration test). */
const TRACE = '5b8efff798038103d269b633813fc60c'
const kv = (key: string, value: Record<string, unknown>): Record<string, unknown> => ({ key, value })

function span(n: number, type: string, key: string, attempt?: number): Record<string, unknown> {
  const context = attempt === undefined ? [] : [kv('kvonce.event.context', { kvlistValue: { values: [kv('attempt', { intValue: String(attempt) })] } })]
  return {
    traceId: TRACE,
    spanId: n.toString(16).padStart(16, '0'),
    name: `kv ${type}`,
    kind: 2,
    // Out of order on purpose: events are ordered by start time.
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n),
    endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n + 500n),
    attributes: [kv('kvonce.event.type', { stringValue: type }), kv('kvonce.event.key', { stringValue: key }), ...context],
  }
}

const document = (spans: Record<string, unknown>[]): Record<string, unknown> => ({
  resourceSpans: [{ resource: { attributes: [kv('service.name', { stringValue: 'kvonce' })] }, scopeSpans: [{ scope: { name: 'kvonce' }, spans }] }],
})

export const traces: Record<string, Record<string, unknown>> = {
  'valid.pb': document([span(3, 'success', 'a', 3), span(1, 'retry', 'a', 1), span(2, 'retry', 'a', 2), span(4, 'success', 'b')]),
  'valid.binpb.gz': document([span(2, 'success', 'a', 2), span(1, 'retry', 'a', 1)]),
  'multiple-success.pb': document([span(2, 'success', 'a'), span(1, 'success', 'b'), span(3, 'success', 'a')]),
}
