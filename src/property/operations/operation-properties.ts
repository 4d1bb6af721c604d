import type { NamedProperty, PropertyBuildContext, SpecPropertyModel } from '../types.ts'
import type { SpecModel } from '../../spec-model/types.ts'
import { concurrentProperty } from './concurrent-property.ts'
import { CONCURRENT_CLIENTS, eventsConformName, invariantName, OBSERVABLE_STATE, operationPropertyNames } from './property-names.ts'
import { eventsConform, invariantHolds, matchesModel, sequentialProperty } from './sequential-property.ts'
import type { SpecOperations } from './types.ts'

/**
 * The properties generated from a spec's declared operations: the emitted events conform (when the
 * implementation emits them), each sequential result matches the model, each declared invariant, and
 * concurrent clients produce a linearizable history. Names from {@link operationPropertyNames}.
 */
export const operationPropertyModel: SpecPropertyModel<unknown> = {
  names: (spec: SpecModel) => operationPropertyNames(spec) ?? [],
  properties(context: PropertyBuildContext<unknown>): NamedProperty[] {
    const ops = context.spec.operations as SpecOperations<unknown, unknown>
    return [
      ...(ops.emitsEvents ? [{ name: eventsConformName(context.spec), property: sequentialProperty(context, ops, () => eventsConform) }] : []),
      { name: OBSERVABLE_STATE, property: sequentialProperty(context, ops, matchesModel) },
      ...Object.entries(ops.invariants ?? {}).map(([name, create]) => ({ name: invariantName(name), property: sequentialProperty(context, ops, invariantHolds(name, create)) })),
      { name: CONCURRENT_CLIENTS, property: concurrentProperty(context, ops) },
    ]
  },
}
