import { matchBodyContentType } from './body-content-type.ts'
import { headerValue, matchBodyOfType } from './match-body-of-type.ts'
import { applyRuleSet, show } from './matchers.ts'
import { matchStatusWithRules } from './status-rules.ts'
import { NO_BODY, type ExpectedResponse, type Mismatch, type RuleSet } from './types.ts'

/** What the provider answered; header names in any case, a header's values joined with `, `. */
export interface ActualResponse {
  status: number
  headers: Record<string, string>
  /** Parsed JSON, text, or `NO_BODY`. */
  body: unknown
  /** The body's bytes as received, for a `contentType` rule at `$` (binary bodies). */
  bytes?: Uint8Array
}

function lookupHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value
  return undefined
}

export function ruleFor(rules: ReadonlyArray<[string, RuleSet]>, name: string, caseInsensitive: boolean): RuleSet | undefined {
  return rules.find(([key]) => (caseInsensitive ? key.toLowerCase() === name.toLowerCase() : key === name))?.[1]
}

/**
 * `application/json;charset=UTF-8` and `application/json; charset=utf-8` are the same media type, and
 * parameters the contract does not state are allowed. Values without a `/` compare as plain text.
 */
function mediaTypesMatch(expected: string, actual: string): boolean {
  if (!expected.includes('/')) return valueListsEqual(expected, actual)
  const parse = (value: string) =>
    value.split(',').map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim())
      const map = new Map(params.filter(Boolean).map((p) => {
        const eq = p.indexOf('=')
        const key = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase()
        let val = eq < 0 ? '' : p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1')
        if (key === 'charset') val = val.toLowerCase()
        return [key, val] as const
      }))
      return { type: type.toLowerCase(), params: map }
    })
  const e = parse(expected)
  const a = parse(actual)
  return e.length === a.length && e.every((m, i) => {
    const other = a[i]!
    return m.type === other.type && [...m.params].every(([k, v]) => other.params.get(k) === v)
  })
}

/** Comma-separated values in the same order; spaces around the commas do not matter. */
function valueListsEqual(expected: string, actual: string): boolean {
  const list = (v: string) => v.split(',').map((s) => s.trim()).join(',')
  return list(expected) === list(actual)
}

const MEDIA_TYPE_HEADERS = new Set(['content-type', 'accept'])

/** Expected headers as a case-insensitive subset of the actual ones; comma-separated values in order. */
export function matchHeaders(expected: ReadonlyArray<[string, string]>, actual: Record<string, string>, rules: ReadonlyArray<[string, RuleSet]>): Mismatch[] {
  const mismatches: Mismatch[] = []
  for (const [name, value] of expected) {
    const path = `$.headers.${name.toLowerCase()}`
    const got = lookupHeader(actual, name)
    if (got === undefined) {
      mismatches.push({ kind: 'header', path, expected: value, actual: undefined, message: `${path}: expected ${show(value)} but the header is missing` })
      continue
    }
    const rule = ruleFor(rules, name, true)
    if (rule) {
      mismatches.push(...applyRuleSet(rule, value, got, path, 'strings').map((m) => ({ ...m, kind: m.kind === 'type' ? ('header' as const) : m.kind })))
      continue
    }
    const equal = MEDIA_TYPE_HEADERS.has(name.toLowerCase())
      ? mediaTypesMatch(value, got)
      : valueListsEqual(value, got)
    if (!equal) mismatches.push({ kind: 'header', path, expected: value, actual: got, message: `${path}: expected ${show(value)} but got ${show(got)}` })
  }
  return mismatches
}

export function matchStatus(expected: number, actual: number): Mismatch[] {
  return expected === actual ? [] : [{ kind: 'status', path: 'status', expected, actual, message: `status: expected ${expected} but got ${actual}` }]
}

/** A provider's response against the contract's: status, headers (subset), body. */
export function matchResponse(expected: ExpectedResponse, actual: ActualResponse): Mismatch[] {
  return [
    ...(matchStatusWithRules(expected.status, actual.status, expected.matchingRules.status) ?? matchStatus(expected.status, actual.status)),
    ...matchHeaders(expected.headers, actual.headers, expected.matchingRules.header),
    ...matchResponseBody(expected, actual),
  ]
}

/**
 * The body: an expected body the response does not have is missing whatever the rules say (so a
 * `contentType` rule, which an empty body would meet as text/plain, does not pass it: the official
 * verifier says "Expected body Present(…) but was empty"); then a `contentType` rule at `$`, else the
 * body by its kind (XML, JSON or text).
 */
function matchResponseBody(expected: ExpectedResponse, actual: ActualResponse): Mismatch[] {
  const options = {
    allowUnexpectedKeys: true,
    expectedContentType: headerValue(expected.headers, 'content-type'),
    actualContentType: headerValue(actual.headers, 'content-type'),
  }
  const expectsBody = expected.body !== NO_BODY && expected.body !== '' && expected.body !== null
  if (expectsBody && (actual.body === NO_BODY || actual.body === '')) return matchBodyOfType(expected.body, NO_BODY, expected.matchingRules.body, options)
  return matchBodyContentType(expected.matchingRules.body, expected.body, actual.body, actual.bytes) ?? matchBodyOfType(expected.body, actual.body, expected.matchingRules.body, options)
}
