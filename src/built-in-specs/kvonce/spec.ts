import { kvOnceOperations, type KvOnceImplementation } from './operations.ts'
import { defineSpec, type EventPlace, type ParsedEvent, type SpecDefinition } from '../../spec-model/define-spec.ts'
import { isIsoTimestamp } from '../../spec-model/iso-timestamp.ts'

export type KvOnceEventType = 'success' | 'retry' | 'failure'

export interface KvOnceEvent {
  type: KvOnceEventType
  key: string
  /** Attempt number from `context.attempt`, `context.attempts` or a bare numeric context (bigint: exact OTLP int64). */
  attempt: number | bigint | undefined
  reason: string | undefined
  /** The writer's operation: `actor` when given, else `traceId` (an OTLP span's trace id). */
  operation?: string | undefined
}

export interface KvOnceOptions {
  /** Retries a key may have before `retry-bound-exceeded` (per key, as KvOnceImpl's `retries[k]`). @default 3 */
  maxRetries: number
  /**
   * What an attempt number counts. `per-key`: the key's earlier retries, whoever made them (one writer
   * per key, as KvOnceImpl's `retries[k]`). `per-operation`: the earlier retries of the same operation
   * (`actor`, else the OTLP trace id), for concurrent writers that each number their own attempts;
   * `retry-bound-exceeded` and `retry-context-missing` stay per key. See docs/concurrency.md.
   * @default 'per-key'
   */
  attempts?: 'per-key' | 'per-operation'
}

export interface KvOnceKeyState {
  successLine: number | undefined
  retries: number
  /** Whether some retry of this key carried an attempt number. */
  retryWithAttempt: boolean
  /**
   * Attempt-less retries seen before any retry carried a number: they become violations once one does.
   * Only the first places are kept (as many as the engine stores per rule); the rest are counted, so the
   * state stays the same size however many retries a key has.
   */
  pendingContextless: EventPlace[] | undefined
  /** How many attempt-less retries are pending, listed in `pendingContextless` or not. */
  pendingContextlessCount: number
  /** With `attempts: 'per-operation'`: retries so far by operation (`''`: events naming none). */
  retriesByOperation: Map<string, number> | undefined
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'bigint') return `${value}`
  if (typeof value === 'object') return 'an object'
  return String(value)
}

/** A key as it appears in messages; only computed when a rule is broken. */
function quote(key: string): string {
  return JSON.stringify(key)
}

function asAttempt(value: unknown): number | bigint | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'bigint') return value
  return undefined
}

/** Whether an attempt number is `expected`; a bigint attempt is compared exactly. */
function isAttempt(attempt: number | bigint, expected: number): boolean {
  return typeof attempt === 'bigint' ? attempt === BigInt(expected) : attempt === expected
}

export function attemptOf(context: unknown): number | bigint | undefined {
  if (context !== null && typeof context === 'object' && !Array.isArray(context)) {
    const record = context as Record<string, unknown>
    // Plain reads, as in parseKvOnceEvent: `attempt`/`attempts` are not Object.prototype members.
    return asAttempt(record.attempt) ?? asAttempt(record.attempts)
  }
  return asAttempt(context)
}

function fail(message: string): ParsedEvent<KvOnceEvent> {
  return { ok: false, message }
}

// Fields are read directly rather than through Object.hasOwn: none of them exists on Object.prototype,
// a JSON object's own "__proto__" key is an ordinary data property, and no reader yields `undefined`
// values, so "absent" and "=== undefined" coincide. This runs once per event of million-event traces.
function parseKvOnceEvent(raw: Record<string, unknown>, attributes?: ReadonlyMap<string, string>): ParsedEvent<KvOnceEvent> {
  const type = raw.type
  if (type === undefined) return fail('event has no "type" (expected success, retry or failure)')
  if (type !== 'success' && type !== 'retry' && type !== 'failure')
    return fail(`"type" is ${describeValue(type)}; expected success, retry or failure`)
  const key = raw.key
  if (key === undefined) return fail(`${type} event has no "key"`)
  if (typeof key !== 'string' || key === '') return fail(`"key" is ${describeValue(key)}; expected a non-empty string`)
  const named = raw.event
  if (named !== undefined && named !== type) return fail(`"event" is ${describeValue(named)} but "type" is "${type}"; they must be equal`)
  const ts = raw.timestamp
  if (ts !== undefined && (typeof ts !== 'string' || !isIsoTimestamp(ts)))
    return fail(`"timestamp" is ${describeValue(ts)}; expected an ISO 8601 date-time such as 2025-10-04T06:21:09.137Z`)
  const c = raw.context
  if (c !== undefined && c !== null && typeof c !== 'string' && typeof c !== 'number' && typeof c !== 'bigint' && (typeof c !== 'object' || Array.isArray(c)))
    return fail(`"context" is ${describeValue(c)}; expected an object, string, number or null`)
  const reason = raw.reason
  if (reason !== undefined && typeof reason !== 'string') return fail(`"reason" is ${describeValue(reason)}; expected a string`)
  const traceId = raw.traceId
  if (traceId !== undefined && typeof traceId !== 'string') return fail(`"traceId" is ${describeValue(traceId)}; expected a string`)
  const actor = raw.actor
  if (actor !== undefined && typeof actor !== 'string') return fail(`"actor" is ${describeValue(actor)}; expected a string`)
  if (attributes !== undefined && c !== undefined) {
    const problem = unusableOtlpAttempt(c, attributes)
    if (problem !== undefined) return fail(problem)
  }
  return { ok: true, event: { type, key, attempt: attemptOf(c), reason, operation: actor ?? traceId } }
}

