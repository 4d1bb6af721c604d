import type { ActualResponse } from '../src/contract/match-http.ts'
import { NO_BODY, type ExpectedRequest } from '../src/contract/types.ts'

/** The provider could not be asked: refused, unreachable or too slow. The message says which and what to do. */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailable'
}

export function requestUrl(baseUrl: string, request: ExpectedRequest): string {
  const query = request.query.flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`)).join('&')
  return `${baseUrl}${request.path}${query ? `?${query}` : ''}`
}

function requestBody(request: ExpectedRequest): { body: string | undefined; contentType: string | undefined } {
  if (request.body === NO_BODY) return { body: undefined, contentType: undefined }
  if (typeof request.body === 'string') return { body: request.body, contentType: 'text/plain' }
  return { body: JSON.stringify(request.body), contentType: 'application/json' }
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error as Error).message
}

/** Sends the contract's request and reads the answer (JSON when it parses as JSON, else text). */
export async function sendRequest(baseUrl: string, request: ExpectedRequest, timeoutMs: number): Promise<ActualResponse> {
  const url = requestUrl(baseUrl, request)
  const { body, contentType } = requestBody(request)
  const headers = new Headers(request.headers)
  if (contentType && !headers.has('content-type')) headers.set('content-type', contentType)
  let response: Response
  try {
    response = await fetch(url, { method: request.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const name = (error as Error).name
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new ProviderUnavailableError(`the provider did not answer ${request.method} ${url} within ${timeoutMs} ms (contract.provider.timeout)`)
    const cause = networkCause(error)
    const hint = cause === 'ECONNREFUSED' ? 'refused the connection: is it running? Check contract.provider.baseUrl or SPEC_CI_PROVIDER_URL' : `could not be reached (${cause})`
    throw new ProviderUnavailableError(`the provider at ${baseUrl} ${hint}; request was ${request.method} ${url}`, { cause: error })
  }
  const text = await response.text()
  const responseHeaders: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value
  })
  return { status: response.status, headers: responseHeaders, body: text === '' ? NO_BODY : readBody(text, response.headers.get('content-type')) }
}

function readBody(text: string, contentType: string | null): unknown {
  const looksJson = contentType === null || /json/i.test(contentType)
  if (!looksJson) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
