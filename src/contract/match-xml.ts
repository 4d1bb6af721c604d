import { DOMParser, type Element, type Node } from '@xmldom/xmldom'
import { applyRuleSet, show } from './matchers.ts'
import { parsePactPath, type PathToken } from './pact-path.ts'
import type { Mismatch, RuleSet } from './types.ts'

/**
 * XML bodies matched as Pact does: the root element and then, per element, its name (namespace URI and
 * local name; the prefix does not matter), its attributes (`@name`), its child elements grouped by
 * name, in order, and its text (`#text`, the element's own text nodes joined and trimmed). Rule paths
 * name elements, then `['@attr']` or `['#text']`: `$.root.child['@id']`, `$.people.*['@dob']`,
 * `$.animals.alligator[*]['@phone']`; the index of a child among its same-named siblings may be named
 * (`[0]`, `[*]`) or left out. A type rule (with `min`/`max`) on a child's path makes its siblings of
 * that name a list: each is matched against the first expected one, and the count is the rule's.
 */

/** A value's place in an XML body: `$`, element names, sibling indexes (numbers), `@attr` or `#text`. */
type XmlPath = ReadonlyArray<string | number>

export interface XmlMatchOptions {
  /** Attributes and child elements the contract does not mention are allowed (responses, messages). */
  allowUnexpectedKeys: boolean
  /** Prefix of reported paths. @default '$.body' */
  label?: string
}

const XML_TYPE = /[/+]xml\b/i

/**
 * A body is XML when its content type says so, or (no content type) when its text starts as XML does
 * and parses as XML: markup that is not XML (`<b>hi`) stays text, compared as text.
 */
export function isXmlBody(contentType: string | undefined, body: unknown): boolean {
  if (typeof body !== 'string') return false
  if (contentType) return XML_TYPE.test(contentType.split(';')[0]!)
  if (!/^\s*<(\?xml|[A-Za-z_])/.test(body)) return false
  try {
    parseXml(body)
    return true
  } catch {
    return false
  }
}

class XmlParseError extends Error {}

function parseXml(text: string): Element {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new XmlParseError(message)
    },
  }).parseFromString(text, 'text/xml')
  const root = doc.documentElement
  if (!root) throw new XmlParseError('no root element')
  return root
}

const isElement = (n: Node): n is Element => n.nodeType === 1
const nameOf = (e: Element): string => e.localName ?? e.nodeName
const sameName = (a: Element, b: Element): boolean => nameOf(a) === nameOf(b) && (a.namespaceURI ?? null) === (b.namespaceURI ?? null)

function attributesOf(e: Element): Map<string, string> {
  const out = new Map<string, string>()
  for (let i = 0; i < e.attributes.length; i++) {
    const a = e.attributes.item(i)!
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue
    out.set(a.localName ?? a.name, a.value)
  }
  return out
}

function childGroups(e: Element): Map<string, Element[]> {
  const groups = new Map<string, Element[]>()
  for (let n = e.firstChild; n; n = n.nextSibling) {
    if (!isElement(n)) continue
    const list = groups.get(nameOf(n))
    if (list) list.push(n)
    else groups.set(nameOf(n), [n])
  }
  return groups
}

