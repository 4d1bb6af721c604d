import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BatchShapeError, otlpBatch } from './batch.ts'
import { JsonlAppender } from './jsonl-appender.ts'
import { BodyReadError, readBody } from './read-body.ts'
import { exportResponse, STATUS_CODE, statusResponse, type OtlpEncoding, type OtlpResponseBody } from './responses.ts'

import { DEFAULT_MAX_BODY_BYTES } from './receiver-defaults.ts'
export { DEFAULT_MAX_BODY_BYTES }

export const OTLP_TRACES_PATH = '/v1/traces'

export interface OtlpBatchReceived {
  /** 1 for the first batch written. */
  index: number
  encoding: OtlpEncoding
  gzip: boolean
  /** Decompressed body bytes. */
  bytes: number
  spans: number
  rejectedSpans: number
  resourceSpans: number
  /** `service.name` of the resources (text from the request). */
  services: string[]
}

export interface OtlpRequestRefused {
  status: number
  /** Why, in words; may quote the request (content type, decoder message). */
  message: string
}

export interface OtlpReceiverOptions {
  /** OTLP JSON Lines file the batches are appended to (created with its directory). */
  outFile: string
  /** 0 (the default) for a free port. */
  port?: number
  /** `127.0.0.1` unless given; `0.0.0.0` only when asked for. */
  host?: string
  maxBodyBytes?: number
  /** `fdatasync` each batch before it is acknowledged (default true). */
  sync?: boolean
  /** `outFile` must be new (created exclusively, never through a link); by default batches are appended to it. */
  exclusive?: boolean
  /** Decodes an `application/x-protobuf` body to the OTLP JSON form; without it such bodies get 415. */
  decodeProtobuf?: (bytes: Uint8Array) => unknown
  /** How long `close` waits for requests in flight before it drops their connections (default 10 s). */
  closeGraceMs?: number
  onBatch?: (batch: OtlpBatchReceived) => void
  onRefused?: (refused: OtlpRequestRefused) => void
}

export interface OtlpReceiver {
  /** `http://HOST:PORT/v1/traces`. */
  url: string
  host: string
  port: number
  /** Stops accepting, waits for requests in flight (their batches written and answered), closes the file. */
  close(): Promise<void>
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase()
}

function encodingOf(req: IncomingMessage): OtlpEncoding | undefined {
  const type = mediaType(req.headers['content-type'])
  if (type === 'application/json') return 'json'
  if (type === 'application/x-protobuf') return 'protobuf'
  return undefined
}

