/** A received `ExportTraceServiceRequest` (OTLP JSON form) checked for its shape before it is written. */
export interface OtlpBatch {
  /** `resourceSpans` as written: spans that are not objects removed. */
  resourceSpans: unknown[]
  /** Spans kept. */
  spans: number
  /** Spans refused (not JSON objects): the partial success's `rejectedSpans`. */
  rejectedSpans: number
  errorMessage: string
  /** `service.name` values of the resources, in order of first appearance (text from the input). */
  services: string[]
}

/** A request that is not an `ExportTraceServiceRequest` at all: answered 400. */
export class BatchShapeError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function listOf(owner: Record<string, unknown>, key: string, where: string): unknown[] {
  const value = owner[key]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new BatchShapeError(`${where}.${key} is not an array`)
  return value
}

function serviceName(resource: unknown): string | undefined {
  if (!isObject(resource) || !Array.isArray(resource.attributes)) return undefined
  for (const a of resource.attributes) {
    if (isObject(a) && a.key === 'service.name' && isObject(a.value) && typeof a.value.stringValue === 'string') return a.value.stringValue
  }
  return undefined
}

/**
 * The batch as the receiver writes it. The request must be an object whose `resourceSpans`,
 * `scopeSpans` and `spans` (when present) are arrays of objects, else a {@link BatchShapeError};
 * a span that is not an object is rejected (partial success) and left out, the rest kept as received.
 */
export function otlpBatch(request: unknown): OtlpBatch {
  if (!isObject(request)) throw new BatchShapeError('the body is not an ExportTraceServiceRequest object')
  let spans = 0
  let rejectedSpans = 0
  const services: string[] = []
  const resourceSpans = listOf(request, 'resourceSpans', 'request').map((rs, i) => {
    const where = `resourceSpans[${i}]`
    if (!isObject(rs)) throw new BatchShapeError(`${where} is not an object`)
    const service = serviceName(rs.resource)
    if (service !== undefined && !services.includes(service)) services.push(service)
    const scopeSpans = listOf(rs, 'scopeSpans', where).map((ss, j) => {
      if (!isObject(ss)) throw new BatchShapeError(`${where}.scopeSpans[${j}] is not an object`)
      const list = listOf(ss, 'spans', `${where}.scopeSpans[${j}]`)
      const kept = list.filter(isObject)
      spans += kept.length
      rejectedSpans += list.length - kept.length
      return kept.length === list.length ? ss : { ...ss, spans: kept }
    })
    return rs.scopeSpans === undefined ? rs : { ...rs, scopeSpans }
  })
  const errorMessage = rejectedSpans > 0 ? `${rejectedSpans} span${rejectedSpans === 1 ? ' is' : 's are'} not an object and ${rejectedSpans === 1 ? 'was' : 'were'} not written` : ''
  return { resourceSpans, spans, rejectedSpans, errorMessage, services }
}
