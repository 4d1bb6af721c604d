import { operationPropertyNames } from '../property/operations/property-names.ts'
import type { SpecModel } from '../spec-model/types.ts'

/** Test names of a spec's generated properties, from its declared operations, without loading fast-check. */
export const builtInPropertyNames = (spec: SpecModel): string[] | undefined => operationPropertyNames(spec)
