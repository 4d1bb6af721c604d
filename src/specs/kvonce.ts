import { defineSpec, type ParsedEvent } from '../spec/define-spec.ts'
import { isIsoTimestamp } from '../spec/iso-timestamp.ts'

export type KvOnceEventType = 'success' | 'retry' | 'failure'

export interface KvOnceEvent {
  type: KvOnceEventType
  key: string
  /** Attempt number from `context.attempt`, `context.attempts` or a bare numeric context (bigint: exact OTLP int64). */
  attempt: number | bigint | undefined
  reason: string | undefined
}

export interface KvOnceOptions {
  /** Retries a key may have before `retry-bound-exceeded`. @default 3 */
  maxRetries: number
}

interface KvOnceKeyState {
  successLine: number | undefined
  retries: number
  /** Whether some retry of this key carried an attempt number. */
  retryWithAttempt: boolean
  /** Lines of attempt-less retries seen before any retry carried a number: they become violations once one does. */
  pendingContextless: number[]
}

const TYPES: ReadonlySet<string> = new Set(['success', 'retry', 'failure'])

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'bigint') return `${value}`
  if (typeof value === 'object') return 'an object'
  return String(value)
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
    if (Object.hasOwn(record, 'attempt')) {
      const n = asAttempt(record.attempt)
      if (n !== undefined) return n
    }
    if (Object.hasOwn(record, 'attempts')) return asAttempt(record.attempts)
    return undefined
  }
  return asAttempt(context)
}

function parseKvOnceEvent(raw: Record<string, unknown>): ParsedEvent<KvOnceEvent> {
  const fail = (message: string): ParsedEvent<KvOnceEvent> => ({ ok: false, message })
  const { type, key } = raw
  if (!Object.hasOwn(raw, 'type')) return fail('event has no "type" (expected success, retry or failure)')
  if (typeof type !== 'string' || !TYPES.has(type))
    return fail(`"type" is ${describeValue(type)}; expected success, retry or failure`)
  if (!Object.hasOwn(raw, 'key')) return fail(`${type} event has no "key"`)
  if (typeof key !== 'string' || key === '') return fail(`"key" is ${describeValue(key)}; expected a non-empty string`)
  if (Object.hasOwn(raw, 'event') && raw.event !== type)
    return fail(`"event" is ${describeValue(raw.event)} but "type" is "${type}"; they must be equal`)
  if (Object.hasOwn(raw, 'timestamp')) {
    const ts = raw.timestamp
    if (typeof ts !== 'string' || !isIsoTimestamp(ts))
      return fail(`"timestamp" is ${describeValue(ts)}; expected an ISO 8601 date-time such as 2025-10-04T06:21:09.137Z`)
  }
  if (Object.hasOwn(raw, 'context')) {
    const c = raw.context
    const okContext = c === null || typeof c === 'string' || typeof c === 'number' || typeof c === 'bigint' || (typeof c === 'object' && !Array.isArray(c))
    if (!okContext) return fail(`"context" is ${describeValue(c)}; expected an object, string, number or null`)
  }
  if (Object.hasOwn(raw, 'reason') && raw.reason !== undefined && typeof raw.reason !== 'string')
    return fail(`"reason" is ${describeValue(raw.reason)}; expected a string`)
  for (const field of ['traceId', 'actor'] as const) {
    if (Object.hasOwn(raw, field) && typeof raw[field] !== 'string')
      return fail(`"${field}" is ${describeValue(raw[field])}; expected a string`)
  }
  return {
    ok: true,
    event: {
      type: type as KvOnceEventType,
      key,
      attempt: attemptOf(raw.context),
      reason: typeof raw.reason === 'string' ? raw.reason : undefined,
    },
  }
}

/**
 * KvOnce: a key is written at most once. Mirrors the origin's formal KvOnce/KvOnceImpl: writes may be
 * retried a bounded number of times with sequential attempt numbers, and a "duplicate" failure only makes
 * sense once the key holds a value.
 */
export const kvonce = defineSpec<KvOnceEvent, KvOnceKeyState, KvOnceOptions>({
  name: 'kvonce',
  otlpDomain: 'kvonce',
  defaultOptions: { maxRetries: 3 },
  validateOptions(o) {
    if (!Number.isInteger(o.maxRetries) || o.maxRetries < 0)
      return `option "maxRetries" is ${describeValue(o.maxRetries)}; expected a non-negative integer`
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
  initialState: () => ({ successLine: undefined, retries: 0, retryWithAttempt: false, pendingContextless: [] }),
  apply(state, event, ctx) {
    const key = JSON.stringify(event.key)
    switch (event.type) {
      case 'success': {
        if (state.successLine !== undefined)
          ctx.violate('multiple-success', `second success for key ${key}; the first was at line ${state.successLine}`)
        if (event.attempt !== undefined && !isAttempt(event.attempt, state.retries + 1))
          ctx.violate(
            'success-attempt-mismatch',
            `success carries attempt ${event.attempt} but key ${key} had ${state.retries} earlier retr${state.retries === 1 ? 'y' : 'ies'}, so attempt ${state.retries + 1} was expected`,
          )
        state.successLine ??= ctx.line
        return state
      }
      case 'failure': {
        if (event.reason?.toLowerCase() === 'duplicate' && state.successLine === undefined)
          ctx.violate('duplicate-without-success', `failure "duplicate" for key ${key}, which has no earlier success`)
        return state
      }
      case 'retry': {
        if (state.retries >= ctx.options.maxRetries)
          ctx.violate(
            'retry-bound-exceeded',
            `retry ${state.retries + 1} for key ${key} exceeds maxRetries ${ctx.options.maxRetries}`,
          )
        if (event.attempt !== undefined) {
          if (!isAttempt(event.attempt, state.retries + 1))
            ctx.violate(
              'retry-attempt-out-of-sequence',
              `retry carries attempt ${event.attempt} but key ${key} had ${state.retries} earlier retr${state.retries === 1 ? 'y' : 'ies'}, so attempt ${state.retries + 1} was expected`,
            )
          if (!state.retryWithAttempt) {
            state.retryWithAttempt = true
            for (const line of state.pendingContextless)
              ctx.violate('retry-context-missing', `retry for key ${key} has no attempt number, but the retry at line ${ctx.line} carries one`, line)
            state.pendingContextless = []
          }
        } else if (state.retryWithAttempt) {
          ctx.violate('retry-context-missing', `retry for key ${key} has no attempt number, but other retries of the key carry one`)
        } else {
          state.pendingContextless.push(ctx.line)
        }
        state.retries++
        return state
      }
    }
  },
})
