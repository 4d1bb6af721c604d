import { defineOperations } from '../../property/operations/types.ts'

type Value = number | null

/** A register store under property test: one register per key, `null` before any write. */
export interface RegisterImplementation {
  read(key: string): Promise<Value>
  write(key: string, value: number): Promise<void>
  /** Sets `to` when the key holds `from`; whether it did. */
  cas(key: string, from: number, to: number): Promise<boolean>
}

type State = Readonly<Record<string, number>>

const held = (state: State, key: string): Value => (Object.hasOwn(state, key) ? state[key]! : null)
const holds = (state: State, key: string): string => `key ${JSON.stringify(key)} holds ${JSON.stringify(held(state, key))}`

/**
 * The register's operations, from its operation schema (docs/operation-specs.md): `read(key)`,
 * `write(key, value)`, `cas(key, from, to)`, keys and values of the schema's kinds. A trace of them is a
 * `register` trace.
 */
export const registerOperations = defineOperations<State, RegisterImplementation>({
  init: () => ({}),
  key: (_operation, [key]) => key as string,
  operations: {
    read: { args: ['key'], result: (state, [key]) => ({ result: held(state, key), state }) },
    write: { args: ['key', 'int'], result: (state, [key, value]) => ({ result: undefined, state: { ...state, [key]: value } }) },
    cas: {
      args: ['key', 'int', 'int'],
      step(state, [key, from, to], result) {
        const matches = held(state, key) === from
        if (result !== matches) return { ok: false, state, expected: `${matches}: ${holds(state, key)}` }
        return { ok: true, state: matches ? { ...state, [key]: to } : state }
      },
    },
  },
  traceEvent(operation, [key, a, b], result) {
    if (operation === 'read') return { type: 'read', key, value: result ?? null }
    if (operation === 'write') return { type: 'write', key, value: a }
    return { type: 'cas', key, value: [a, b], outcome: result === true ? 'ok' : 'fail' }
  },
})
