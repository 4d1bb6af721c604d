import type { SpecModel } from '../spec-model/types.ts'
import { kvOncePropertyNames } from './kvonce/property-names.ts'

/** Test names of the built-in command sets, by spec name (see property-models.ts), without loading them. */
export const builtInPropertyNames: Readonly<Record<string, (spec: SpecModel) => string[]>> = Object.freeze({ kvonce: kvOncePropertyNames })
