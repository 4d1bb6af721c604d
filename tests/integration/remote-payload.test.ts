import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { listenHttp, listenHttps, makeTestCertificate, type LocalServer } from './https-test-server.ts'
import { repoRoot, runSpecCi } from './run-cli.ts'

// A local HTTPS server on 127.0.0.1 with a self-signed certificate made here (https-test-server.ts); the
// CLI child trusts it through NODE_EXTRA_CA_CERTS (read at process start). `localhost` resolves to the
// same server but is left off the allowlist, as the "other host".
const certificate = makeTestCertificate()
const certFile = certificate.certFile

const trace = readFileSync(path.join(repoRoot, 'samples/trace/kvonce-valid.ndjson'))
let port = 0
let httpPort = 0

const handler: http.RequestListener = (req, res) => {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1')
  switch (url.pathname) {
    case '/kvonce.ndjson':
    case '/with-token.ndjson':
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'content-length': trace.byteLength })
      return res.end(trace)
    case '/redirect-on':
      res.writeHead(302, { location: `/kvonce.ndjson?sig=${url.searchParams.get('sig') ?? ''}` })
      return res.end()
    case '/redirect-off':
      res.writeHead(302, { location: `https://localhost:${port}/kvonce.ndjson` })
      return res.end()
    case '/redirect-loop':
      res.writeHead(302, { location: '/redirect-loop' })
      return res.end()
    case '/big-declared':
      res.writeHead(200, { 'content-length': 5000 })
      return res.end(Buffer.alloc(5000, 'x'))
    case '/big-chunked': {
      // No Content-Length: the cap must stop the streamed read.
      res.writeHead(200)
      let sent = 0
      const more = (): void => {
        if (sent >= 50 || res.destroyed) return void res.end()
        sent++
        res.write(Buffer.alloc(1000, 'x'), () => setTimeout(more, 5))
      }
      return more()
    }
    case '/slow':
      // Headers, one line, then nothing: only the timeout ends it.
      res.writeHead(200)
      return void res.write(trace.subarray(0, 100))
    default:
      res.writeHead(404)
      return res.end()
  }
}

let servers: LocalServer[] = []

beforeAll(async () => {
  servers = [await listenHttps(certificate, handler), await listenHttp(handler)]
  port = servers[0]!.port
  httpPort = servers[1]!.port
})
afterAll(async () => {
  for (const s of servers) await s.close()
  certificate.remove()
})

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const tmp = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-remote-'))
  made.push(dir)
  return dir
}
const env = { NODE_EXTRA_CA_CERTS: certFile }
const base = (): string => `https://127.0.0.1:${port}`
const fetchCli = (url: string, out: string, ...more: string[]) =>
  runSpecCi(['trace', 'validate', '--url', url, '--allow-host', '127.0.0.1', '--out', out, ...more], { env })

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
}

