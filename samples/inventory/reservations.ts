/**
 * A small in-memory inventory with reservations, the model the inventory reservation feature runs
 * against: stock on hand per SKU, reservations that hold stock for an order until they are released
 * or shipped. Stock is never oversold: `available = onHand - reserved` never goes below zero.
 */

export type ReserveOutcome =
  | { ok: true; reservationId: string }
  | { ok: false; reason: 'insufficient-stock' | 'invalid-quantity' | 'duplicate-order'; available: number }

export interface Reservation {
  id: string
  orderId: string
  sku: string
  quantity: number
  status: 'reserved' | 'released' | 'shipped'
}

export interface Inventory {
  restock(sku: string, quantity: number): void
  reserve(orderId: string, sku: string, quantity: number): ReserveOutcome
  release(reservationId: string): boolean
  ship(reservationId: string): boolean
  onHand(sku: string): number
  available(sku: string): number
  reservation(id: string): Reservation | undefined
}

export function createInventory(): Inventory {
  const onHand = new Map<string, number>()
  const reservations = new Map<string, Reservation>()
  let next = 1

  const reserved = (sku: string) => [...reservations.values()].filter((r) => r.sku === sku && r.status === 'reserved').reduce((n, r) => n + r.quantity, 0)
  const available = (sku: string) => (onHand.get(sku) ?? 0) - reserved(sku)

  return {
    restock(sku, quantity) {
      if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`restock of ${sku}: quantity ${quantity} is not a non-negative integer`)
      onHand.set(sku, (onHand.get(sku) ?? 0) + quantity)
    },
    reserve(orderId, sku, quantity) {
      if (!Number.isInteger(quantity) || quantity < 1) return { ok: false, reason: 'invalid-quantity', available: available(sku) }
      if ([...reservations.values()].some((r) => r.orderId === orderId && r.sku === sku && r.status === 'reserved'))
        return { ok: false, reason: 'duplicate-order', available: available(sku) }
      if (quantity > available(sku)) return { ok: false, reason: 'insufficient-stock', available: available(sku) }
      const id = `r-${next++}`
      reservations.set(id, { id, orderId, sku, quantity, status: 'reserved' })
      return { ok: true, reservationId: id }
    },
    release(id) {
      const r = reservations.get(id)
      if (!r || r.status !== 'reserved') return false
      r.status = 'released'
      return true
    },
    ship(id) {
      const r = reservations.get(id)
      if (!r || r.status !== 'reserved') return false
      r.status = 'shipped'
      onHand.set(r.sku, (onHand.get(r.sku) ?? 0) - r.quantity)
      return true
    },
    onHand: (sku) => onHand.get(sku) ?? 0,
    available,
    reservation: (id) => {
      const r = reservations.get(id)
      return r ? { ...r } : undefined
    },
  }
}
