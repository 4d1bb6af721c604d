import { EdnChar, EdnKeyword, EdnMap, EdnSet, EdnSymbol, EdnTagged, printEdn } from '../../linearizability/jepsen/edn.ts'
import type { EdnValue } from '../../linearizability/jepsen/edn.ts'
import type { JepsenInput, JepsenOutput } from '../../linearizability/jepsen/jepsen-history.ts'
import type { HistoryModel, HistoryOperation, HistoryTime } from '../../linearizability/types.ts'
import { isIsoTimestamp } from '../../spec-model/iso-timestamp.ts'

/**
 * The operation schema of the `register` and `kv` specs (docs/operation-specs.md): one event per operation,
 * the same shape from an NDJSON line and from a Jepsen history's invocation and completion.
 */
export interface OperationEvent {
  readonly type: string
  readonly key: string | undefined
  readonly value: EdnValue | undefined
  readonly outcome: 'ok' | 'fail' | 'info'
  /** `undefined`: no time in the event (line order). */
  readonly start: HistoryTime | undefined
  readonly end: HistoryTime | undefined
  readonly actor: string | number | undefined
  readonly invokeLine: number | undefined
}

export type ParsedOperation = { ok: true; event: OperationEvent } | { ok: false; message: string }

/** What differs between the operation specs: the model, its operation types and which values it takes. */
export interface OperationKind {
  readonly model: HistoryModel<unknown, JepsenInput, JepsenOutput>
  /** Operation types, reads first. */
  readonly types: readonly string[]
  /** Types whose `value` is what the operation returned (read, get), not what it was given. */
  readonly reads: ReadonlySet<string>
  /** Whether a `:fail` of this type is an observation the model checks (register's cas); else it is left out. */
  readonly keepsFailed: (type: string) => boolean
  /** Why `value` cannot be an operation's value (undefined when fine). */
  readonly checkValue: (type: string, value: EdnValue) => string | undefined
}

export function show(value: unknown): string {
  if (value === undefined) return 'missing'
  if (typeof value === 'bigint') return `${value}`
  if (isEdnObject(value)) return printEdn(value as EdnValue)
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value)
  } catch {
    return String(value)
  }
}

function isEdnObject(value: unknown): boolean {
  return value instanceof EdnKeyword || value instanceof EdnSymbol || value instanceof EdnChar || value instanceof EdnTagged || value instanceof EdnSet || value instanceof EdnMap
}

/** A value the models can compare: JSON scalars and arrays of them, and any EDN value a Jepsen history holds. */
export function isOperationValue(value: unknown): value is EdnValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isOperationValue)
  return isEdnObject(value)
}

const DECIMAL = /^-?\d{1,40}$/
const FRACTION = /\.(\d+)/

/** `start`/`end`: an integer (any one clock per trace), nanoseconds as a decimal string, or an ISO 8601 date-time (as Unix nanoseconds). */
function timeOf(raw: unknown, field: string): HistoryTime | string {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : `"${field}" is ${show(raw)}; expected an integer (e.g. Unix nanoseconds), a decimal string of one, or an ISO 8601 date-time`
  if (typeof raw === 'bigint') return raw
  if (typeof raw === 'string') {
    if (DECIMAL.test(raw)) return BigInt(raw)
    if (isIsoTimestamp(raw)) {
      const fraction = FRACTION.exec(raw)?.[1] ?? ''
      const ms = Date.parse(raw.replace(FRACTION, ''))
      if (Number.isFinite(ms)) return BigInt(ms) * 1_000_000n + BigInt((fraction + '000000000').slice(0, 9))
    }
  }
  return `"${field}" is ${show(raw)}; expected an integer (e.g. Unix nanoseconds), a decimal string of one, or an ISO 8601 date-time`
}

