import { createHash } from 'node:crypto'
import path from 'node:path'
import { writeFileAtomic } from '../atomic-write.ts'
import { reportBaseName } from '../conformance/origin-reports.ts'
import { checkUrl, redactUrl, RemotePayloadError, scrub, secretsOf, type OutboundPolicy } from './outbound-policy.ts'
import { BodyOverCapError, readCappedBody } from '../http/read-capped-body.ts'

export const DEFAULT_MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 30_000
export const MAX_REDIRECTS = 5

export interface FetchPayloadOptions extends OutboundPolicy {
  /** The report directory: the payload goes to `<outDir>/remote/<name>`, its metadata to `<outDir>/<base>-payload.json`. */
  outDir: string
  /** Stop reading (and refuse) past this many body bytes.  [100 MiB] */
  maxBytes?: number
  /** The whole download (redirects and body included) is aborted after this.  [30 s] */
  timeoutMs?: number
  /** File name of the payload in `<outDir>/remote/`.  [{@link safePayloadName} of the URL] */
  name?: string
  /**
   * Writes one file (the payload, then its metadata) whole or not at all.  [writeFileAtomic, which
   * creates missing folders] The conformance plugin passes one that never writes through a link.
   */
  write?: (file: string, content: Uint8Array) => Promise<void>
}

/** The origin's payload metadata. */
export interface PayloadMetadata {
  sourceType: 'url'
  /** The URL with userinfo and every query value replaced by REDACTED. */
  sourceDetail: string
  sha256: string
  sizeBytes: number
}

export interface FetchedPayload {
  file: string
  metadataFile: string
  metadata: PayloadMetadata
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** Where a payload named `name` and its metadata go in the report directory `outDir`. */
export function payloadFiles(outDir: string, name: string): { file: string; metadataFile: string } {
  return { file: path.join(outDir, 'remote', name), metadataFile: path.join(outDir, `${reportBaseName(name)}-payload.json`) }
}

/**
 * A file name for the payload from the URL path's last segment, reduced to `[A-Za-z0-9._-]`
 * (never `.`/`..`, never empty: `payload`). The query is not part of it.
 */
export function safePayloadName(url: URL): string {
  let last = url.pathname.split('/').pop() ?? ''
  try {
    last = decodeURIComponent(last)
  } catch {
    // keep it encoded
  }
  const name = last.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 120)
  return name === '' ? 'payload' : name
}

/**
 * Downloads `url` under the outbound policy into the report directory, atomically, and writes its
 * payload metadata beside the trace reports. Refusals are {@link RemotePayloadError}s naming the rule;
 * nothing they say, and nothing written, holds the URL's secrets.
 */
export async function fetchPayload(url: URL, options: FetchPayloadOptions): Promise<FetchedPayload> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS
  const secrets = secretsOf(url)
  checkUrl(url, options)
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  let current = url
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await request(current, controller, timeoutMs, secrets)
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel().catch(() => {})
        const location = response.headers.get('location')
        if (!location) throw new RemotePayloadError('http-status', `${redactUrl(current)} answered ${response.status} without a Location`)
        if (redirects >= MAX_REDIRECTS) throw new RemotePayloadError('too-many-redirects', `${redactUrl(url)}: more than ${MAX_REDIRECTS} redirects`)
        let next: URL
        try {
          next = new URL(location, current)
        } catch {
          throw new RemotePayloadError('redirect-off-host', `${redactUrl(current)} redirects to an unparsable Location`)
        }
        for (const s of secretsOf(next)) if (!secrets.includes(s)) secrets.push(s)
        checkUrl(next, options, current)
        current = next
        continue
      }
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel().catch(() => {})
        throw new RemotePayloadError('http-status', `${redactUrl(current)} answered HTTP ${response.status}`)
      }
      const bytes = await readCapped(response, current, maxBytes, controller, timeoutMs)
      const { file, metadataFile } = payloadFiles(options.outDir, options.name ?? safePayloadName(url))
      const write = options.write ?? writeFileAtomic
      await write(file, bytes)
      const metadata: PayloadMetadata = {
        sourceType: 'url',
        sourceDetail: redactUrl(url),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        sizeBytes: bytes.byteLength,
      }
      await write(metadataFile, Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`))
      return { file, metadataFile, metadata }
    }
  } catch (error) {
    // Belt and braces: a refusal's message is scrubbed once more of every secret seen.
    if (error instanceof RemotePayloadError) error.message = scrub(error.message, secrets)
    throw error
  } finally {
    clearTimeout(timer)
  }
}

async function request(url: URL, controller: AbortController, timeoutMs: number, secrets: readonly string[]): Promise<Response> {
  try {
    return await fetch(url, { redirect: 'manual', signal: controller.signal, headers: { accept: '*/*' } })
  } catch (error) {
    if (controller.signal.aborted) throw new RemotePayloadError('timeout', `${redactUrl(url)}: no complete answer within ${timeoutMs / 1000} s (--download-timeout)`)
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    const why = cause?.code ?? cause?.message ?? (error as Error).message
    throw new RemotePayloadError('network', `${redactUrl(url)}: ${scrub(String(why), secrets)}`)
  }
}

async function readCapped(response: Response, url: URL, maxBytes: number, controller: AbortController, timeoutMs: number): Promise<Uint8Array> {
  try {
    return await readCappedBody(response, maxBytes)
  } catch (error) {
    if (error instanceof BodyOverCapError)
      throw new RemotePayloadError('size-cap', `${redactUrl(url)}: the body is larger than ${maxBytes} bytes (--max-download-bytes); reading stopped at the cap`)
    if (controller.signal.aborted) throw new RemotePayloadError('timeout', `${redactUrl(url)}: the body was not complete within ${timeoutMs / 1000} s (--download-timeout)`)
    throw new RemotePayloadError('network', `${redactUrl(url)}: reading the body failed`)
  }
}
