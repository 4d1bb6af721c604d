import type { SpecModel } from '../spec/types.ts'
import { kvOncePropertyNames } from './kvonce/names.ts'

/** Test names of the built-in command sets, by spec name (see built-in-models.ts), without loading them. */
export const builtInPropertyNames: Readonly<Record<string, (spec: SpecModel) => string[]>> = Object.freeze({ kvonce: kvOncePropertyNames })
