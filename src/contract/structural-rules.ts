import { applyRuleSet, show } from './matchers.ts'
import { readRuleEntries, readRuleSet } from './matching-rules.ts'
import type { ValuePath } from './pact-path.ts'
import type { Matcher, Mismatch, RuleSet } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

/**
 * Pact v3/v4 matchers that decide how an array or object is walked, as Pact's reference implementation
 * applies them (only at their own path, never cascaded to the values below):
 * - `arrayContains`: each variant (`{ index, rules }`, the example at `index` of the expected array, matched
 *   under its own rules) is matched by at least one element of the actual array, in any order;
 * - `eachValue` (`rules`): every actual element or object value matches the rules (the example being the
 *   expected value of that key or index, else the first);
 * - `eachKey` (`rules`): every actual key matches the rules; keys beyond the expected ones are allowed;
 * - `values` (v3): an object's values are matched ignoring the keys, each against the expected value of its
 *   key, else the first expected value.
 * Under any of them a key the contract does not name is not a mismatch, and (as in Pact's reference
 * implementation) an expected key the actual object lacks is not one either.
 */
export interface StructuralContext {
  /** Compares under the body's own rules (the walk goes on below `path`). */
  compare(expected: unknown, actual: unknown, path: ValuePath): void
  /** Compares under other rules (rooted at `$` = `path`); returns its mismatches without recording them. */
  compareUnder(expected: unknown, actual: unknown, rules: Array<[string, RuleSet]>, path: ValuePath): Mismatch[]
  record(mismatch: Mismatch): void
  where(path: ValuePath): string
}

const NAMES = new Set(['arrayContains', 'eachKey', 'eachValue', 'values'])

/** The structural matchers of a path's rules (empty: the ordinary walk). */
export function structuralMatchers(rules: RuleSet): Matcher[] {
  return rules.matchers.filter((m) => NAMES.has(m.match))
}

function nestedRules(matcher: Matcher): RuleSet {
  if (Array.isArray(matcher.rules)) return readRuleSet({ matchers: matcher.rules }) ?? { matchers: [], combine: 'AND' }
  return readRuleSet(matcher.rules) ?? { matchers: [], combine: 'AND' }
}

function variantsOf(matcher: Matcher, expected: unknown[]): Array<{ index: number; rules: Array<[string, RuleSet]> }> {
  const raw = Array.isArray(matcher.variants) ? matcher.variants : []
  if (raw.length === 0) return expected.map((_, index) => ({ index, rules: [['$', { matchers: [{ match: 'equality' }], combine: 'AND' }]] }))
  return raw.map((v, i) => {
    const variant = isJsonObject(v) ? v : {}
    const index = Number.isInteger(variant.index) ? (variant.index as number) : i
    return { index, rules: readRuleEntries(variant.rules) }
  })
}

/** Handles an array under its structural matchers; false when none applies to arrays. */
export function compareArrayStructurally(matchers: Matcher[], expected: unknown[], actual: unknown[], path: ValuePath, ctx: StructuralContext): boolean {
  const contains = matchers.find((m) => m.match === 'arrayContains')
  const eachValue = matchers.find((m) => m.match === 'eachValue')
  if (!contains && !eachValue) return false
  if (contains) {
    for (const variant of variantsOf(contains, expected)) {
      const example = expected[variant.index]
      if (example === undefined) {
        ctx.record({ kind: 'arrayContains', path: ctx.where(path), expected: variant.index, actual, message: `${ctx.where(path)}: arrayContains variant ${variant.index} has no example (the expected array has ${expected.length} element(s))` })
        continue
      }
      const found = actual.some((value, i) => ctx.compareUnder(example, value, variant.rules, [...path, i]).length === 0)
      if (!found)
        ctx.record({
          kind: 'arrayContains',
          path: ctx.where(path),
          expected: example,
          actual,
          message: `${ctx.where(path)}: no element matches variant ${variant.index} (${show(example)}) of arrayContains; got ${show(actual)}`,
        })
    }
  }
  if (eachValue && expected.length > 0) {
    const rules: Array<[string, RuleSet]> = [['$', nestedRules(eachValue)]]
    actual.forEach((value, i) => {
      for (const m of ctx.compareUnder(i < expected.length ? expected[i] : expected[0], value, rules, [...path, i])) ctx.record(m)
    })
  }
  return true
}

/** Handles an object under its structural matchers; false when none applies. */
export function compareObjectStructurally(matchers: Matcher[], expected: Record<string, unknown>, actual: Record<string, unknown>, path: ValuePath, ctx: StructuralContext): boolean {
  if (matchers.length === 0) return false
  const eachValue = matchers.find((m) => m.match === 'eachValue')
  const values = matchers.find((m) => m.match === 'values')
  for (const eachKey of matchers.filter((m) => m.match === 'eachKey')) {
    const rules = nestedRules(eachKey)
    for (const key of Object.keys(actual)) {
      const where = ctx.where([...path, key])
      for (const m of applyRuleSet(rules, Object.keys(expected)[0] ?? key, key, where, 'strings'))
        ctx.record({ ...m, kind: 'eachKey', message: `${where}: the key ${JSON.stringify(key)} does not match eachKey: ${m.message.slice(where.length + 2)}` })
    }
  }
  const first = Object.values(expected)[0]
  const exampleOf = (key: string): unknown => (Object.hasOwn(expected, key) ? expected[key] : first)
  if (eachValue) {
    if (first === undefined) return true
    const rules: Array<[string, RuleSet]> = [['$', nestedRules(eachValue)]]
    for (const [key, value] of Object.entries(actual)) for (const m of ctx.compareUnder(exampleOf(key), value, rules, [...path, key])) ctx.record(m)
  } else if (values) {
    if (first === undefined) return true
    for (const [key, value] of Object.entries(actual)) ctx.compare(exampleOf(key), value, [...path, key])
  } else {
    for (const key of Object.keys(expected)) if (Object.hasOwn(actual, key)) ctx.compare(expected[key], actual[key], [...path, key])
  }
  return true
}
