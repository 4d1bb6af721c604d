import type { SpecModel } from '../../spec-model/types.ts'
import type { ImplementationFactory, NamedProperty } from '../types.ts'
import { operationPropertyModel } from './operation-properties.ts'

export interface SpecOperationPropertiesOptions<Impl> {
  implementation: ImplementationFactory<Impl>
  /** Options of the spec. */
  specOptions?: object
  /** @default 30 */
  maxCommands?: number
  /** @default 3 */
  clients?: number
  /** @default 5 */
  operationsPerClient?: number
}

/**
 * The properties generated from a spec's declared operations, outside Vitest (e.g. for `checkProperty`
 * in a script): the same ones `describeSpecProperties` declares as tests.
 */
export function specOperationProperties<Impl>(spec: SpecModel<object, Impl>, options: SpecOperationPropertiesOptions<Impl>): NamedProperty[] {
  if (!spec.operations) throw new TypeError(`specOperationProperties: spec "${spec.name}" declares no \`operations\``)
  return operationPropertyModel.properties({
    spec,
    specOptions: spec.resolveOptions(options.specOptions ?? {}),
    implementation: options.implementation as ImplementationFactory<unknown>,
    maxCommands: options.maxCommands ?? 30,
    clients: options.clients ?? 3,
    operationsPerClient: options.operationsPerClient ?? 5,
  })
}
