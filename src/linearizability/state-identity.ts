import { createRequire } from 'node:module'
import type StableStringify from 'json-stable-stringify'
import type { HistoryModel } from './types.ts'

/**
 * How the search compares states: `key` turns a state into what the cache stores (computed once per
 * step), `hash` and `same` work on keys. The structural default keys a primitive state by itself and
 * any other state by its canonical JSON, so that comparing is one string comparison.
 */
export interface StateIdentity<State> {
  key(state: State): unknown
  hash(key: unknown): number
  same(a: unknown, b: unknown): boolean
}

/** FNV-1a over UTF-16 code units, 32 bits. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h | 0
}

const TWO_32 = 4294967296

/** A 32-bit hash of an integer-valued number, the same for a bigint of the same value. */
function hashSafeInteger(n: number): number {
  const low = n | 0
  const high = Math.floor(n / TWO_32) | 0
  let h = Math.imul(low ^ 0x9e3779b9, 0x85ebca6b)
  h ^= Math.imul(high ^ 0x27d4eb2f, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}

/** Structural hash of a primitive or canonical-JSON key (see {@link structuralKey}). */
export function structuralHash(key: unknown): number {
  switch (typeof key) {
    case 'string':
      return hashString(key)
    case 'number':
      return Number.isSafeInteger(key) ? hashSafeInteger(key) : hashString(String(key))
    case 'bigint': {
      const asNumber = Number(key)
      return Number.isSafeInteger(asNumber) && BigInt(asNumber) === key ? hashSafeInteger(asNumber) : hashString(key.toString())
    }
    case 'boolean':
      return key ? 0x5bd1e995 : 0x1b873593
    case 'undefined':
      return 0x2545f491
    default:
      return key === null ? 0x0b4e0ef3 : 0x6c078965
  }
}

/** Equality of structural keys: by value, a number equal to a bigint included. */
export function structurallySame(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  const ta = typeof a
  const tb = typeof b
  if (ta === tb) return ta === 'number' && a === b
  // 3 and 3n are the same state
  return (ta === 'bigint' && tb === 'number') || (ta === 'number' && tb === 'bigint') ? (a as number) == (b as number) : false
}

const BIGINT_MARK = '\u0000bigint:'

function replaceBigint(_key: string | number, value: unknown): unknown {
  return typeof value === 'bigint' ? BIGINT_MARK + value.toString() : value
}

/**
 * The structural key of a state: a primitive is its own key; an object or array its canonical JSON
 * (keys sorted; a bigint inside is written with a marker no JSON string can hold unescaped).
 * Objects whose JSON is not their content (a `Map`, a class with hidden fields) need a model `equals`.
 */
export function structuralKey(state: unknown): unknown {
  if (state === null || (typeof state !== 'object' && typeof state !== 'function')) return state
  // A marker string keeps an object key from ever equalling a primitive string state.
  return '\u0001' + (canonicalJson()(state, { replacer: replaceBigint }) ?? '')
}

let stableStringify: typeof StableStringify | undefined
/**
 * json-stable-stringify, required on first use: every process that checks a trace loads this module
 * (defineSpec's concurrency search), and most never compare object states (`spec-ci trace validate`
 * of a KvOnce trace), so its load (with its six dependencies) is not paid at startup.
 */
const canonicalJson = (): typeof StableStringify => (stableStringify ??= createRequire(import.meta.url)('json-stable-stringify') as typeof StableStringify)

const STRUCTURAL: StateIdentity<unknown> = {
  key: structuralKey,
  hash: structuralHash,
  same: structurallySame,
}

/** The identity the search uses for a model: its own `equals`/`hash`, or the structural default. */
export function stateIdentity<State>(model: HistoryModel<State, never, never>): StateIdentity<State> {
  const { equals, hash } = model
  if (!equals && !hash) return STRUCTURAL as StateIdentity<State>
  const eq = equals ? (a: unknown, b: unknown) => equals.call(model, a as State, b as State) : (a: unknown, b: unknown) => structurallySame(structuralKey(a), structuralKey(b))
  // `equals` without `hash`: one bucket (correct, slow); documented as "give hash too".
  const h = hash ? (k: unknown) => hash.call(model, k as State) | 0 : () => 0
  return { key: (state) => state, hash: h, same: eq }
}
