import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createKvOnceHttpService } from '../kvonce/http-service.ts'
import { kvOnceTracing } from '../kvonce/tracing.ts'
import { createReservationService } from '../reservations/http-service.ts'

interface StartOptions {
  host: string
  port: number
  /** Set by a live capture (`conformance.live`): where the service exports its spans. */
  otlp?: { tracesEndpoint: string }
}

/**
 * The samples' provider (`contract.provider.start`): the KvOnce service under `/kv/`, the reservation
 * service under `/reservations` and `/inventory/`. Fresh services for every contract file, listening
 * where the harness says (127.0.0.1, port 0). During a live capture the KvOnce store's events are spans,
 * exported with the OpenTelemetry SDK; closing the provider flushes them before it counts as closed.
 */
export default async function start({ host, port, otlp }: StartOptions): Promise<{ url: string; close(): Promise<void> }> {
  const tracing = otlp ? kvOnceTracing(otlp.tracesEndpoint) : undefined
  const kv = createKvOnceHttpService(tracing ? { onEvent: (event) => tracing.record(event) } : {})
  const reservations = createReservationService()
  const server = createServer((req, res) => {
    const target = req.url?.startsWith('/kv/') ? kv : reservations
    target.emit('request', req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${host}:${address.port}`,
    async close() {
      await closeServer(server)
      await tracing?.shutdown()
    },
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
