import { SpecCiConfigError } from '../../src/errors.ts'
import { reportBaseName } from '../../src/conformance/origin-reports.ts'
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, DEFAULT_MAX_DOWNLOAD_BYTES, safePayloadName } from '../../src/remote/fetch-payload.ts'
import { checkAllowHost, checkUrl, redactUrl, RemotePayloadError, scrub, secretsOf } from '../../src/remote/outbound-policy.ts'
import { subject } from '../options/known-keys.ts'
import { positiveWholeNumber, timeoutMs } from '../options/option-values.ts'
import type { ResolvedTraceGroup } from './resolve-conformance-options.ts'

/** One `conformance.remote` entry, resolved: its trace settings and its outbound policy. */
export interface ResolvedRemoteTrace extends Omit<ResolvedTraceGroup, 'include'> {
  /** `conformance.remote[i]`: the entry, as messages name it. */
  entry: string
  /** The URL as given. It may hold secrets: never print or write it, print {@link shown}. */
  url: string
  /** The URL with userinfo and every query value replaced by REDACTED (and no fragment). */
  shown: string
  allowHosts: string[]
  allowLoopbackHttp: boolean
  maxDownloadBytes: number
  /** The whole download's time limit, in ms. */
  downloadTimeout: number
  /** File name of the download in `<report dir>/trace/remote/`. */
  name: string
}

export const REMOTE_POLICY_KEYS = ['url', 'allowHosts', 'allowLoopbackHttp', 'maxDownloadBytes', 'downloadTimeout', 'name'] as const

/** A download's name, when given: one file name segment of `[A-Za-z0-9._-]` (what the CLI's names are reduced to). */
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,119}$/

/**
 * The policy's messages speak the CLI's flags; in the config the same knobs are options of the entry.
 * Used for refusals at config time and at fetch time alike.
 */
export function inConfigWords(message: string, entry: string): string {
  return message
    .replaceAll('add it with --allow-host ', `add it to ${entry}.allowHosts: `)
    .replaceAll('--allow-host', `${entry}.allowHosts`)
    .replaceAll('--allow-loopback-http', `${entry}.allowLoopbackHttp: true`)
    .replaceAll('--max-download-bytes', `${entry}.maxDownloadBytes`)
    .replaceAll('--download-timeout', `${entry}.downloadTimeout`)
}

/** What the entry settings of a trace group are, given by the conformance resolver (known keys checked there). */
export type EntrySettings = (entry: object, path: string, policyKeys: readonly string[]) => { given: Record<string, unknown>; settings: Omit<ResolvedTraceGroup, 'include'> }

/** The URL of an entry, checked against its policy as far as no network is needed: scheme, userinfo, host. */
function remoteUrl(value: unknown, path: string): URL {
  if (typeof value !== 'string' || value === '')
    throw new SpecCiConfigError(`${subject(`${path}.url`)} is ${value === undefined ? 'missing' : `a ${value === null ? 'null' : typeof value}`}; expected the https URL of a trace, e.g. "https://traces.example.com/runs/42.ndjson"`)
  try {
    return new URL(value)
  } catch {
    throw new SpecCiConfigError(`${subject(`${path}.url`)} is not an absolute URL (e.g. "https://traces.example.com/runs/42.ndjson"); it is not quoted here, since it may hold a credential`)
  }
}

function allowHostsAt(value: unknown, path: string, url: URL): string[] {
  // By default the URL's own host (and port, when it has one): redirects may not leave it.
  if (value === undefined) return [url.host]
  if (!Array.isArray(value) || value.length === 0)
    throw new SpecCiConfigError(`${subject(`${path}.allowHosts`)} must list at least one exact host (or host:port), e.g. ["${url.hostname}"]; leave it out to allow only the URL's own host`)
  value.forEach((host, i) => {
    const bad = typeof host === 'string' ? checkAllowHost(host) : `expected a host name string, not ${typeof host}`
    if (bad) throw new SpecCiConfigError(`${subject(`${path}.allowHosts[${i}]`)}: ${bad}`)
  })
  return [...(value as string[])]
}

/**
 * `conformance.remote`: each entry's URL and policy checked now (scheme, userinfo, host on the
 * allowlist: what needs no network), its trace settings inherited like a trace group's, its download
 * name unique among the entries (and so its metadata file, `<base>-payload.json`).
 */
export function resolveRemoteTraces(value: unknown, settingsOf: EntrySettings): ResolvedRemoteTrace[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.length === 0)
    throw new SpecCiConfigError('specCi: conformance.remote must list at least one entry, e.g. [{ url: "https://traces.example.com/runs/42.ndjson" }]')
  const taken = new Map<string, string>()
  return value.map((item: unknown, i) => {
    const path = `conformance.remote[${i}]`
    // Not quoted: a bare URL string here may hold a credential.
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new SpecCiConfigError(`${subject(path)} is ${item === null ? 'null' : Array.isArray(item) ? 'a list' : `a ${typeof item}`}; expected { url, allowHosts?, allowLoopbackHttp?, maxDownloadBytes?, downloadTimeout?, name?, spec?, specOptions?, rules?, timeout?, partitionBy?, concurrency? } (the value is not quoted, since a URL may hold a credential)`)
    const { given, settings } = settingsOf(item, path, REMOTE_POLICY_KEYS)
    const url = remoteUrl(given.url, path)
    const shown = redactUrl(url)
    const allowHosts = allowHostsAt(given.allowHosts, path, url)
    const allowLoopbackHttp = given.allowLoopbackHttp ?? false
    if (typeof allowLoopbackHttp !== 'boolean') throw new SpecCiConfigError(`${subject(`${path}.allowLoopbackHttp`)} is ${JSON.stringify(allowLoopbackHttp)}; expected true or false (default false)`)
    try {
      checkUrl(url, { allowHosts, allowLoopbackHttp })
    } catch (error) {
      if (!(error instanceof RemotePayloadError)) throw error
      throw new SpecCiConfigError(`${subject(`${path}.url`)}: ${scrub(inConfigWords(error.message, path), secretsOf(url))}`)
    }
    if (given.name !== undefined && (typeof given.name !== 'string' || !NAME.test(given.name)))
      throw new SpecCiConfigError(`${subject(`${path}.name`)} is ${JSON.stringify(given.name)}; expected a file name of letters, digits, ".", "_" and "-" (not starting with "."), e.g. "run-42.ndjson"`)
    const name = (given.name as string | undefined) ?? safePayloadName(url)
    for (const key of [`file ${name.toLowerCase()}`, `metadata ${reportBaseName(name).toLowerCase()}`]) {
      const other = taken.get(key)
      if (other !== undefined)
        throw new SpecCiConfigError(
          `${subject(path)} downloads to ${JSON.stringify(name)}, which ${key.startsWith('file') ? 'is also the file' : 'has the same metadata file (<base>-payload.json)'} of ${other}; give each entry a name of its own (name: "…")`,
        )
      taken.set(key, path)
    }
    return {
      ...settings,
      entry: path,
      url: url.href,
      shown,
      allowHosts,
      allowLoopbackHttp,
      maxDownloadBytes: positiveWholeNumber(given.maxDownloadBytes, `${path}.maxDownloadBytes`, DEFAULT_MAX_DOWNLOAD_BYTES, 'bytes'),
      downloadTimeout: timeoutMs(given.downloadTimeout, `${path}.downloadTimeout`, DEFAULT_DOWNLOAD_TIMEOUT_MS),
      name,
    }
  })
}
