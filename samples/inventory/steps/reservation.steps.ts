import { expect } from 'vitest'
import { Given, Then, When, defineParameterType, type DataTable } from 'vitest-spec-ci/bdd'
import { createInventory, type Inventory, type ReserveOutcome } from '../reservations.ts'

interface InventoryWorld {
  inventory: Inventory
  last?: ReserveOutcome
  outcomes: Array<{ order: string; outcome: ReserveOutcome }>
}

defineParameterType({ name: 'sku', regexp: /SKU-\d+/ })

function reserve(world: InventoryWorld, order: string, quantity: number, sku: string): ReserveOutcome {
  world.last = world.inventory.reserve(order, sku, quantity)
  ;(world.outcomes ??= []).push({ order, outcome: world.last })
  return world.last
}

Given<InventoryWorld>('the warehouse stocks:', (world, table: DataTable) => {
  world.inventory = createInventory()
  for (const { sku, onHand } of table.hashes()) world.inventory.restock(sku!, Number(onHand))
})

Given<InventoryWorld>('order {string} has reserved {int} of {sku}', (world, order: string, quantity: number, sku: string) => {
  expect(reserve(world, order, quantity, sku)).toMatchObject({ ok: true })
})

When<InventoryWorld>('order {string} reserves {int} of {sku}', (world, order: string, quantity: number, sku: string) => {
  reserve(world, order, quantity, sku)
})

function accepted(world: InventoryWorld): string {
  if (!world.last?.ok) throw new Error('no accepted reservation to act on')
  return world.last.reservationId
}

When<InventoryWorld>('the reservation is shipped', (world) => {
  expect(world.inventory.ship(accepted(world))).toBe(true)
})

When<InventoryWorld>('the reservation is released', (world) => {
  expect(world.inventory.release(accepted(world))).toBe(true)
})

Then<InventoryWorld>('the reservation is accepted', (world) => {
  expect(world.last).toMatchObject({ ok: true })
})

Then<InventoryWorld>('the reservation is refused with {string}', (world, reason: string) => {
  expect(world.last).toMatchObject({ ok: false, reason })
})

Then<InventoryWorld>('{sku} has {int} on hand and {int} available', (world, sku: string, onHand: number, available: number) => {
  expect({ onHand: world.inventory.onHand(sku), available: world.inventory.available(sku) }).toEqual({ onHand, available })
})

Then<InventoryWorld>('the reservations are:', (world, table: DataTable) => {
  const actual = world.outcomes.map(({ order, outcome }) => ({ order, outcome: outcome.ok ? 'reserved' : outcome.reason }))
  expect(actual).toEqual(table.hashes())
})