/** Validates one event of the operation schema. Fields not named here are ignored. */
export function parseOperationEvent(raw: Record<string, unknown>, kind: OperationKind): ParsedOperation {
  const fail = (message: string): ParsedOperation => ({ ok: false, message })
  const { type } = raw
  if (typeof type !== 'string' || !kind.types.includes(type)) return fail(`"type" is ${show(type)}; expected one of ${kind.types.join(', ')} (${kind.model.name} operations)`)
  let key: string | undefined
  if (Object.hasOwn(raw, 'key') && raw.key !== null) {
    if (typeof raw.key !== 'string') return fail(`"key" is ${show(raw.key)}; expected a string (or no key: one register for the whole trace)`)
    key = raw.key
  }
  let outcome: OperationEvent['outcome'] = 'ok'
  if (Object.hasOwn(raw, 'outcome')) {
    if (raw.outcome !== 'ok' && raw.outcome !== 'fail' && raw.outcome !== 'info') return fail(`"outcome" is ${show(raw.outcome)}; expected "ok", "fail" (did not take effect) or "info" (unknown: may have taken effect or not)`)
    outcome = raw.outcome
  }
  let value: EdnValue | undefined
  if (Object.hasOwn(raw, 'value')) {
    if (!isOperationValue(raw.value)) return fail(`"value" is ${show(raw.value)}; expected a string, number, boolean, null or an array of them`)
    value = raw.value
  }
  const reads = kind.reads.has(type)
  if (value === undefined) {
    if (!reads) return fail(`a ${type} needs "value"${type === 'cas' ? ' as [from, to]' : ': the value it writes'}`)
    if (outcome === 'ok') return fail(`a ${type} with outcome "ok" needs "value": the value it read (null for none)`)
  } else {
    const problem = kind.checkValue(type, value)
    if (problem) return fail(problem)
  }
  let start: HistoryTime | undefined
  let end: HistoryTime | undefined
  if (Object.hasOwn(raw, 'start') && raw.start !== null) {
    const t = timeOf(raw.start, 'start')
    if (typeof t === 'string') return fail(t)
    start = t
  }
  if (Object.hasOwn(raw, 'end') && raw.end !== null) {
    const t = timeOf(raw.end, 'end')
    if (typeof t === 'string') return fail(t)
    end = t
    if (start === undefined) return fail(`"end" is ${show(raw.end)} but "start" is missing; give both, or neither (file order is then real time)`)
    if (end < start) return fail(`"end" ${show(raw.end)} is before "start" ${show(raw.start)}`)
  }
  if (start === undefined && Object.hasOwn(raw, 'timestamp') && raw.timestamp !== null) {
    // A point in time, as the event specs read `timestamp`, when the operation gives no interval.
    const t = timeOf(raw.timestamp, 'timestamp')
    if (typeof t === 'string') return fail(t)
    start = t
    end = t
  }
  let actor: string | number | undefined
  if (Object.hasOwn(raw, 'actor') && raw.actor !== null) {
    if (typeof raw.actor !== 'string' && typeof raw.actor !== 'number') return fail(`"actor" is ${show(raw.actor)}; expected a string or number (the client, thread or Jepsen :process)`)
    actor = raw.actor
  }
  const invokeLine = typeof raw.invokeLine === 'number' && Number.isSafeInteger(raw.invokeLine) && raw.invokeLine > 0 ? raw.invokeLine : undefined
  return { ok: true, event: { type, key, value, outcome, start, end, actor, invokeLine } }
}

/** The model's input and output of an event, `id` its sequence number in the trace (a line may hold many spans) (Jepsen's shapes: the models are those of the Jepsen reader). */
export function modelOperation(
  id: number,
  event: OperationEvent,
  kind: OperationKind,
  line: number,
  call: HistoryTime,
  ret: HistoryTime | undefined,
  column: number | undefined,
): HistoryOperation<JepsenInput, JepsenOutput> {
  const reads = kind.reads.has(event.type)
  const input: JepsenInput = event.key === undefined ? { f: event.type, value: reads ? null : event.value! } : { f: event.type, value: reads ? null : event.value!, key: event.key }
  const unknown = event.outcome === 'info'
  const output: JepsenOutput | undefined = unknown ? undefined : { type: event.outcome === 'fail' ? 'fail' : 'ok', value: reads ? (event.value ?? null) : event.value! }
  return {
    id,
    call,
    ...(ret === undefined ? {} : { return: ret }),
    input,
    ...(output === undefined ? {} : { output }),
    ...(unknown ? { unknown: true } : {}),
    line,
    ...(column === undefined ? {} : { column }),
    ...(event.invokeLine === undefined || event.invokeLine === line ? {} : { callLine: event.invokeLine }),
    ...(event.key === undefined ? {} : { key: event.key }),
  }
}
