import { createServer, type Server } from 'node:http'
import { createKvOnceHttpService } from '../kvonce/http-service.ts'
import { createReservationService } from '../reservations/http-service.ts'

/**
 * The samples' provider (`contract.provider.start`): the KvOnce service under `/kv/`, the reservation
 * service under `/reservations` and `/inventory/`. Fresh services for every contract file; the harness
 * listens on 127.0.0.1, port 0, and closes the server after the file.
 */
export default function start(): Server {
  const kv = createKvOnceHttpService()
  const reservations = createReservationService()
  const server = createServer((req, res) => {
    const target = req.url?.startsWith('/kv/') ? kv : reservations
    target.emit('request', req, res)
  })
  return server
}
