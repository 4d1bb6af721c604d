import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

/**
 * A self-signed certificate for 127.0.0.1 (and `localhost`), made by openssl for one test file. A
 * child process trusts it through `NODE_EXTRA_CA_CERTS: certFile` (Node reads it when it starts).
 */
export interface TestCertificate {
  keyFile: string
  certFile: string
  key: Buffer
  cert: Buffer
  remove(): void
}

export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-test-cert-'))
  const keyFile = path.join(dir, 'key.pem')
  const certFile = path.join(dir, 'cert.pem')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' })
  return { keyFile, certFile, key: readFileSync(keyFile), cert: readFileSync(certFile), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A server listening on 127.0.0.1 (a free port); `close` drops open connections too (a hanging `/slow` body). */
export interface LocalServer {
  port: number
  /** `https://127.0.0.1:<port>` or `http://127.0.0.1:<port>`. */
  origin: string
  close(): Promise<void>
}

async function listen(server: http.Server | https.Server, scheme: 'http' | 'https'): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    origin: `${scheme}://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export function listenHttps(certificate: TestCertificate, handler: http.RequestListener): Promise<LocalServer> {
  return listen(https.createServer({ key: certificate.key, cert: certificate.cert }, handler), 'https')
}

export function listenHttp(handler: http.RequestListener): Promise<LocalServer> {
  return listen(http.createServer(handler), 'http')
}
