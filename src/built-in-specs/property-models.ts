import { kvOncePropertyModel } from './kvonce/property-model.ts'
import type { SpecPropertyModel } from '../property/types.ts'

/** Command sets shipped for the built-in specs, by spec name. Other specs pass their own `model`. */
export const builtInPropertyModels: Readonly<Record<string, SpecPropertyModel>> = Object.freeze({ kvonce: kvOncePropertyModel })