const ATTEMPT_FIELDS = ['attempt', 'attempts'] as const

function isUsableAttempt(value: unknown): boolean {
  return typeof value === 'bigint' || Number.isInteger(value)
}

/**
 * An OTLP span's attempt number in a form that cannot be one (a string, a fraction, a boolean): a
 * finding, since an attempt that silently vanished would keep the attempt rules from ever firing.
 * NDJSON keeps section 5.3's reading (such a value is no attempt number). An empty AnyValue (null) is absent.
 */
function unusableOtlpAttempt(context: unknown, attributes: ReadonlyMap<string, string>): string | undefined {
  const whole = attributes.get('context') ?? 'context'
  if (context !== null && typeof context === 'object' && !Array.isArray(context)) {
    const record = context as Record<string, unknown>
    for (const field of ATTEMPT_FIELDS) {
      const value = record[field]
      if (value === undefined || value === null || isUsableAttempt(value)) continue
      const flat = attributes.get(`context.${field}`)
      const where = flat !== undefined ? `attribute "${flat}"` : `"${field}" in attribute "${whole}"`
      return `attempt number ${where} is ${describeAttempt(value)}; expected an integer (an intValue attribute)`
    }
    return undefined
  }
  if (typeof context === 'number' && !Number.isInteger(context))
    return `attempt number attribute "${whole}" is ${describeAttempt(context)}; expected an integer (an intValue attribute)`
  return undefined
}

function describeAttempt(value: unknown): string {
  if (typeof value === 'string') return `the string ${describeValue(value)}`
  if (typeof value === 'number') return `the double ${value}`
  return describeValue(value)
}

