import { contentTypeMatches, detectContentType } from './detect-content-type.ts'
import { DEFAULT_DATE_FORMATS, type DateTimeKind } from './java-date-pattern.ts'
import { dateTimeProblem } from './pact-date-pattern.ts'
import { isSemver } from './semver.ts'
import { isProblem, statusMatches, statusSpecOf } from './status-rules.ts'
import type { Matcher, MismatchKind } from './types.ts'

/** A matcher's verdict on one value: undefined when it holds. */
export type ValueCheck = { kind: MismatchKind; expected: unknown; message: string } | undefined

/**
 * Matchers that shape how containers are walked (arrayContains, eachKey, eachValue, values) are applied by
 * the body matcher (structural-rules.ts); on one value they hold, as in Pact's reference implementation
 * (`values` on a single value means equality there, and here).
 */
export const STRUCTURAL_MATCHERS: readonly string[] = ['arrayContains', 'eachKey', 'eachValue', 'values']

/** The matchers of Pact v3/v4 added to the v2 ones (matchers.ts); their names as the pact file writes them. */
export const V3_V4_MATCHERS: readonly string[] = ['date', 'time', 'timestamp', 'datetime', 'semver', 'contentType', 'statusCode', ...STRUCTURAL_MATCHERS]

const KIND_OF: Record<string, DateTimeKind> = { date: 'date', time: 'time', timestamp: 'timestamp', datetime: 'timestamp' }

/** v3/v4 write the pattern under `format`; older files under the matcher's own name (`"timestamp": "…"`). */
export function dateFormatOf(matcher: Matcher): string {
  const kind = KIND_OF[matcher.match] ?? 'timestamp'
  for (const key of ['format', matcher.match, kind, 'pattern']) {
    const v = matcher[key]
    if (typeof v === 'string' && v !== '') return v
  }
  return DEFAULT_DATE_FORMATS[kind]
}

/** A JSON scalar as the text a date or semver matcher reads (numbers as written); containers have none. */
function scalarText(actual: unknown): string | undefined {
  if (typeof actual === 'string') return actual
  if (typeof actual === 'number' || typeof actual === 'boolean') return String(actual)
  return undefined
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v)))

/** Undefined when `match` is not one of these matchers; otherwise its check. */
export function checkV3V4(matcher: Matcher, expected: unknown, actual: unknown, equal: (a: unknown, b: unknown) => boolean): { result: ValueCheck } | undefined {
  const name = matcher.match
  if (Object.hasOwn(KIND_OF, name)) {
    const format = dateFormatOf(matcher)
    const kind = KIND_OF[name]!
    const text = scalarText(actual)
    const problem = text === undefined ? `it is ${actual === null ? 'null' : Array.isArray(actual) ? 'an array' : 'an object'}` : dateTimeProblem(format, text)
    if (problem === undefined) return { result: undefined }
    return { result: { kind, expected: format, message: `expected ${show(actual)} to be a ${kind === 'timestamp' ? 'date-time' : kind} in the pattern ${JSON.stringify(format)}: ${problem}` } }
  }
  switch (name) {
    case 'semver': {
      const ok = typeof actual === 'string' && isSemver(actual)
      return { result: ok ? undefined : { kind: 'semver', expected: 'semantic version', message: `expected a semantic version (MAJOR.MINOR.PATCH) but got ${show(actual)}` } }
    }
    case 'contentType': {
      const expectedType = typeof matcher.value === 'string' ? matcher.value : typeof expected === 'string' ? expected : ''
      const bytes = typeof actual === 'string' ? new TextEncoder().encode(actual) : actual instanceof Uint8Array ? actual : new TextEncoder().encode(JSON.stringify(actual) ?? '')
      const detected = detectContentType(bytes)
      return { result: contentTypeMatches(expectedType, detected) ? undefined : { kind: 'contentType', expected: expectedType, message: `expected content of type ${expectedType} but it is ${detected}` } }
    }
    case 'statusCode': {
      const spec = statusSpecOf(matcher)
      if (isProblem(spec)) return { result: { kind: 'unsupported', expected: matcher.status, message: spec.problem } }
      const code = typeof actual === 'number' ? actual : Number(actual)
      return { result: statusMatches(spec, code) ? undefined : { kind: 'status', expected: matcher.status, message: `expected a status ${Array.isArray(spec) ? `in ${spec.join(', ')}` : `of the class ${spec}`} but got ${show(actual)}` } }
    }
    case 'values':
      // On a container the body matcher walks its values; on one value it means equality (Pact's reference does so).
      if (actual !== null && typeof actual === 'object') return { result: undefined }
      return { result: equal(expected, actual) ? undefined : { kind: 'equality', expected, message: `expected ${show(expected)} but got ${show(actual)}` } }
    case 'arrayContains':
    case 'eachKey':
    case 'eachValue':
      return { result: undefined }
    default:
      return undefined
  }
}
