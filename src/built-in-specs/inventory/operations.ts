import { defineOperations } from '../../property/operations/types.ts'

/** A warehouse under property test: it reports the inventory spec's events through `emit`. */
export interface InventoryImplementation {
  restock(sku: string, quantity: number): Promise<void>
  /** Holds `quantity` for an order; false when less than that is available. */
  reserve(sku: string, quantity: number): Promise<boolean>
}

type State = Readonly<Record<string, { readonly onHand: number; readonly allocated: number }>>

const item = (state: State, sku: string) => state[sku] ?? { onHand: 0, allocated: 0 }

/**
 * The inventory's operations: `restock(sku, quantity)` and `reserve(sku, quantity)`, which succeeds
 * exactly when the quantity is available (on hand minus allocated). The implementation emits the spec's
 * events, checked by its rules and invariants (e.g. `allocated-exceeds-on-hand`).
 */
export const inventoryOperations = defineOperations<State, InventoryImplementation>({
  init: () => ({}),
  key: (_operation, [sku]) => sku as string,
  emitsEvents: true,
  operations: {
    restock: {
      args: [(fc) => fc.constantFrom('s1', 's2'), 'amount'],
      result: (state, [sku, quantity]) => {
        const { onHand, allocated } = item(state, sku)
        return { result: undefined, state: { ...state, [sku]: { onHand: onHand + quantity, allocated } } }
      },
    },
    reserve: {
      args: [(fc) => fc.constantFrom('s1', 's2'), 'amount'],
      result: (state, [sku, quantity]) => {
        const { onHand, allocated } = item(state, sku)
        return quantity <= onHand - allocated ? { result: true, state: { ...state, [sku]: { onHand, allocated: allocated + quantity } } } : { result: false, state }
      },
    },
  },
})