/** The KvOnce model's definition (its transitions can be driven directly, e.g. to test its state). */
export const kvonceDefinition: SpecDefinition<KvOnceEvent, KvOnceKeyState, KvOnceOptions, KvOnceImplementation> = {
  name: 'kvonce',
  otlpDomain: 'kvonce',
  defaultOptions: { maxRetries: 3, attempts: 'per-key' },
  validateOptions(o) {
    if (!Number.isInteger(o.maxRetries) || o.maxRetries < 0)
      return `option "maxRetries" is ${describeValue(o.maxRetries)}; expected a non-negative integer`
    if (o.attempts !== undefined && o.attempts !== 'per-key' && o.attempts !== 'per-operation')
      return `option "attempts" is ${describeValue(o.attempts)}; expected "per-key" or "per-operation"`
    return undefined
  },
  rules: {
    'multiple-success': { description: 'A key has at most one success.' },
    'duplicate-without-success': { description: 'A failure with reason "duplicate" only follows a success of the same key.' },
    'retry-bound-exceeded': { description: 'A key has at most maxRetries retries.' },
    'retry-attempt-out-of-sequence': {
      description: 'A retry that carries an attempt number carries (earlier retries of the key) + 1.',
    },
    'retry-context-missing': { description: 'When one retry of a key carries an attempt number, every retry of it does.' },
    'success-attempt-mismatch': {
      description: 'A success that carries an attempt number carries (earlier retries of the key) + 1.',
    },
  },
  parseEvent: parseKvOnceEvent,
  initialState: () => ({ successLine: undefined, retries: 0, retryWithAttempt: false, pendingContextless: undefined, pendingContextlessCount: 0, retriesByOperation: undefined }),
  // Every field by name, in initialState's order: the copy has the same hidden class as every other
  // state (a spread then two overrides was a tenth of a concurrent trace's check in a CPU profile).
  clone: (state) => ({
    successLine: state.successLine,
    retries: state.retries,
    retryWithAttempt: state.retryWithAttempt,
    pendingContextless: state.pendingContextless?.slice(),
    pendingContextlessCount: state.pendingContextlessCount,
    retriesByOperation: state.retriesByOperation === undefined ? undefined : new Map(state.retriesByOperation),
  }),
  // The writer: a race's detail gives each its lane.
  actorOf: (event) => event.operation,
  equals(a, b) {
    if (a.successLine !== b.successLine || a.retries !== b.retries || a.retryWithAttempt !== b.retryWithAttempt || a.pendingContextlessCount !== b.pendingContextlessCount) return false
    const pa = a.pendingContextless ?? []
    const pb = b.pendingContextless ?? []
    if (pa.length !== pb.length || pa.some((p, i) => p.line !== pb[i]!.line)) return false
    const ma = a.retriesByOperation
    const mb = b.retriesByOperation
    if ((ma?.size ?? 0) !== (mb?.size ?? 0)) return false
    for (const [op, n] of ma ?? []) if (mb!.get(op) !== n) return false
    return true
  },
  hash(state) {
    let h = Math.imul((state.successLine ?? -1) ^ 0x9e3779b9, 0x85ebca6b)
    h = Math.imul(h ^ state.retries, 0xc2b2ae35) ^ (state.retryWithAttempt ? 1 : 0) ^ (state.pendingContextlessCount << 1)
    // Order-independent over the map: a sum of per-entry hashes.
    let sum = 0
    for (const [op, n] of state.retriesByOperation ?? []) {
      let e = n
      for (let i = 0; i < op.length; i++) e = Math.imul(e ^ op.charCodeAt(i), 0x01000193)
      sum = (sum + e) | 0
    }
    return (h ^ sum) | 0
  },
  apply(state, event, ctx) {
    // Earlier retries an attempt number counts: the key's, or the operation's (`attempts`).
    const perOperation = ctx.options.attempts === 'per-operation'
    const earlier = perOperation ? (state.retriesByOperation?.get(event.operation ?? '') ?? 0) : state.retries
    const whose = (): string => (perOperation ? `operation ${quote(event.operation ?? '(none)')} of key ${quote(event.key)}` : `key ${quote(event.key)}`)
    switch (event.type) {
      case 'success': {
        if (state.successLine !== undefined)
          ctx.violate('multiple-success', `second success for key ${quote(event.key)}; the first was at line ${state.successLine}`)
        if (event.attempt !== undefined && !isAttempt(event.attempt, earlier + 1))
          ctx.violate(
            'success-attempt-mismatch',
            `success carries attempt ${event.attempt} but ${whose()} had ${earlier} earlier retr${earlier === 1 ? 'y' : 'ies'}, so attempt ${earlier + 1} was expected`,
          )
        state.successLine ??= ctx.line
        return state
      }
      case 'failure': {
        if (event.reason?.toLowerCase() === 'duplicate' && state.successLine === undefined)
          ctx.violate('duplicate-without-success', `failure "duplicate" for key ${quote(event.key)}, which has no earlier success`)
        return state
      }
      case 'retry': {
        if (state.retries >= ctx.options.maxRetries)
          ctx.violate(
            'retry-bound-exceeded',
            `retry ${state.retries + 1} for key ${quote(event.key)} exceeds maxRetries ${ctx.options.maxRetries}`,
          )
        if (event.attempt !== undefined) {
          if (!isAttempt(event.attempt, earlier + 1))
            ctx.violate(
              'retry-attempt-out-of-sequence',
              `retry carries attempt ${event.attempt} but ${whose()} had ${earlier} earlier retr${earlier === 1 ? 'y' : 'ies'}, so attempt ${earlier + 1} was expected`,
            )
          if (!state.retryWithAttempt) {
            state.retryWithAttempt = true
            const listed = state.pendingContextless ?? []
            for (const place of listed)
              ctx.violate('retry-context-missing', `retry for key ${quote(event.key)} has no attempt number, but the retry at line ${ctx.line} carries one`, place)
            // The unlisted ones come after the listed ones, which already fill the engine's store.
            ctx.countUnlisted('retry-context-missing', state.pendingContextlessCount - listed.length)
            state.pendingContextless = undefined
            state.pendingContextlessCount = 0
          }
        } else if (state.retryWithAttempt) {
          ctx.violate('retry-context-missing', `retry for key ${quote(event.key)} has no attempt number, but other retries of the key carry one`)
        } else {
          const listed = (state.pendingContextless ??= [])
          if (listed.length < ctx.maxStoredViolations) listed.push(ctx.place())
          state.pendingContextlessCount++
        }
        state.retries++
        if (perOperation) (state.retriesByOperation ??= new Map()).set(event.operation ?? '', earlier + 1)
        return state
      }
    }
  },
  operations: kvOnceOperations,
}

/**
 * KvOnce: a key is written at most once. Mirrors the origin's formal KvOnce/KvOnceImpl: writes may be
 * retried a bounded number of times with sequential attempt numbers, and a "duplicate" failure only makes
 * sense once the key holds a value.
 */
export const kvonce = defineSpec(kvonceDefinition)

export type { KvOnceImplementation } from './operations.ts'
