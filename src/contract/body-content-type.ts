import { contentTypeMatches, detectContentType } from './detect-content-type.ts'
import { NO_BODY, type Mismatch, type RuleSet } from './types.ts'

/**
 * A `contentType` rule at the body's root (`$`): the body is compared by what it is (detected from its
 * bytes as Pact does: magic numbers, JSON, XML, text), not by the example's bytes. Undefined when the
 * body has no such rule.
 */
export function matchBodyContentType(bodyRules: ReadonlyArray<[string, RuleSet]>, actualBody: unknown, bytes: Uint8Array | undefined, label = '$.body'): Mismatch[] | undefined {
  const root = bodyRules.find(([path]) => path === '$')?.[1]
  const matchers = root?.matchers.filter((m) => m.match === 'contentType') ?? []
  if (matchers.length === 0) return undefined
  const data = bytes ?? (actualBody === NO_BODY ? new Uint8Array() : new TextEncoder().encode(typeof actualBody === 'string' ? actualBody : (JSON.stringify(actualBody) ?? '')))
  const detected = detectContentType(data)
  const failures: Mismatch[] = []
  for (const matcher of matchers) {
    const expected = typeof matcher.value === 'string' ? matcher.value : ''
    if (!contentTypeMatches(expected, detected))
      failures.push({ kind: 'contentType', path: label, expected, actual: detected, message: `${label}: expected a body of type ${expected || '(no "value" given)'} but it is ${detected}${data.length === 0 ? ' (empty)' : ''}` })
  }
  if (root!.combine === 'OR' && failures.length < matchers.length) return []
  return failures
}
