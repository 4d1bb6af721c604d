import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createKvOnceStore, type KvOnceStoreOptions } from './store.ts'

/**
 * The KvOnce store over HTTP (plain `node:http`), the provider the sample contracts verify:
 * - `PUT /kv/:key` with `{ "value": "…" }`: 201 `{ key, value }` the first time, 409 `{ error: "duplicate" }` after
 * - `GET /kv/:key`: 200 `{ key, value }`, or 404 `{ error: "not-found" }`
 * A malformed request gets 400, an unknown route 404, an unsupported method 405.
 */
export function createKvOnceHttpService(options: KvOnceStoreOptions = {}): Server {
  const store = createKvOnceStore(options)
  return createServer((req, res) => {
    handle(store, req, res).catch((error: unknown) => send(res, 500, { error: 'internal', message: (error as Error).message }))
  })
}

/** The contract project's `provider.start`: a fresh service (fresh store) per contract file, not yet listening. */
export default function start(): Server {
  return createKvOnceHttpService()
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > 64 * 1024) throw Object.assign(new Error('body too large'), { status: 413 })
    chunks.push(chunk as Buffer)
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

async function handle(store: ReturnType<typeof createKvOnceStore>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const match = /^\/kv\/([^/]+)$/.exec(url.pathname)
  if (!match) return send(res, 404, { error: 'no-route', path: url.pathname })
  let key: string
  try {
    key = decodeURIComponent(match[1]!)
  } catch {
    return send(res, 400, { error: 'bad-key' })
  }
  if (req.method === 'GET') {
    const value = await store.get(key)
    return value === undefined ? send(res, 404, { error: 'not-found', key }) : send(res, 200, { key, value })
  }
  if (req.method === 'PUT') {
    let body: unknown
    try {
      body = await readJson(req)
    } catch (error) {
      const status = (error as { status?: number }).status ?? 400
      return send(res, status, { error: status === 413 ? 'too-large' : 'bad-json' })
    }
    const value = (body as { value?: unknown } | null)?.value
    if (typeof value !== 'string') return send(res, 400, { error: 'bad-value', message: 'expected { "value": string }' })
    const result = await store.put(key, value)
    if (result === 'written') return send(res, 201, { key, value }, { location: `/kv/${encodeURIComponent(key)}` })
    if (result === 'duplicate') return send(res, 409, { error: 'duplicate', key })
    return send(res, 503, { error: 'retries-exhausted', key })
  }
  return send(res, 405, { error: 'method-not-allowed' }, { allow: 'GET, PUT' })
}
