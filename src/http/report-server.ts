import { createReadStream, realpathSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

export interface ReportServerOptions {
  /** The report directory; only regular files under it are served. */
  dir: string
  /** @default 0 (a free port) */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
}

export interface ReportServer {
  /** `http://127.0.0.1:<port>/` */
  origin: string
  port: number
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
}

function send(res: http.ServerResponse, status: number, text: string, extra: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...extra })
  res.end(`${text}\n`)
}

/**
 * The file a request path names under `root` (a real path), or why not: only `/`-separated plain
 * segments (no `..`, no `.`-names, no backslash or NUL, even percent-encoded), and the file's real path
 * (symlinks resolved) must still be under `root`.
 */
export function resolveServedFile(root: string, urlPath: string): { file: string } | { status: 403 | 404; reason: string } {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return { status: 404, reason: 'malformed path' }
  }
  if (decoded === '/' || decoded === '') decoded = '/spec-ci/index.html'
  const segments = decoded.split('/').slice(1)
  if (segments.some((s) => s === '' || s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return { status: 403, reason: 'only plain paths under the report directory are served' }
  let real: string
  try {
    real = realpathSync(path.join(root, ...segments))
  } catch {
    return { status: 404, reason: 'no such file in the report directory' }
  }
  if (real !== root && !real.startsWith(root + path.sep)) return { status: 403, reason: 'the file leaves the report directory' }
  try {
    if (!statSync(real).isFile()) return { status: 404, reason: 'not a file' }
  } catch {
    return { status: 404, reason: 'no such file in the report directory' }
  }
  return { file: real }
}

/** Serves the files of a report directory (GET and HEAD only) for `spec-ci report serve|open`. */
export async function startReportServer(options: ReportServerOptions): Promise<ReportServer> {
  const root = realpathSync(options.dir)
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'only GET and HEAD', { allow: 'GET, HEAD' })
    const urlPath = (req.url ?? '/').split('?')[0]!.split('#')[0]!
    const found = resolveServedFile(root, urlPath)
    if (!('file' in found)) return send(res, found.status, found.reason)
    res.writeHead(200, {
      'content-type': TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'content-length': statSync(found.file).size,
    })
    if (req.method === 'HEAD') return res.end()
    createReadStream(found.file).on('error', () => res.destroy()).pipe(res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port, address } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  return {
    origin: `http://${host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
