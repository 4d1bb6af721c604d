import { AnyValueError, anyValueToJs, describeJsonValue } from './otlp-any-value.ts'
import { JsonNumber } from '../json/json-scanner.ts'
import type { JsonObject, JsonValue, ScanFrame } from '../json/json-scanner.ts'
import { unixNanosToIso } from './unix-nanos.ts'

export type SpanOutcome =
  | { kind: 'event'; event: Record<string, unknown>; start: bigint }
  | { kind: 'invalid'; message: string }
  /** The span carries no attribute of the domain: not an event. */
  | { kind: 'ignored' }

const IGNORED: SpanOutcome = { kind: 'ignored' }
const UNSIGNED = /^\d+$/

/**
 * Whether a value starting inside `frames` is a span: `resourceSpans[].scopeSpans[].spans[]`, or
 * `instrumentationLibrarySpans` in place of `scopeSpans` (OTLP before 0.15).
 */
export function isSpanSlot(frames: readonly ScanFrame[], isArray: boolean): boolean {
  if (isArray || frames.length !== 6) return false
  const scopes = frames[2]!.key
  return (
    frames[0]!.key === 'resourceSpans' &&
    frames[1]!.isArray &&
    (scopes === 'scopeSpans' || scopes === 'instrumentationLibrarySpans') &&
    frames[3]!.isArray &&
    frames[4]!.key === 'spans' &&
    frames[5]!.isArray
  )
}

/**
 * The event a span carries: every `<domain>.event.<field>` attribute becomes `field`, then `timestamp`
 * from `startTimeUnixNano` and `traceId` from the span, which win over attributes of those names.
 * `attributePrefix` is `<domain>.event.`.
 */
export function spanToEvent(span: JsonObject, duplicateKey: string | undefined, attributePrefix: string): SpanOutcome {
  if (duplicateKey !== undefined) return { kind: 'invalid', message: `span has the key "${duplicateKey}" twice` }
  const attributes = span.get('attributes')
  if (!Array.isArray(attributes)) return IGNORED
  const fields = new Map<string, unknown>()
  for (const attribute of attributes) {
    if (!(attribute instanceof Map)) continue
    const key = attribute.get('key')
    if (typeof key !== 'string' || key.length <= attributePrefix.length || !key.startsWith(attributePrefix)) continue
    const field = key.slice(attributePrefix.length)
    if (fields.has(field)) return { kind: 'invalid', message: `span has the attribute "${key}" twice` }
    try {
      fields.set(field, anyValueToJs(attribute.get('value')))
    } catch (error) {
      if (error instanceof AnyValueError) return { kind: 'invalid', message: `span attribute "${key}": ${error.message}` }
      throw error
    }
  }
  if (fields.size === 0) return IGNORED
  const start = startNanos(span.get('startTimeUnixNano'))
  if (typeof start === 'string') return { kind: 'invalid', message: start }
  // proto3 JSON: 0 is the unset value, so it gives no timestamp rather than 1970.
  if (start !== 0n) fields.set('timestamp', unixNanosToIso(start))
  const traceId = span.get('traceId')
  if (typeof traceId === 'string' && traceId !== '') fields.set('traceId', traceId)
  // fromEntries defines own properties: a field named "__proto__" stays data.
  return { kind: 'event', event: Object.fromEntries(fields), start }
}

/** The start time, 0n when absent, or a message when it is not an unsigned integer. */
function startNanos(value: JsonValue | undefined): bigint | string {
  if (value === undefined || value === null) return 0n
  const raw = typeof value === 'string' ? value : value instanceof JsonNumber ? value.raw : undefined
  if (raw === undefined || !UNSIGNED.test(raw)) return `span startTimeUnixNano must be an unsigned integer of nanoseconds, found ${describeJsonValue(value)}`
  return BigInt(raw)
}
