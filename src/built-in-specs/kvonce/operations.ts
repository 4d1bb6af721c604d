import { defineOperations, type ObservedStep } from '../../property/operations/types.ts'
import { withEntry } from '../operations/with-entry.ts'

/**
 * The adapter contract of a KvOnce implementation under property test. `put` writes a key at most once:
 * `written` the first time it succeeds, `duplicate` once the key holds a value, `failed` when its retries
 * ran out. Every trace event (retries with their attempt numbers, the success, failures) goes to `emit`.
 */
export interface KvOnceImplementation {
  put(key: string, value: string): Promise<'written' | 'duplicate' | 'failed'>
  get(key: string): Promise<string | undefined>
}

/** The value each key was first written with. */
type State = Readonly<Record<string, string>>

const show = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value))

function writtenAtMostOnce() {
  return (steps: readonly ObservedStep[]): string | undefined => {
    const last = steps[steps.length - 1]!
    if (last.operation !== 'put' || last.result !== 'written') return undefined
    const first = steps.findIndex((s) => s.operation === 'put' && s.result === 'written' && s.args[0] === last.args[0])
    if (first < steps.length - 1) return `key ${show(last.args[0])} was written twice: put returned "written" at step ${first + 1} and again at step ${steps.length}`
    return undefined
  }
}

function writtenValueNeverChanges() {
  return (steps: readonly ObservedStep[]): string | undefined => {
    const last = steps[steps.length - 1]!
    if (last.operation !== 'get') return undefined
    const first = steps.findIndex((s) => s.operation === 'put' && s.result === 'written' && s.args[0] === last.args[0])
    if (first >= 0 && last.result !== steps[first]!.args[1])
      return `get(${show(last.args[0])}) returned ${show(last.result)}, but the key was written with ${show(steps[first]!.args[1])} at step ${first + 1}`
    return undefined
  }
}

/**
 * KvOnce's operations: `put(key, value)` and `get(key)`, over few keys and values so sequences often
 * write a key again (faults of the sample store depend on the key, so keys differ in how they retry).
 * The implementation emits the spec's events, checked by the `kvonce` rules.
 */
export const kvOnceOperations = defineOperations<State, KvOnceImplementation>({
  init: () => ({}),
  key: (_operation, [key]) => key as string,
  emitsEvents: true,
  operations: {
    put: {
      args: [(fc) => fc.constantFrom('a', 'b', 'c', 'd'), (fc) => fc.nat(3).map((n) => `v${n}`)],
      step(state, [key, value], result) {
        if (Object.hasOwn(state, key)) return result === 'duplicate' ? { ok: true, state } : { ok: false, state, expected: `"duplicate": key ${show(key)} already holds ${show(state[key])}` }
        if (result === 'written') return { ok: true, state: withEntry(state, key, value) }
        return result === 'failed' ? { ok: true, state } : { ok: false, state, expected: `"written" or "failed": key ${show(key)} holds no value` }
      },
    },
    get: {
      args: [(fc) => fc.constantFrom('a', 'b', 'c', 'd')],
      step(state, [key], result) {
        const held = Object.hasOwn(state, key) ? state[key] : undefined
        return result === held ? { ok: true, state } : { ok: false, state, expected: `${show(held)}: the value the key was first written with` }
      },
    },
  },
  invariants: {
    'a key is written at most once': writtenAtMostOnce,
    'a written value never changes': writtenValueNeverChanges,
  },
})