function send(res: ServerResponse, status: number, reply: OtlpResponseBody, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': reply.contentType, 'content-length': String(reply.body.length), ...headers })
  res.end(reply.body)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * An OTLP/HTTP trace receiver: `POST /v1/traces` with an `application/json` or `application/x-protobuf`
 * body (gzip `Content-Encoding` or none), each batch appended to `outFile` as one OTLP JSON Lines line
 * (`{"resourceSpans":[…]}`, the Collector file exporter's format) and on disk before the 200 is sent.
 * Answers as the OTLP/HTTP specification says: 200 with an `ExportTraceServiceResponse` in the request's
 * encoding (with `partialSuccess` when spans were rejected), 400 for a body that cannot be decoded,
 * 413 over `maxBodyBytes` decompressed bytes, 415 for another content type or encoding, 405 for another
 * method, 404 for another path, 503 when the batch could not be written (the client may retry).
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions): Promise<OtlpReceiver> {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError(`maxBodyBytes ${maxBytes}: expected a positive whole number of bytes`)
  const host = options.host ?? '127.0.0.1'
  const appender = await JsonlAppender.open(options.outFile, { sync: options.sync, exclusive: options.exclusive })
  let batches = 0
  const inFlight = new Set<Promise<void>>()

  async function receive(req: IncomingMessage, res: ServerResponse, encoding: OtlpEncoding): Promise<void> {
    const contentEncoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
    if (contentEncoding !== 'gzip' && contentEncoding !== 'identity') throw new Refusal(415, STATUS_CODE.INVALID_ARGUMENT, `Content-Encoding "${contentEncoding}" is not supported; send gzip or none`)
    if (encoding === 'protobuf' && !options.decodeProtobuf) throw new Refusal(415, STATUS_CODE.UNIMPLEMENTED, 'application/x-protobuf is not supported by this receiver yet; send application/json')
    const gzip = contentEncoding === 'gzip'
    const declared = Number(req.headers['content-length'])
    if (!gzip && Number.isFinite(declared) && declared > maxBytes) throw new Refusal(413, STATUS_CODE.RESOURCE_EXHAUSTED, `the body is over the cap of ${maxBytes} bytes`)
    let body: Buffer
    try {
      body = await readBody(req, { maxBytes, gzip })
    } catch (error) {
      if (!(error instanceof BodyReadError)) throw error
      throw new Refusal(error.reason === 'too-large' ? 413 : 400, error.reason === 'too-large' ? STATUS_CODE.RESOURCE_EXHAUSTED : STATUS_CODE.INVALID_ARGUMENT, error.message)
    }
    let request: unknown
    try {
      request = encoding === 'json' ? JSON.parse(utf8.decode(body)) : options.decodeProtobuf!(body)
    } catch (error) {
      throw new Refusal(400, STATUS_CODE.INVALID_ARGUMENT, `the ${encoding === 'json' ? 'JSON' : 'protobuf'} body cannot be decoded: ${(error as Error).message}`)
    }
    let batch
    try {
      batch = otlpBatch(request)
    } catch (error) {
      if (error instanceof BatchShapeError) throw new Refusal(400, STATUS_CODE.INVALID_ARGUMENT, error.message)
      throw error
    }
    if (batch.spans > 0) {
      try {
        await appender.append(JSON.stringify({ resourceSpans: batch.resourceSpans }))
      } catch (error) {
        throw new Refusal(503, STATUS_CODE.UNAVAILABLE, `the batch could not be written: ${(error as Error).message}`)
      }
      batches++
      options.onBatch?.({ index: batches, encoding, gzip, bytes: body.length, spans: batch.spans, rejectedSpans: batch.rejectedSpans, resourceSpans: batch.resourceSpans.length, services: batch.services })
    }
    send(res, 200, exportResponse(encoding, batch.rejectedSpans, batch.errorMessage))
  }

  function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const encoding = encodingOf(req) ?? 'json'
    const refuse = (status: number, code: number, message: string, headers: Record<string, string> = {}) => {
      options.onRefused?.({ status, message })
      // The rest of an unread body is discarded; the connection closes so it need not be drained.
      if (!req.complete) {
        req.resume()
        headers.connection = 'close'
      }
      if (!res.headersSent) send(res, status, statusResponse(encoding, code, message), headers)
    }
    const pathname = new URL(req.url ?? '/', 'http://receiver').pathname
    if (pathname !== OTLP_TRACES_PATH) {
      refuse(404, 5, `no such path; OTLP traces are received at POST ${OTLP_TRACES_PATH}`)
      return Promise.resolve()
    }
    if (req.method !== 'POST') {
      refuse(405, 12, `method ${req.method} is not allowed; use POST`, { allow: 'POST' })
      return Promise.resolve()
    }
    if (encodingOf(req) === undefined) {
      refuse(415, STATUS_CODE.INVALID_ARGUMENT, `Content-Type "${req.headers['content-type'] ?? ''}" is not supported; send application/json or application/x-protobuf`)
      return Promise.resolve()
    }
    return receive(req, res, encoding).catch((error: unknown) => {
      if (error instanceof Refusal) refuse(error.status, error.code, error.message)
      else refuse(500, STATUS_CODE.INTERNAL, `the receiver failed: ${(error as Error).message}`)
    })
  }

  const server = createServer({ requestTimeout: 120_000 }, (req, res) => {
    const done = handle(req, res)
    inFlight.add(done)
    void done.finally(() => inFlight.delete(done))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.removeListener('error', reject)
      resolve()
    })
  }).catch(async (error) => {
    await appender.close()
    throw error
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${port}${OTLP_TRACES_PATH}`,
    host,
    port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        // A request that stalls is dropped after the grace period: it was never acknowledged.
        let timer: NodeJS.Timeout | undefined
        const grace = new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, options.closeGraceMs ?? 10_000, 'timeout')))
        while (inFlight.size > 0) if ((await Promise.race([Promise.allSettled([...inFlight]), grace])) === 'timeout') break
        clearTimeout(timer)
        server.closeAllConnections()
        await closed
        await appender.close()
      })()
      return closing
    },
  }
}
