import type { SpecModel } from '../spec/types.ts'
import { inventory } from './inventory.ts'
import { kvonce } from './kvonce.ts'

export { inventory, type InventoryEvent, type InventoryOptions } from './inventory.ts'
export { kvonce, type KvOnceEvent, type KvOnceOptions } from './kvonce.ts'

/** Built-in specs by the name used in `spec: '<name>'` options and `spec-ci --spec`. */
export const builtInSpecs: Readonly<Record<string, SpecModel>> = Object.freeze({ kvonce, inventory })
