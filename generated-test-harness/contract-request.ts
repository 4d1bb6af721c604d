import type { ActualResponse } from '../src/contract/match-http.ts'
import { nestsDeeperThan } from '../src/contract/json-depth.ts'
import { NO_BODY, type ExpectedRequest } from '../src/contract/types.ts'
import { requestUrl } from './contract-url.ts'
import { readCappedBytes } from './contract-response-body.ts'

/** The provider could not be asked: refused, unreachable or too slow. The message says which and what to do. */
export class ProviderUnavailableError extends Error {
  override name = 'ProviderUnavailable'
}

/** The provider answered JSON nested deeper than `contract.maxJsonDepth`: matching it would overflow the stack. */
export class ResponseTooDeepError extends Error {
  override name = 'ResponseTooDeep'
}

export interface RequestLimits {
  timeoutMs: number
  /** Bytes of response body read at most (`contract.provider.maxBodyBytes`). */
  maxBodyBytes: number
  /** Nesting of a JSON response body (`contract.maxJsonDepth`). */
  maxJsonDepth: number
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

const isTimeout = (error: unknown): boolean => ['TimeoutError', 'AbortError'].includes((error as Error)?.name)

/**
 * Sends the contract's request to `url` (built by `requestUrl`, which keeps it on the provider) and reads
 * the answer (JSON when it parses as JSON, else text), the body capped at `maxBodyBytes`.
 */
export async function sendRequest(baseUrl: string, request: ExpectedRequest, limits: RequestLimits, url: URL = requestUrl(baseUrl, request)): Promise<ActualResponse> {
  const { timeoutMs } = limits
  const { body, contentType } = requestBody(request)
  const headers = new Headers(request.headers)
  if (contentType && !headers.has('content-type')) headers.set('content-type', contentType)
  const tooSlow = () => new ProviderUnavailableError(`the provider did not answer ${request.method} ${url.href} within ${timeoutMs} ms (contract.provider.timeout)`)
  let response: Response
  try {
    response = await fetch(url, { method: request.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    if (isTimeout(error)) throw tooSlow()
    const cause = networkCause(error)
    const hint = cause === 'ECONNREFUSED' ? 'refused the connection: is it running? Check contract.provider.baseUrl or SPEC_CI_PROVIDER_URL' : `could not be reached (${cause})`
    throw new ProviderUnavailableError(`the provider at ${baseUrl} ${hint}; request was ${request.method} ${url.href}`, { cause: error })
  }
  let bytes: Uint8Array
  try {
    bytes = await readCappedBytes(response, limits.maxBodyBytes, `${request.method} ${url.href}`)
  } catch (error) {
    if (isTimeout(error)) throw tooSlow()
    throw error
  }
  const responseHeaders: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value
  })
  const text = new TextDecoder().decode(bytes)
  const parsed = text === '' ? NO_BODY : readBody(text, response.headers.get('content-type'))
  if (nestsDeeperThan(parsed, limits.maxJsonDepth))
    throw new ResponseTooDeepError(
      `the provider answered ${request.method} ${url.href} with JSON nested deeper than ${limits.maxJsonDepth} levels (contract.maxJsonDepth); raise the option if the provider really answers that`,
    )
  return { status: response.status, headers: responseHeaders, body: parsed, bytes }
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
