export { expectationsPathFor } from './expectations-path.ts'
import { isMap, isSeq, isScalar, type Node } from 'yaml'
import { parseYamlSafely, yamlNodeToJs } from '../yaml/safe-yaml.ts'

export interface ExpectedViolation {
  rule: string
  line: number
}

export interface Expectations {
  /** Why these violations are expected (free text from the sidecar). */
  reason: string | undefined
  violations: ExpectedViolation[]
}

/** A sidecar that cannot be used. `line` is the sidecar's own line of the problem. */
export class ExpectationsError extends Error {
  override name = 'ExpectationsError'
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`)
  }
}


/**
 * Parses a sidecar:
 * ```yaml
 * reason: the origin's sample, kept as a known-bad regression
 * violations:
 *   - { rule: duplicate-without-success, line: 4 }
 * ```
 * Unknown rules are errors, so a typo cannot silently expect nothing.
 */
export function parseExpectations(text: string, file: string, knownRules: readonly string[]): Expectations {
  const parsed = parseYamlSafely(text)
  if (!parsed.ok) throw new ExpectationsError(file, parsed.problem.line, parsed.problem.message)
  const { document: doc, lines } = parsed
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lines.linePos(node.range[0]).line : 1)
  const root = doc.contents
  if (!isMap(root)) throw new ExpectationsError(file, lineOf(root), 'expected a mapping with a "violations" list')
  let reason: string | undefined
  let violations: ExpectedViolation[] | undefined
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined
    if (key === 'reason') {
      reason = isScalar(pair.value) ? String(pair.value.value) : undefined
    } else if (key === 'violations') {
      if (!isSeq(pair.value)) throw new ExpectationsError(file, lineOf(pair.value as Node), '"violations" must be a list of { rule, line }')
      violations = pair.value.items.map((item) => {
        const at = lineOf(item as Node)
        if (!isMap(item)) throw new ExpectationsError(file, at, 'each violation must be a mapping { rule, line }')
        const entry = yamlNodeToJs(item, doc) as Record<string, unknown>
        const extra = Object.keys(entry).filter((k) => k !== 'rule' && k !== 'line')
        if (extra.length) throw new ExpectationsError(file, at, `unknown field "${extra[0]}" (a violation has only rule and line)`)
        if (typeof entry.rule !== 'string' || !knownRules.includes(entry.rule))
          throw new ExpectationsError(file, at, `rule ${JSON.stringify(entry.rule)} is not a rule of this spec; known: ${knownRules.join(', ')}`)
        if (!Number.isSafeInteger(entry.line) || (entry.line as number) < 1)
          throw new ExpectationsError(file, at, `line ${JSON.stringify(entry.line)} must be a positive integer`)
        return { rule: entry.rule, line: entry.line as number }
      })
    } else {
      throw new ExpectationsError(file, lineOf(pair.key as Node), `unknown field ${JSON.stringify(key)}; expected "violations" and optionally "reason"`)
    }
  }
  if (!violations) throw new ExpectationsError(file, lineOf(root), 'missing "violations" list')
  return { reason, violations }
}

export function expectedLinesFor(expectations: Expectations, rule: string): number[] {
  return expectations.violations.filter((v) => v.rule === rule).map((v) => v.line)
}
