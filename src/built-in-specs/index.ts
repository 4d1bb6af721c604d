import type { SpecModel } from '../spec-model/types.ts'
import { inventory } from './inventory/spec.ts'
import { kv } from './kv/spec.ts'
import { kvonce } from './kvonce/spec.ts'
import { register } from './register/spec.ts'

export { inventory, type InventoryEvent, type InventoryOptions } from './inventory/spec.ts'
export { kvonce, type KvOnceEvent, type KvOnceOptions } from './kvonce/spec.ts'
export { register, type RegisterOptions } from './register/spec.ts'
export { kv, type KvOptions } from './kv/spec.ts'
export type { OperationSpecOptions } from './operations/operation-spec.ts'

/** Built-in specs by the name used in `spec: '<name>'` options and `spec-ci --spec`. */
export const builtInSpecs: Readonly<Record<string, SpecModel>> = Object.freeze({ kvonce, inventory, register, kv })
