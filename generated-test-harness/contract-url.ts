import type { ExpectedRequest } from '../src/contract/types.ts'

/**
 * A request that would not reach the provider: its path does not start with `/` (so, appended to the
 * base URL as text, `:43535/x` or `.evil.example/x` would name another port or host), or it climbs out
 * of the base URL's path with `..`. Nothing is sent.
 */
export class RequestLeavesProviderError extends Error {
  override name = 'RequestLeavesProvider'
}

/**
 * The URL of a contract request, built with the URL API: the provider's origin and path prefix
 * (`https://staging.example/api`), the contract path appended as a path (characters such as `?`, `#` and
 * spaces percent-encoded, `..` resolved), then the query encoded. The result must keep the provider's
 * origin and stay under its path prefix; otherwise `RequestLeavesProviderError`, before anything is sent.
 */
export function requestUrl(baseUrl: string, request: Pick<ExpectedRequest, 'path' | 'query'>): URL {
  const base = new URL(baseUrl)
  const prefix = base.pathname.replace(/\/+$/, '')
  const path = request.path === '' ? '/' : request.path
  const refuse = (why: string): never => {
    throw new RequestLeavesProviderError(`request.path ${JSON.stringify(request.path)} ${why}, so it was not sent to the provider at ${baseUrl}`)
  }
  if (!path.startsWith('/')) refuse('does not start with "/" (appended to the provider URL it could name another host or port); write it as "/…"')
  const url = new URL(base.href)
  url.pathname = prefix + path
  const query = request.query.flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`))
  url.search = [base.search.replace(/^\?/, ''), ...query].filter(Boolean).join('&')
  url.hash = ''
  if (url.origin !== base.origin) refuse(`leads to ${url.origin}, not the provider's origin ${base.origin}`)
  if (prefix !== '' && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) refuse(`climbs out of the provider's base path ${prefix} (to ${url.pathname})`)
  return url
}
