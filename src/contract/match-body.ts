import { applyRuleSet, jsonEqual, jsonType, show } from './matchers.ts'
import { formatValuePath, parsePactPath, pathWeight, type PathToken, type ValuePath } from './pact-path.ts'
import { compareArrayStructurally, compareObjectStructurally, structuralMatchers, type StructuralContext } from './structural-rules.ts'
import { NO_BODY, type Mismatch, type RuleSet } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

export interface BodyMatchOptions {
  /**
   * Keys the contract does not mention are allowed in objects: true for responses (a consumer ignores
   * what it does not read), false for requests.
   */
  allowUnexpectedKeys: boolean
  /** Prefix of reported paths, e.g. `$.body`. @default '$.body' */
  label?: string
}

/**
 * Matchers that speak of the value at their own path only: a walking matcher (arrayContains, eachKey,
 * eachValue) and contentType do not cascade to the values below, where equality (or another rule) holds.
 */
const OWN_PATH_ONLY = new Set(['arrayContains', 'eachKey', 'eachValue', 'contentType'])

interface CompiledRule {
  tokens: PathToken[]
  rules: RuleSet
}

/** Matches a body against the expected one under Pact's body rules; `NO_BODY` expected means anything goes. */
export function matchBody(expected: unknown, actual: unknown, bodyRules: ReadonlyArray<[string, RuleSet]>, options: BodyMatchOptions): Mismatch[] {
  if (expected === NO_BODY) return []
  const label = options.label ?? '$.body'
  const compiled: CompiledRule[] = bodyRules.flatMap(([path, rules]) => {
    const tokens = parsePactPath(path)
    return tokens ? [{ tokens, rules }] : []
  })
  const mismatches: Mismatch[] = []
  const where = (path: ValuePath): string => label + formatValuePath(path).slice(1)

  function ruleAt(path: ValuePath): RuleSet | undefined {
    const best = bestRule(path)
    if (!best || best.tokens.length === path.length) return best?.rules
    const matchers = best.rules.matchers.filter((m) => !OWN_PATH_ONLY.has(m.match))
    if (matchers.length === 0) return undefined
    return matchers.length === best.rules.matchers.length ? best.rules : { ...best.rules, matchers }
  }

  function bestRule(path: ValuePath): CompiledRule | undefined {
    let best: CompiledRule | undefined
    let bestWeight = 0
    for (const rule of compiled) {
      const weight = pathWeight(rule.tokens, path)
      if (weight > bestWeight || (weight > 0 && weight === bestWeight && rule.tokens.length > best!.tokens.length)) {
        best = rule
        bestWeight = weight
      }
    }
    return best
  }

  /** arrayContains, eachKey, eachValue, values: only at their own path (never cascaded), as Pact applies them. */
  function structuralAt(path: ValuePath) {
    const best = bestRule(path)
    return best && best.tokens.length === path.length ? structuralMatchers(best.rules) : []
  }

  const structural: StructuralContext = {
    compare: (e, a, p) => compare(e, a, p),
    compareUnder: (e, a, rules, p) => matchBody(e, a, rules, { ...options, label: where(p) }),
    record: (m) => mismatches.push(m),
    where,
  }

  /** A `…path.*` rule: keys beyond the expected ones are checked against the first expected value. */
  function hasWildcardFor(path: ValuePath): boolean {
    return compiled.some(
      (r) => r.tokens.length === path.length + 1 && r.tokens.at(-1)!.kind === 'star' && pathWeight(r.tokens.slice(0, -1), path) > 0,
    )
  }

  function typeMismatch(expected: unknown, actual: unknown, path: ValuePath): void {
    mismatches.push({
      kind: 'type',
      path: where(path),
      expected: jsonType(expected),
      actual,
      message: `${where(path)}: expected ${jsonType(expected)} but got ${jsonType(actual)} ${show(actual)}`,
    })
  }

  function compare(expected: unknown, actual: unknown, path: ValuePath): void {
    const rule = ruleAt(path)
    const before = mismatches.length
    if (rule) mismatches.push(...applyRuleSet(rule, expected, actual, where(path), 'json'))
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) {
        if (mismatches.length === before) typeMismatch(expected, actual, path)
        return
      }
      if (rule && compareArrayStructurally(structuralAt(path), expected, actual, path, structural)) return
      if (rule) {
        // Under a rule an array's length is the rule's business; each element is checked like the first.
        if (expected.length > 0) actual.forEach((value, i) => compare(i < expected.length ? expected[i] : expected[0], value, [...path, i]))
        return
      }
      if (expected.length !== actual.length)
        mismatches.push({
          kind: 'length',
          path: where(path),
          expected: expected.length,
          actual: actual.length,
          message: `${where(path)}: expected an array of ${expected.length} element(s) but got ${actual.length}`,
        })
      for (let i = 0; i < Math.min(expected.length, actual.length); i++) compare(expected[i], actual[i], [...path, i])
      for (let i = actual.length; i < expected.length; i++) missing(expected[i], [...path, i])
      return
    }
    if (isJsonObject(expected)) {
      if (!isJsonObject(actual)) {
        if (mismatches.length === before) typeMismatch(expected, actual, path)
        return
      }
      if (rule && compareObjectStructurally(structuralAt(path), expected, actual, path, structural)) return
      for (const key of Object.keys(expected)) {
        if (Object.hasOwn(actual, key)) compare(expected[key], actual[key], [...path, key])
        else missing(expected[key], [...path, key])
      }
      // A response may carry keys the consumer does not read; a request may not, unless a `.*` rule
      // admits them (checked like the first expected value).
      const extra = options.allowUnexpectedKeys ? [] : Object.keys(actual).filter((k) => !Object.hasOwn(expected, k))
      if (extra.length === 0) return
      const example = Object.values(expected)[0]
      const wildcard = hasWildcardFor(path)
      for (const key of extra) {
        if (wildcard && example !== undefined) compare(example, actual[key], [...path, key])
        else
          mismatches.push({
            kind: 'unexpected',
            path: where([...path, key]),
            expected: undefined,
            actual: actual[key],
            message: `${where([...path, key])}: unexpected key with value ${show(actual[key])}`,
          })
      }
      return
    }
    if (!rule && !jsonEqual(expected, actual))
      mismatches.push({
        kind: 'body',
        path: where(path),
        expected,
        actual,
        message: `${where(path)}: expected ${show(expected)} but got ${show(actual)}`,
      })
  }

  function missing(expected: unknown, path: ValuePath): void {
    mismatches.push({
      kind: 'missing',
      path: where(path),
      expected,
      actual: undefined,
      message: `${where(path)}: expected ${show(expected)} but it is missing`,
    })
  }

  if (actual === NO_BODY) {
    const emptyExpected = expected === '' || expected === null
    if (!emptyExpected) mismatches.push({ kind: 'missing', path: label, expected, actual: undefined, message: `${label}: expected ${show(expected)} but the body is empty` })
    return mismatches
  }
  compare(expected, actual, ['$'])
  return mismatches
}
