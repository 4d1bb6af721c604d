import type { SpecModel } from '../../spec-model/types.ts'

export const OBSERVABLE_STATE = 'observable state matches the model'
export const CONCURRENT_CLIENTS = 'concurrent clients: the history is linearizable'
export const eventsConformName = (spec: SpecModel): string => `emitted events conform to ${spec.name}`
export const invariantName = (invariant: string): string => `invariant: ${invariant}`

/**
 * Test names of the properties generated from a spec's operations, in order. They depend on the
 * declaration only (never on options or a run), and this module loads no fast-check: the property
 * project's transform writes them into test modules before anything runs.
 */
export function operationPropertyNames(spec: SpecModel): string[] | undefined {
  const ops = spec.operations
  if (!ops) return undefined
  return [
    ...(ops.emitsEvents ? [eventsConformName(spec)] : []),
    OBSERVABLE_STATE,
    ...Object.keys(ops.invariants ?? {}).map(invariantName),
    CONCURRENT_CLIENTS,
  ]
}
