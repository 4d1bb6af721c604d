import { InteractionShapeError } from './interaction-shape-error.ts'
import { compilePactRegex } from './pact-regex.ts'
import type { Matcher, MatchingRules, RuleSet } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

export function emptyRules(): MatchingRules {
  return { body: [], header: [], query: [], path: undefined }
}

/** v2 writes `{ regex }` or `{ min }` without naming the kind; v3 always names it. */
function toMatcher(raw: unknown): Matcher | undefined {
  if (!isJsonObject(raw)) return undefined
  if (typeof raw.match === 'string') return checked({ ...raw, match: raw.match }, raw)
  if (typeof raw.regex === 'string') return checked({ ...raw, match: 'regex' }, raw)
  if (raw.min !== undefined || raw.max !== undefined) return { ...raw, match: 'type' }
  return undefined
}

/** A regex rule's pattern is compiled as the contract is read, so one RE2 cannot run fails at the rule's line. */
function checked(matcher: Matcher, raw: Record<string, unknown>): Matcher {
  if (matcher.match === 'regex' && typeof matcher.regex === 'string') {
    const compiled = compilePactRegex(matcher.regex)
    if (typeof compiled === 'string') throw new InteractionShapeError(`matching rule: ${compiled}`, raw, 'regex')
  }
  // Nested rules (eachKey, eachValue, arrayContains variants) are read now too, so their regexes fail here.
  if ((matcher.match === 'eachKey' || matcher.match === 'eachValue') && Array.isArray(matcher.rules)) toRuleSet({ matchers: matcher.rules })
  if (matcher.match === 'arrayContains' && Array.isArray(matcher.variants))
    for (const variant of matcher.variants) if (isJsonObject(variant)) categoryEntries(variant.rules)
  return matcher
}

/** One path's rules as a pact file writes them (`{ matchers, combine }` or one matcher), for nested rules. */
export function readRuleSet(raw: unknown): RuleSet | undefined {
  return toRuleSet(raw)
}

/** Rules keyed by path (`{ "$.id": { matchers } }`), as arrayContains variants nest them. */
export function readRuleEntries(raw: unknown): Array<[string, RuleSet]> {
  return categoryEntries(raw).map(([path, set]) => [path.startsWith('$') ? path : `$.${path}`, set])
}

function toRuleSet(raw: unknown): RuleSet | undefined {
  if (!isJsonObject(raw)) return undefined
  if (Array.isArray(raw.matchers)) {
    const matchers = raw.matchers.map(toMatcher).filter((m): m is Matcher => m !== undefined)
    return { matchers, combine: raw.combine === 'OR' ? 'OR' : 'AND' }
  }
  const single = toMatcher(raw)
  return single ? { matchers: [single], combine: 'AND' } : undefined
}

/** `$.headers.Accept`, `$.headers['Content-Type']`, `$.query.q` → the name after the category. */
function nameAfter(path: string, prefix: string): string {
  const rest = path.slice(prefix.length)
  const bracket = /^\[['"](.*)['"]\]$/.exec(rest)
  if (bracket) return bracket[1]!
  return rest.startsWith('.') ? rest.slice(1) : rest
}

/** Pact v2: one flat map keyed by `$.body…`, `$.headers.…`, `$.query.…`, `$.path`. */
function fromV2(raw: Record<string, unknown>): MatchingRules {
  const rules = emptyRules()
  for (const [key, value] of Object.entries(raw)) {
    const set = toRuleSet(value)
    if (!set) continue
    if (key === '$.body' || key.startsWith('$.body.') || key.startsWith('$.body[')) rules.body.push(['$' + key.slice('$.body'.length), set])
    else if (key.startsWith('$.headers')) rules.header.push([nameAfter(key, '$.headers'), set])
    else if (key.startsWith('$.header')) rules.header.push([nameAfter(key, '$.header'), set])
    else if (key.startsWith('$.query')) rules.query.push([nameAfter(key, '$.query'), set])
    else if (key === '$.path') rules.path = set
  }
  return rules
}

function categoryEntries(raw: unknown): Array<[string, RuleSet]> {
  if (!isJsonObject(raw)) return []
  return Object.entries(raw).flatMap(([key, value]): Array<[string, RuleSet]> => {
    const set = toRuleSet(value)
    return set ? [[key, set]] : []
  })
}

/** Pact v3/v4: categories `body`, `header`(`s`), `query`, `path`; body paths rooted at `$`. */
function fromV3(raw: Record<string, unknown>): MatchingRules {
  const rules = emptyRules()
  rules.body = categoryEntries(raw.body).map(([path, set]) => [path.startsWith('$') ? path : `$.${path}`, set])
  rules.header = [...categoryEntries(raw.header), ...categoryEntries(raw.headers)]
  rules.query = categoryEntries(raw.query)
  if (isJsonObject(raw.path)) rules.path = toRuleSet(raw.path) ?? categoryEntries(raw.path)[0]?.[1]
  if (isJsonObject(raw.status)) {
    const status = toRuleSet(raw.status) ?? categoryEntries(raw.status)[0]?.[1]
    if (status) rules.status = status
  }
  return rules
}

/** The matching rules of a request or response in either layout (detected from the keys when unsure). */
export function normalizeMatchingRules(raw: unknown, version: 2 | 3): MatchingRules {
  if (!isJsonObject(raw)) return emptyRules()
  const looksV2 = Object.keys(raw).some((k) => k.startsWith('$.'))
  return version === 2 || looksV2 ? fromV2(raw) : fromV3(raw)
}