describe('spec-ci trace validate --url', () => {
  test('https happy path: fetched into <out>/remote/, validated (exit 0), payload metadata with sha256 and size', async () => {
    const out = tmp()
    const r = await fetchCli(`${base()}/kvonce.ndjson`, out)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`${base()}/kvonce.ndjson: valid (kvonce, ndjson,`)
    expect(readFileSync(path.join(out, 'remote/kvonce.ndjson'))).toEqual(trace)
    const meta = JSON.parse(readFileSync(path.join(out, 'kvonce-payload.json'), 'utf8'))
    expect(meta).toEqual({
      sourceType: 'url',
      sourceDetail: `${base()}/kvonce.ndjson`,
      sha256: createHash('sha256').update(trace).digest('hex'),
      sizeBytes: trace.byteLength,
    })
    expect(readdirSync(out).sort()).toEqual(['kvonce-payload.json', 'kvonce-projection.json', 'kvonce-validation.json', 'remote'])
  })

  test('the certificate is verified: without NODE_EXTRA_CA_CERTS the self-signed server is refused (rule network)', async () => {
    const out = tmp()
    const r = await runSpecCi(['trace', 'validate', '--url', `${base()}/kvonce.ndjson`, '--allow-host', '127.0.0.1', '--out', out], { env: { NODE_EXTRA_CA_CERTS: undefined } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spec-ci: remote payload refused \(rule network\): https:\/\/127\.0\.0\.1:\d+\/kvonce\.ndjson: /)
    expect(readdirSync(out)).toEqual([])
  })

  test('a redirect that stays on an allowed host is followed', async () => {
    const out = tmp()
    const r = await fetchCli(`${base()}/redirect-on?sig=abc`, out)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  test('a ?token=secret123 URL never appears in any file under the report dir, nor in stdout/stderr', async () => {
    const out = tmp()
    const r = await fetchCli(`${base()}/with-token.ndjson?token=secret123&x=sig456`, out)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`${base()}/with-token.ndjson?token=REDACTED&x=REDACTED`)
    const meta = JSON.parse(readFileSync(path.join(out, 'with-token-payload.json'), 'utf8'))
    expect(meta.sourceDetail).toBe(`${base()}/with-token.ndjson?token=REDACTED&x=REDACTED`)
    // Refusals are redacted too: the same token on an off-list host, on a redirect, and over the cap.
    const refused = [
      await runSpecCi(['trace', 'validate', '--url', `https://localhost:${port}/x?token=secret123`, '--allow-host', '127.0.0.1', '--out', out], { env }),
      await fetchCli(`${base()}/redirect-on?sig=secret123`, out, '--max-download-bytes', '10'),
      await fetchCli(`${base()}/redirect-off?token=secret123`, out),
      await runSpecCi(['trace', 'validate', '--url', `${base()}/x?token=secret123`, '--out', out], { env }),
    ]
    for (const x of refused) expect(x.code).toBe(2)
    for (const x of [r, ...refused]) {
      expect(x.stdout + x.stderr).not.toContain('secret123')
      expect(x.stdout + x.stderr).not.toContain('sig456')
    }
    const files = allFiles(out)
    expect(files.length).toBeGreaterThan(3)
    for (const f of files) {
      const text = readFileSync(f, 'latin1')
      expect(text, f).not.toContain('secret123')
      expect(text, f).not.toContain('sig456')
      expect(f).not.toContain('secret123')
    }
  })

  test('refused: plain http (https-only), also to loopback unless --allow-loopback-http, and never to a non-loopback host', async () => {
    const out = tmp()
    const r = await fetchCli(`http://127.0.0.1:${httpPort}/kvonce.ndjson`, out)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spec-ci: remote payload refused \(rule https-only\): http:\/\/127\.0\.0\.1:\d+\/kvonce\.ndjson: only https URLs are fetched/)
    const far = await runSpecCi(['trace', 'validate', '--url', 'http://example.com/t.ndjson', '--allow-host', 'example.com', '--allow-loopback-http', '--out', out], { env })
    expect(far.code).toBe(2)
    expect(far.stderr).toContain('(rule https-only): http://example.com/t.ndjson: plain http is allowed only to a loopback host')
    const ok = await fetchCli(`http://127.0.0.1:${httpPort}/kvonce.ndjson`, out, '--allow-loopback-http')
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)
    expect(readdirSync(out)).not.toContain('x')
  })

  test('refused: a host not on the allowlist; the allowlist is required and takes no wildcards', async () => {
    const out = tmp()
    const r = await fetchCli(`https://localhost:${port}/kvonce.ndjson`, out)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`(rule host-allowlist): https://localhost:${port}/kvonce.ndjson: host localhost:${port} is not on the allowlist (127.0.0.1)`)
    const none = await runSpecCi(['trace', 'validate', '--url', `${base()}/kvonce.ndjson`, '--out', out], { env })
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('give the exact host(s) it may be fetched from with --allow-host HOST')
    const wild = await runSpecCi(['trace', 'validate', '--url', `${base()}/kvonce.ndjson`, '--allow-host', '*.0.0.1', '--out', out], { env })
    expect(wild.code).toBe(2)
    expect(wild.stderr).toContain('no wildcards')
    expect(readdirSync(out)).toEqual([])
  })

  test('refused: userinfo in the URL, printed as REDACTED', async () => {
    const out = tmp()
    const r = await fetchCli(`https://alice:hunter2@127.0.0.1:${port}/kvonce.ndjson`, out)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`(rule no-userinfo): https://REDACTED:REDACTED@127.0.0.1:${port}/kvonce.ndjson: credentials in the URL are not allowed`)
    expect(r.stderr + r.stdout).not.toContain('hunter2')
    expect(r.stderr + r.stdout).not.toContain('alice')
  })

  test('refused: a redirect off the allowed host, and more than 5 redirects', async () => {
    const out = tmp()
    const r = await fetchCli(`${base()}/redirect-off`, out)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`(rule redirect-off-host): ${base()}/redirect-off redirects to https://localhost:${port}/kvonce.ndjson, whose host localhost:${port} is not on the allowlist`)
    const loop = await fetchCli(`${base()}/redirect-loop`, out)
    expect(loop.code).toBe(2)
    expect(loop.stderr).toContain('(rule too-many-redirects)')
    expect(readdirSync(out)).toEqual([])
  })

  test('refused: over the size cap, declared or streamed; nothing written', async () => {
    const out = tmp()
    const declared = await fetchCli(`${base()}/big-declared`, out, '--max-download-bytes', '1000')
    expect(declared.code).toBe(2)
    expect(declared.stderr).toContain('(rule size-cap): ')
    expect(declared.stderr).toContain('larger than 1000 bytes (--max-download-bytes)')
    const streamed = await fetchCli(`${base()}/big-chunked`, out, '--max-download-bytes', '3500')
    expect(streamed.code).toBe(2)
    expect(streamed.stderr).toContain('(rule size-cap): ')
    expect(readdirSync(out)).toEqual([])
  })

  test('refused: a download not complete within --download-timeout', async () => {
    const out = tmp()
    const started = Date.now()
    const r = await fetchCli(`${base()}/slow`, out, '--download-timeout', '0.5')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`(rule timeout): ${base()}/slow: `)
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(readdirSync(out)).toEqual([])
  })

  test('--url flags without --url, and --url with a FILE, are usage errors', async () => {
    const a = await runSpecCi(['trace', 'validate', 'x.ndjson', '--allow-host', 'a.example'])
    expect(a.code).toBe(2)
    expect(a.stderr).toContain('--allow-host applies only with --url URL')
    const b = await runSpecCi(['trace', 'validate', 'x.ndjson', '--url', `${base()}/kvonce.ndjson`, '--allow-host', '127.0.0.1'])
    expect(b.code).toBe(2)
    expect(b.stderr).toContain('--url URL replaces the trace FILE')
    const c = await runSpecCi(['trace', 'validate', '--url', 'not a url?token=secret123', '--allow-host', 'a.example'])
    expect(c.code).toBe(2)
    expect(c.stderr).toContain('(rule invalid-url)')
    expect(c.stderr).not.toContain('secret123')
  })
})

