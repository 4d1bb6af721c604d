import { contentTypeMatches, detectContentType } from './detect-content-type.ts'
import { NO_BODY, type Mismatch, type RuleSet } from './types.ts'

/**
 * A `contentType` rule at the root (`$`) of a body that is not JSON (binary, text): the body is compared
 * by what it is (detected from its bytes as Pact does: magic numbers, JSON, XML, text), not by the
 * example's bytes. Undefined when there is no such rule, or the expected body is JSON: then the body
 * matcher walks it as usual and checks the rule at `$` on the parsed value (as Pact's JSON matcher does).
 */
export function matchBodyContentType(bodyRules: ReadonlyArray<[string, RuleSet]>, expectedBody: unknown, actualBody: unknown, bytes: Uint8Array | undefined, label = '$.body'): Mismatch[] | undefined {
  if (expectedBody !== null && typeof expectedBody === 'object') return undefined
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
