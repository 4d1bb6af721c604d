import { AnyValueError, anyValueToJs, describeJsonValue } from './otlp-any-value.ts'
import { JsonNumber } from '../json/json-scanner.ts'
import type { JsonObject, JsonValue, ScanFrame } from '../json/json-scanner.ts'
import { unixNanosToIso } from './unix-nanos.ts'
import type { SpanRef } from './span-location.ts'

export type SpanOutcome =
  | {
      kind: 'event'
      event: Record<string, unknown>
      start: bigint
      /** `endTimeUnixNano`, 0n when absent (proto3's unset value) or not an unsigned integer. */
      end: bigint
      span: SpanRef
      attributes: ReadonlyMap<string, string> | undefined
    }
  | { kind: 'invalid'; message: string; span: SpanRef }
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
 * `attributePrefix` is `<domain>.event.`. The context follows OpenTelemetry's conventions (see
 * {@link readContext}). Every outcome but `ignored` names its span.
 */
export function spanToEvent(span: JsonObject, duplicateKey: string | undefined, attributePrefix: string): SpanOutcome {
  if (duplicateKey !== undefined) return { kind: 'invalid', message: `span has the key "${duplicateKey}" twice`, span: spanRef(span, undefined) }
  const attributes = span.get('attributes')
  if (!Array.isArray(attributes)) return IGNORED
  const fields = new Map<string, unknown>()
  let context: ContextParts | undefined
  for (const attribute of attributes) {
    if (!(attribute instanceof Map)) continue
    const key = attribute.get('key')
    if (typeof key !== 'string' || key.length <= attributePrefix.length || !key.startsWith(attributePrefix)) continue
    const field = key.slice(attributePrefix.length)
    const flattened = field.length > CONTEXT_DOT.length && field.startsWith(CONTEXT_DOT)
    if (field === 'context' || flattened) context ??= { whole: undefined, flat: new Map() }
    if (flattened ? context!.flat.has(field) : fields.has(field)) return invalid(span, `span has the attribute "${key}" twice`)
    let value: unknown
    try {
      value = anyValueToJs(attribute.get('value'))
    } catch (error) {
      if (error instanceof AnyValueError) return invalid(span, `span attribute "${key}": ${error.message}`)
      throw error
    }
    if (flattened) context!.flat.set(field, { key, value })
    else fields.set(field, value)
    if (field === 'context') context!.whole = key
  }
  if (fields.size === 0 && context === undefined) return IGNORED
  const start = startNanos(span.get('startTimeUnixNano'))
  if (typeof start === 'string') return invalid(span, start)
  let sources: Map<string, string> | undefined
  if (context !== undefined) {
    const read = readContext(fields.get('context'), context)
    if ('problem' in read) return invalid(span, read.problem)
    fields.set('context', read.value)
    sources = new Map()
    if (context.whole !== undefined) sources.set('context', context.whole)
    for (const [field, { key }] of context.flat) sources.set(field, key)
  }
  // proto3 JSON: 0 is the unset value, so it gives no timestamp rather than 1970.
  if (start !== 0n) fields.set('timestamp', unixNanosToIso(start))
  const traceId = span.get('traceId')
  if (typeof traceId === 'string' && traceId !== '') fields.set('traceId', traceId)
  // fromEntries defines own properties: a field named "__proto__" stays data.
  const end = startNanos(span.get('endTimeUnixNano'))
  return { kind: 'event', event: Object.fromEntries(fields), start, end: typeof end === 'bigint' ? end : 0n, span: spanRef(span, start), attributes: sources }
}

const CONTEXT_DOT = 'context.'

/** The context attributes of a span: `<domain>.event.context` (its attribute key) and the flattened ones by field. */
interface ContextParts {
  whole: string | undefined
  flat: Map<string, { key: string; value: unknown }>
}

/**
 * The event's `context`: the `<domain>.event.context` attribute's value, a string holding a JSON
 * object text parsed into that object (the SDK drops object-valued attributes, so services send
 * `JSON.stringify(context)`), other strings kept as they are; each flattened
 * `<domain>.event.context.<name>` attribute (the semantic-conventions style) adds the field `<name>`.
 * A problem when the parts cannot be joined.
 */
function readContext(whole: unknown, parts: ContextParts): { value: unknown } | { problem: string } {
  const wholeKey = parts.whole
  let base = whole
  if (typeof whole === 'string' && whole.trimStart().startsWith('{')) {
    try {
      base = JSON.parse(whole) as unknown
    } catch (error) {
      return { problem: `span attribute "${wholeKey}" is a string starting with "{" but not JSON (${(error as Error).message}); expected a JSON object text, or send the fields as flattened "${wholeKey}.<name>" attributes` }
    }
  }
  if (parts.flat.size === 0) return { value: base }
  if (base !== undefined && base !== null && !isPlainObject(base)) {
    const [first] = parts.flat.values()
    return { problem: `span has "${wholeKey}" (${typeof base === 'string' ? 'a string' : describeValue(base)}) and the flattened "${first!.key}": a context with fields needs "${wholeKey}" to be an object (kvlistValue or a JSON object text) or absent` }
  }
  const entries: [string, unknown][] = base === undefined || base === null ? [] : Object.entries(base as Record<string, unknown>)
  const own = new Set(entries.map(([name]) => name))
  for (const [field, { key, value }] of parts.flat) {
    const name = field.slice(CONTEXT_DOT.length)
    if (own.has(name)) return { problem: `span gives the context field "${name}" twice: in "${wholeKey}" and as "${key}"` }
    entries.push([name, value])
  }
  // fromEntries defines own properties: a field named "__proto__" stays data.
  return { value: Object.fromEntries(entries) }
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'bigint' || typeof value === 'number' ? `the number ${value}` : String(value)
}

function invalid(span: JsonObject, message: string): SpanOutcome {
  return { kind: 'invalid', message, span: spanRef(span, undefined) }
}

/** The span's name, ids and start time, those it has; `start` when already read. */
export function spanRef(span: JsonObject, start: bigint | undefined): SpanRef {
  const ref: SpanRef = {}
  const name = span.get('name')
  if (typeof name === 'string') ref.name = name
  const spanId = span.get('spanId')
  if (typeof spanId === 'string' && spanId !== '') ref.spanId = spanId
  const traceId = span.get('traceId')
  if (typeof traceId === 'string' && traceId !== '') ref.traceId = traceId
  const nanos = start ?? startNanos(span.get('startTimeUnixNano'))
  if (typeof nanos === 'bigint' && nanos !== 0n) ref.start = unixNanosToIso(nanos)
  return ref
}

/** The start time, 0n when absent, or a message when it is not an unsigned integer. */
function startNanos(value: JsonValue | undefined): bigint | string {
  if (value === undefined || value === null) return 0n
  const raw = typeof value === 'string' ? value : value instanceof JsonNumber ? value.raw : undefined
  if (raw === undefined || !UNSIGNED.test(raw)) return `span startTimeUnixNano must be an unsigned integer of nanoseconds, found ${describeJsonValue(value)}`
  return BigInt(raw)
}
