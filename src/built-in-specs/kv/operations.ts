import { defineOperations } from '../../property/operations/types.ts'

/** A key-value store of strings under property test: a key never written reads as `""` or `null`. */
export interface KvImplementation {
  get(key: string): Promise<string | null>
  put(key: string, value: string): Promise<void>
  append(key: string, value: string): Promise<void>
}

type State = Readonly<Record<string, string>>

/**
 * The kv store's operations, from its operation schema (docs/operation-specs.md): `get(key)`,
 * `put(key, value)`, `append(key, value)`. A trace of them is a `kv` trace.
 */
export const kvOperations = defineOperations<State, KvImplementation>({
  init: () => ({}),
  key: (_operation, [key]) => key as string,
  operations: {
    get: {
      args: ['key'],
      step(state, [key], result) {
        const value = Object.hasOwn(state, key) ? state[key]! : undefined
        const ok = value === undefined ? result === null || result === '' : result === value
        return ok ? { ok, state } : { ok, state, expected: value === undefined ? '"" or null: the key was never written' : JSON.stringify(value) }
      },
    },
    put: { args: ['key', 'string'], result: (state, [key, value]) => ({ result: undefined, state: { ...state, [key]: value } }) },
    append: { args: ['key', 'string'], result: (state, [key, value]) => ({ result: undefined, state: { ...state, [key]: (state[key] ?? '') + value } }) },
  },
  traceEvent(operation, [key, value], result) {
    return operation === 'get' ? { type: 'get', key, value: result ?? null } : { type: operation, key, value }
  },
})
