import type { SpecModel } from '../../spec-model/types.ts'

/** The KvOnce invariants, as observed through the implementation's results (see step-checks.ts). */
export const KVONCE_INVARIANTS = ['a key is written at most once', 'a written value never changes'] as const

export const CONCURRENT_WRITERS = 'concurrent writers to one key: exactly one succeeds'
export const OBSERVABLE_STATE = 'observable state matches the model'
export const eventsConformName = (spec: SpecModel): string => `emitted events conform to ${spec.name}`
export const invariantName = (invariant: string): string => `invariant: ${invariant}`

/**
 * The test names of the KvOnce property suite, in order. Kept apart from the model (and fast-check) so
 * the plugin can write them into test modules without loading the property machinery.
 */
export function kvOncePropertyNames(spec: SpecModel): string[] {
  return [eventsConformName(spec), OBSERVABLE_STATE, ...KVONCE_INVARIANTS.map(invariantName), CONCURRENT_WRITERS]
}
