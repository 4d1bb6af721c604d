/**
 * The outbound policy for remote payloads (SPEC section 10): https only (http only to a loopback host,
 * and only when allowed), an exact host allowlist, no credentials in the URL. Every refusal names its rule.
 * Pure: no I/O.
 */

export type OutboundRule =
  | 'invalid-url'
  | 'https-only'
  | 'host-allowlist'
  | 'no-userinfo'
  | 'redirect-off-host'
  | 'too-many-redirects'
  | 'size-cap'
  | 'timeout'
  | 'http-status'
  | 'network'

export class RemotePayloadError extends Error {
  override readonly name = 'RemotePayloadError'
  constructor(
    readonly rule: OutboundRule,
    message: string,
  ) {
    super(`remote payload refused (rule ${rule}): ${message}`)
  }
}

export interface OutboundPolicy {
  /** Exact host names (or host:port); compared case-insensitively with the URL's host. Required, no wildcards. */
  allowHosts: readonly string[]
  /** Permit plain http, but only to a loopback host (127.0.0.0/8, ::1, localhost). */
  allowLoopbackHttp?: boolean
}

export const REDACTED = 'REDACTED'

/** Whether `hostname` (as URL gives it: IPv6 in brackets) is a loopback host. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase()
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

/** An allowlist entry as given: refused when empty or a pattern, since only exact hosts are matched. */
export function checkAllowHost(entry: string): string | undefined {
  if (entry.trim() === '') return 'expected a host name, e.g. traces.example.com'
  if (/[*?/\s@]/.test(entry)) return `${entry}: only an exact host (or host:port) is allowed; no wildcards, paths or credentials`
  return undefined
}

/**
 * The URL with every secret replaced by REDACTED: the user name and password, and the value of every
 * query parameter (all of them, not only names like `token`, since any may carry a credential). The
 * fragment, never sent, is dropped.
 */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href)
  if (copy.username) copy.username = REDACTED
  if (copy.password) copy.password = REDACTED
  copy.hash = ''
  if (copy.search) {
    const parts = [...url.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=${REDACTED}`)
    copy.search = parts.length ? `?${parts.join('&')}` : ''
  }
  return copy.href
}

/** The secrets of `url` (userinfo, query values), longest first, for scrubbing text that might quote them. */
export function secretsOf(url: URL): string[] {
  const raw = [url.username, url.password, ...url.searchParams.values()]
  const encoded = [url.username, url.password, ...url.search.slice(1).split('&').map((p) => p.slice(p.indexOf('=') + 1))]
  const all = [...raw, ...encoded].filter((s) => s.length > 0)
  return [...new Set(all)].sort((a, b) => b.length - a.length)
}

/**
 * `text` with each of `secrets` replaced by REDACTED: a second line of defence for text not built
 * from {@link redactUrl} (a network error's cause). Secrets shorter than 4 characters are left alone,
 * since replacing them would garble every word that contains them; messages quote URLs only redacted.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED)
  return out
}

/** Parses `text` as a URL; the message never quotes the text, which may hold a credential. */
export function parseRemoteUrl(text: string): URL {
  try {
    return new URL(text)
  } catch {
    throw new RemotePayloadError('invalid-url', '--url is not an absolute URL (e.g. https://traces.example.com/run.ndjson); it is not quoted here, since it may hold a credential')
  }
}

/** Throws a {@link RemotePayloadError} naming the rule `url` breaks, if any. */
export function checkUrl(url: URL, policy: OutboundPolicy, redirectedFrom?: URL): void {
  const shown = redactUrl(url)
  if (url.username || url.password) {
    throw new RemotePayloadError('no-userinfo', `${shown}: credentials in the URL are not allowed (they would end up in logs and reports)`)
  }
  if (url.protocol === 'http:') {
    if (!policy.allowLoopbackHttp) throw new RemotePayloadError('https-only', `${shown}: only https URLs are fetched (plain http only to a loopback host with --allow-loopback-http)`)
    if (!isLoopbackHost(url.hostname)) throw new RemotePayloadError('https-only', `${shown}: plain http is allowed only to a loopback host (127.0.0.0/8, ::1, localhost); use https`)
  } else if (url.protocol !== 'https:') {
    throw new RemotePayloadError('https-only', `${shown}: only https URLs are fetched, not ${url.protocol}`)
  }
  const host = url.host.toLowerCase()
  const hostname = url.hostname.toLowerCase()
  const allowed = policy.allowHosts.some((h) => h.toLowerCase() === host || h.toLowerCase() === hostname)
  if (!allowed) {
    const list = policy.allowHosts.length ? policy.allowHosts.join(', ') : '(none given)'
    if (redirectedFrom) throw new RemotePayloadError('redirect-off-host', `${redactUrl(redirectedFrom)} redirects to ${shown}, whose host ${url.host} is not on the allowlist (${list}); redirects are followed only to allowed hosts`)
    throw new RemotePayloadError('host-allowlist', `${shown}: host ${url.host} is not on the allowlist (${list}); add it with --allow-host ${url.hostname}`)
  }
}
