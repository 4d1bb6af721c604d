import { headerProblem, unfoldHeaderValue } from './http-header-syntax.ts'
import { InteractionShapeError } from './interaction-shape-error.ts'
import { DEFAULT_MAX_JSON_DEPTH } from '../json/json-scanner.ts'
import { nestsDeeperThan } from './json-depth.ts'
import { emptyRules, normalizeMatchingRules } from './matching-rules.ts'
import { readGenerators } from './read-generators.ts'
import { NO_BODY, type ExpectedRequest, type ExpectedResponse } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

export { InteractionShapeError }

/** Limits on what a contract may hold. */
export interface ReadLimits {
  /** Nesting of objects and arrays in a body the contract encodes as text (v4 `content`). */
  maxJsonDepth: number
}

const DEFAULT_LIMITS: ReadLimits = { maxJsonDepth: DEFAULT_MAX_JSON_DEPTH }

/** `a=1&a=2&b` → [['a', ['1', '2']], ['b', ['']]], names in first-seen order. */
export function parseQueryString(query: string): Array<[string, string[]]> {
  const out = new Map<string, string[]>()
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '))
    const name = decode(eq < 0 ? part : part.slice(0, eq))
    const value = eq < 0 ? '' : decode(part.slice(eq + 1))
    const list = out.get(name)
    if (list) list.push(value)
    else out.set(name, [value])
  }
  return [...out]
}

function readQuery(raw: unknown, owner: unknown): Array<[string, string[]]> {
  if (raw === undefined || raw === null) return []
  if (typeof raw === 'string') return parseQueryString(raw)
  if (!isJsonObject(raw)) throw new InteractionShapeError(`request.query must be a query string or an object of parameters, got ${JSON.stringify(raw)}`, owner)
  return Object.entries(raw).map(([name, value]) => [name, (Array.isArray(value) ? value : [value]).map((v) => String(v))])
}

function readHeaders(raw: unknown, where: string, owner: unknown): Array<[string, string]> {
  if (raw === undefined || raw === null) return []
  if (!isJsonObject(raw)) throw new InteractionShapeError(`${where}.headers must be an object, got ${JSON.stringify(raw)}`, owner)
  return Object.entries(raw).map(([name, value]): [string, string] => {
    const text = unfoldHeaderValue(Array.isArray(value) ? value.map(String).join(', ') : String(value))
    const problem = headerProblem(name, text)
    if (problem) throw new InteractionShapeError(`${where}.headers: ${problem}`, raw, name)
    return [name, text]
  })
}

/** A body as the contract states it: v4 wraps it as `{ content, contentType, encoded }`. */
function readBody(holder: Record<string, unknown>, version: number, key = 'body', limits: ReadLimits = DEFAULT_LIMITS): unknown {
  if (!Object.hasOwn(holder, key)) return NO_BODY
  const body = holder[key]
  if (version >= 4 && isJsonObject(body) && Object.hasOwn(body, 'content') && ('contentType' in body || 'encoded' in body)) {
    let content = body.content
    if (typeof content === 'string' && body.encoded && body.encoded !== false) content = Buffer.from(content, 'base64').toString('utf8')
    if (typeof content === 'string' && /json/i.test(String(body.contentType ?? '')))
      try {
        content = JSON.parse(content)
      } catch {
        // a JSON content type over text that is not JSON: compared as text
      }
    if (nestsDeeperThan(content, limits.maxJsonDepth))
      throw new InteractionShapeError(`${key}.content nests objects and arrays deeper than ${limits.maxJsonDepth} levels; raise contract.maxJsonDepth if the contract really needs it`, body)
    return content
  }
  return body
}

/** `generators` when the contract states any (absent otherwise, so parsed contracts stay as they were). */
function withGenerators(raw: unknown): { generators?: ReturnType<typeof readGenerators> } {
  const generators = readGenerators(raw)
  return generators ? { generators } : {}
}

export function readExpectedRequest(raw: unknown, version: number, owner: unknown = raw, limits: ReadLimits = DEFAULT_LIMITS): ExpectedRequest {
  if (!isJsonObject(raw)) throw new InteractionShapeError('the interaction has no "request" object', owner)
  const method = raw.method ?? 'GET'
  if (typeof method !== 'string' || method === '') throw new InteractionShapeError(`request.method must be a string such as "GET", got ${JSON.stringify(method)}`, raw)
  const path = raw.path ?? '/'
  if (typeof path !== 'string') throw new InteractionShapeError(`request.path must be a string such as "/kv/alpha", got ${JSON.stringify(path)}`, raw)
  return {
    method: method.toUpperCase(),
    path,
    query: readQuery(raw.query, raw),
    headers: readHeaders(raw.headers, 'request', raw),
    body: readBody(raw, version, 'body', limits),
    matchingRules: raw.matchingRules ? normalizeMatchingRules(raw.matchingRules, version >= 3 ? 3 : 2) : emptyRules(),
    ...withGenerators(raw.generators),
  }
}

export function readExpectedResponse(raw: unknown, version: number, options: { statusRequired: boolean }, owner: unknown = raw, limits: ReadLimits = DEFAULT_LIMITS): ExpectedResponse {
  if (!isJsonObject(raw)) throw new InteractionShapeError('the interaction has no "response" object', owner)
  const status = raw.status ?? (options.statusRequired ? undefined : 200)
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)
    throw new InteractionShapeError(`response.status must be an HTTP status code (100-599), got ${JSON.stringify(status) ?? 'nothing'}`, raw)
  return {
    status: status as number,
    headers: readHeaders(raw.headers, 'response', raw),
    body: readBody(raw, version, 'body', limits),
    matchingRules: raw.matchingRules ? normalizeMatchingRules(raw.matchingRules, version >= 3 ? 3 : 2) : emptyRules(),
    ...withGenerators(raw.generators),
  }
}