function textOf(e: Element): string {
  let text = ''
  for (let n = e.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? ''
  return text.trim()
}

/**
 * The weight of a rule for a value (0: it does not apply): tokens match segments one by one (names and
 * indexes weigh 2, wildcards 1), a sibling index in the value's path may be left out by the rule, and a
 * rule shorter than the path applies below it (cascade), as for JSON. `element`: the rule names this
 * element (its sibling index aside), `strict`: this very path.
 */
function xmlPathWeight(tokens: readonly PathToken[], path: XmlPath, exact: 'cascade' | 'element' | 'strict' = 'cascade'): number {
  const memo = new Map<string, number>()
  const go = (t: number, s: number): number => {
    if (t === tokens.length) return exact === 'cascade' || s === path.length || (exact === 'element' && path.slice(s).every((x) => typeof x === 'number')) ? 1 : 0
    if (s === path.length) return tokens.slice(t).every((k) => k.kind === 'star-index') ? 1 : 0
    const key = `${t}:${s}`
    const known = memo.get(key)
    if (known !== undefined) return known
    const token = tokens[t]!
    const segment = path[s]!
    let best = 0
    let w = 0
    if (token.kind === 'root') w = s === 0 ? 2 : 0
    else if (s === 0) w = 0
    else if (token.kind === 'field') w = String(segment) === token.name ? 2 : 0
    else if (token.kind === 'index') w = segment === token.index ? 2 : 0
    else if (token.kind === 'star') w = typeof segment === 'string' ? 1 : 0
    else if (token.kind === 'star-index') w = typeof segment === 'number' ? 1 : 0
    if (w > 0) best = w * go(t + 1, s + 1)
    // A sibling index the rule does not name; a `[*]` the value's path has no index for.
    if (typeof segment === 'number') best = Math.max(best, go(t, s + 1))
    if (token.kind === 'star-index') best = Math.max(best, go(t + 1, s))
    memo.set(key, best)
    return best
  }
  return go(0, 0)
}

export function matchXmlBody(expected: string, actual: unknown, bodyRules: ReadonlyArray<[string, RuleSet]>, options: XmlMatchOptions): Mismatch[] {
  const label = options.label ?? '$.body'
  const rules = bodyRules.flatMap(([p, set]) => {
    const tokens = parsePactPath(p)
    return tokens ? [{ tokens, set }] : []
  })
  const mismatches: Mismatch[] = []
  const where = (path: XmlPath): string =>
    label +
    path
      .slice(1)
      .map((s) => (typeof s === 'number' ? `[${s}]` : s.startsWith('@') || s === '#text' ? `['${s}']` : `.${s}`))
      .join('')
  const push = (kind: Mismatch['kind'], path: XmlPath, expectedValue: unknown, actualValue: unknown, message: string) =>
    mismatches.push({ kind, path: where(path), expected: expectedValue, actual: actualValue, message: `${where(path)}: ${message}` })

  const ruleAt = (path: XmlPath): RuleSet | undefined => {
    let best: RuleSet | undefined
    let bestWeight = 0
    let bestLength = 0
    for (const r of rules) {
      const w = xmlPathWeight(r.tokens, path)
      if (w > bestWeight || (w > 0 && w === bestWeight && r.tokens.length > bestLength)) {
        best = r.set
        bestWeight = w
        bestLength = r.tokens.length
      }
    }
    return best
  }
  /** A list rule stated for this very element (not one cascading from above). */
  const listRuleAt = (path: XmlPath): boolean => rules.some((r) => listRule(r.set) && xmlPathWeight(r.tokens, path, 'element') > 0)
  const listRule = (set: RuleSet | undefined): boolean => !!set && set.matchers.some((m) => m.match === 'type' || m.match === 'min' || m.match === 'max')

  function compareValue(path: XmlPath, expectedValue: string, actualValue: string, kind: 'attribute' | 'text'): void {
    const set = ruleAt(path)
    if (set) {
      for (const m of applyRuleSet(set, expectedValue, actualValue, where(path), 'strings')) mismatches.push(m)
      return
    }
    if (expectedValue !== actualValue) push('body', path, expectedValue, actualValue, `expected ${kind} ${show(expectedValue)} but got ${show(actualValue)}`)
  }

  function compareElement(e: Element, a: Element, path: XmlPath): void {
    if (!sameName(e, a) && !listRule(ruleAt(path))) {
      push('body', path, nameOf(e), nameOf(a), `expected element <${nameOf(e)}> but got <${nameOf(a)}>`)
      return
    }
    const eAttrs = attributesOf(e)
    const aAttrs = attributesOf(a)
    for (const [name, value] of eAttrs) {
      const p = [...path, `@${name}`]
      const got = aAttrs.get(name)
      if (got === undefined) push('missing', p, value, undefined, `expected attribute ${name}=${show(value)} but it is missing`)
      else compareValue(p, value, got, 'attribute')
    }
    if (!options.allowUnexpectedKeys)
      for (const [name, value] of aAttrs) if (!eAttrs.has(name)) push('unexpected', [...path, `@${name}`], undefined, value, `unexpected attribute ${name}=${show(value)}`)

    const eGroups = childGroups(e)
    const aGroups = childGroups(a)
    for (const [name, expectedList] of eGroups) {
      const actualList = aGroups.get(name) ?? []
      const childPath = [...path, name]
      const set = ruleAt(childPath)
      if (listRule(set)) {
        // The count is checked by a min/max stated for these children or for their parent element
        // (`$.animals` with min 2: two animals at least), not by one cascading from further above.
        const stated = rules.filter((r) => listRule(r.set) && (xmlPathWeight(r.tokens, childPath, 'element') > 0 || xmlPathWeight(r.tokens, path, 'strict') > 0))
        for (const r of stated)
          for (const m of applyRuleSet({ combine: r.set.combine, matchers: r.set.matchers.filter((x) => x.match === 'min' || x.match === 'max' || x.match === 'type') }, expectedList, actualList, where(childPath), 'json'))
            mismatches.push({ ...m, actual: actualList.length })
        if (actualList.length === 0) push('missing', childPath, `<${name}>`, undefined, `expected child element <${name}> but it is missing`)
        actualList.forEach((child, i) => compareElement(expectedList[Math.min(i, expectedList.length - 1)]!, child, [...childPath, i]))
        continue
      }
      expectedList.forEach((child, i) => {
        if (i < actualList.length) compareElement(child, actualList[i]!, [...childPath, i])
        else push('missing', [...childPath, i], `<${name}>`, undefined, `expected child element <${name}> but it is missing`)
      })
      if (!options.allowUnexpectedKeys && actualList.length > expectedList.length)
        push('unexpected', childPath, expectedList.length, actualList.length, `expected ${expectedList.length} <${name}> element(s) but got ${actualList.length}`)
    }
    // Under a type rule stated for this element, its children are a list like the expected ones: a
    // child of another name fails even where unexpected keys are allowed.
    if (!options.allowUnexpectedKeys || (eGroups.size > 0 && listRuleAt(path)))
      for (const [name, list] of aGroups) if (!eGroups.has(name)) push('unexpected', [...path, name], undefined, `<${name}>`, `unexpected child element <${name}> (${list.length})`)

    const eText = textOf(e)
    const aText = textOf(a)
    if (eText !== '' || aText !== '') compareValue([...path, '#text'], eText, aText, 'text')
  }

  if (typeof actual !== 'string' || actual.trim() === '') {
    if (expected.trim() !== '') push('missing', ['$'], expected, actual, 'expected an XML body but the body is empty')
    return mismatches
  }
  let e: Element
  let a: Element
  try {
    e = parseXml(expected)
  } catch (error) {
    push('body', ['$'], expected, actual, `the contract's XML body cannot be parsed: ${(error as Error).message}`)
    return mismatches
  }
  try {
    a = parseXml(actual)
  } catch (error) {
    push('body', ['$'], expected, actual, `expected an XML body, but it cannot be parsed: ${(error as Error).message}`)
    return mismatches
  }
  compareElement(e, a, ['$', nameOf(e)])
  return mismatches
}
