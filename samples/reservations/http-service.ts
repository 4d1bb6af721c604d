import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

/**
 * A small reservation service, the provider of the origin's reservation contracts:
 * - `POST /reservations` `{ orderId, sku, quantity }`: 201 the reservation, 409 when stock is short, 400 when malformed
 * - `GET /reservations/:id`: 200 the reservation or 404
 * - `PUT /inventory/:sku` `{ onHand }`: sets stock (used by provider states), 204
 */
export function createReservationService(): Server {
  const onHand = new Map<string, number>()
  const reservations = new Map<string, Record<string, unknown>>()
  let next = 1

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) {
      res.writeHead(status).end()
      return
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  async function json(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
    let text = ''
    for await (const chunk of req) text += String(chunk)
    try {
      const value: unknown = JSON.parse(text)
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
    } catch {
      return undefined
    }
  }

  return createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost')
    const inventory = /^\/inventory\/([^/]+)$/.exec(pathname)
    if (inventory && req.method === 'PUT') {
      const body = await json(req)
      if (!body || !Number.isInteger(body.onHand)) return send(res, 400, { error: 'expected { onHand: integer }' })
      onHand.set(decodeURIComponent(inventory[1]!), body.onHand as number)
      return send(res, 204)
    }
    if (pathname === '/reservations' && req.method === 'POST') {
      const body = await json(req)
      const { orderId, sku, quantity } = body ?? {}
      if (typeof orderId !== 'string' || typeof sku !== 'string' || !Number.isInteger(quantity) || (quantity as number) < 1)
        return send(res, 400, { error: 'invalid-request', message: 'expected { orderId: string, sku: string, quantity: integer >= 1 }' })
      const available = onHand.get(sku) ?? 0
      if ((quantity as number) > available) return send(res, 409, { error: 'insufficient-stock', sku, available })
      onHand.set(sku, available - (quantity as number))
      const reservation = { reservationId: `r-${next++}`, orderId, sku, quantity, status: 'reserved' }
      reservations.set(reservation.reservationId, reservation)
      return send(res, 201, reservation)
    }
    const one = /^\/reservations\/([^/]+)$/.exec(pathname)
    if (one && req.method === 'GET') {
      const found = reservations.get(decodeURIComponent(one[1]!))
      return found ? send(res, 200, found) : send(res, 404, { error: 'not-found' })
    }
    return send(res, 404, { error: 'no-route' })
  })
}
