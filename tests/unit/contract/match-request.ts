import { headerValue, matchBodyOfType } from '../../../src/contract/match-body-of-type.ts'
import { matchHeaders, ruleFor } from '../../../src/contract/match-http.ts'
import { applyRuleSet, show } from '../../../src/contract/matchers.ts'
import type { ExpectedRequest, Mismatch } from '../../../src/contract/types.ts'

/**
 * Request matching, as a mock provider does it: the product verifies providers and never matches
 * requests, but Pact's request compliance cases exercise the same matchers (query, headers, bodies
 * without unexpected keys), so the test keeps this thin frame around them.
 */
export interface ActualRequest {
  method: string
  path: string
  query: Array<[string, string[]]>
  headers: Record<string, string>
  body: unknown
}

function matchQuery(expected: ExpectedRequest, actual: ActualRequest): Mismatch[] {
  const mismatches: Mismatch[] = []
  const actualMap = new Map(actual.query)
  for (const [name, values] of expected.query) {
    const path = `$.query.${name}`
    const got = actualMap.get(name)
    if (!got) {
      mismatches.push({ kind: 'query', path, expected: values, actual: undefined, message: `${path}: expected ${show(values)} but the parameter is missing` })
      continue
    }
    const rule = ruleFor(expected.matchingRules.query, name, false)
    if (rule) {
      for (const [i, value] of got.entries()) mismatches.push(...applyRuleSet(rule, values[i] ?? values[0], value, `${path}[${i}]`, 'strings'))
      continue
    }
    if (values.length !== got.length || values.some((v, i) => v !== got[i]))
      mismatches.push({ kind: 'query', path, expected: values, actual: got, message: `${path}: expected ${show(values)} but got ${show(got)}` })
  }
  const expectedNames = new Set(expected.query.map(([n]) => n))
  for (const [name, values] of actual.query)
    if (!expectedNames.has(name))
      mismatches.push({ kind: 'query', path: `$.query.${name}`, expected: undefined, actual: values, message: `$.query.${name}: unexpected parameter with ${show(values)}` })
  return mismatches
}

/** A request against the contract's (what a mock provider does); used for Pact's request compliance cases. */
export function matchRequest(expected: ExpectedRequest, actual: ActualRequest): Mismatch[] {
  const mismatches: Mismatch[] = []
  if (expected.method.toUpperCase() !== actual.method.toUpperCase())
    mismatches.push({ kind: 'method', path: 'method', expected: expected.method, actual: actual.method, message: `method: expected ${expected.method} but got ${actual.method}` })
  const pathRule = expected.matchingRules.path
  if (pathRule) mismatches.push(...applyRuleSet(pathRule, expected.path, actual.path, 'path', 'strings'))
  else if (expected.path !== actual.path)
    mismatches.push({ kind: 'path', path: 'path', expected: expected.path, actual: actual.path, message: `path: expected ${show(expected.path)} but got ${show(actual.path)}` })
  mismatches.push(...matchQuery(expected, actual))
  mismatches.push(...matchHeaders(expected.headers, actual.headers, expected.matchingRules.header))
  mismatches.push(
    ...matchBodyOfType(expected.body, actual.body, expected.matchingRules.body, {
      allowUnexpectedKeys: false,
      expectedContentType: headerValue(expected.headers, 'content-type'),
      actualContentType: headerValue(actual.headers, 'content-type'),
    }),
  )
  return mismatches
}
