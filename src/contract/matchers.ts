import { compilePactRegex } from './pact-regex.ts'
import { checkV3V4, V3_V4_MATCHERS } from './v3-v4-value-matchers.ts'
import type { Matcher, Mismatch, MismatchKind, RuleSet } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

/** JSON type name as a reader says it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'array'
  return typeof value === 'object' ? 'object' : typeof value
}

/** Deep equality of JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]))
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]))
  }
  return false
}

/** Short JSON of a value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/**
 * Values in headers, query parameters and paths are strings, so there the number-like matchers also
 * accept strings that spell the kind of value (as Pact's own implementations do). In a JSON body a value
 * has its own type: `"1"` is a string, never an integer (a provider that changed a field's type fails).
 */
function isInteger(v: unknown, strings: boolean): boolean {
  return (typeof v === 'number' && Number.isInteger(v)) || (strings && typeof v === 'string' && /^-?\d+$/.test(v))
}
function isDecimal(v: unknown, strings: boolean): boolean {
  return (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) || (strings && typeof v === 'string' && /^-?\d+\.\d+$/.test(v))
}
function isNumber(v: unknown, strings: boolean): boolean {
  return typeof v === 'number' || (strings && typeof v === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v))
}
function isBoolean(v: unknown, strings: boolean): boolean {
  return typeof v === 'boolean' || (strings && (v === 'true' || v === 'false'))
}

function sameType(expected: unknown, actual: unknown): boolean {
  return jsonType(expected) === jsonType(actual)
}

function lengthBound(matcher: Matcher, key: 'min' | 'max'): number | undefined {
  const v = matcher[key]
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined
}

type Check = { kind: MismatchKind; expected: unknown; message: string } | undefined

function checkLength(matcher: Matcher, actual: unknown): Check {
  if (!Array.isArray(actual)) return undefined
  const min = lengthBound(matcher, 'min')
  const max = lengthBound(matcher, 'max')
  if (min !== undefined && actual.length < min)
    return { kind: 'min', expected: min, message: `expected an array of at least ${min} element(s) but got ${actual.length}` }
  if (max !== undefined && actual.length > max)
    return { kind: 'max', expected: max, message: `expected an array of at most ${max} element(s) but got ${actual.length}` }
  return undefined
}

const SUPPORTED = ['type', 'regex', 'include', 'integer', 'decimal', 'number', 'boolean', 'null', 'equality', 'min', 'max', 'notEmpty', ...V3_V4_MATCHERS]

/** The kinds of matcher this matcher implements; any other fails with an `unsupported` mismatch. */
export const SUPPORTED_MATCHERS: readonly string[] = SUPPORTED

function checkOne(matcher: Matcher, expected: unknown, actual: unknown, strings: boolean): Check {
  switch (matcher.match) {
    case 'type':
      if (!sameType(expected, actual))
        return { kind: 'type', expected: jsonType(expected), message: `expected a value of type ${jsonType(expected)} (like ${show(expected)}) but got ${jsonType(actual)} ${show(actual)}` }
      return checkLength(matcher, actual)
    case 'min':
    case 'max':
      if (Array.isArray(expected) && !Array.isArray(actual)) return { kind: 'type', expected: 'array', message: `expected an array but got ${jsonType(actual)} ${show(actual)}` }
      return checkLength(matcher, actual)
    case 'regex': {
      const source = matcher.regex
      if (typeof source !== 'string') return { kind: 'unsupported', expected: matcher, message: 'regex matcher without a "regex" string' }
      const re = compilePactRegex(source)
      if (typeof re === 'string') return { kind: 'unsupported', expected: source, message: re }
      if (actual === null || actual === undefined || typeof actual === 'object' || !re.matches(String(actual)))
        return { kind: 'regex', expected: source, message: `expected ${show(actual)} to match /${source}/` }
      return undefined
    }
    case 'include': {
      const part = String(matcher.value ?? expected)
      if (typeof actual !== 'string' || !actual.includes(part)) return { kind: 'include', expected: part, message: `expected ${show(actual)} to include ${JSON.stringify(part)}` }
      return undefined
    }
    case 'integer':
      return isInteger(actual, strings) ? undefined : { kind: 'integer', expected: 'integer', message: `expected an integer but got ${show(actual)}` }
    case 'decimal':
      return isDecimal(actual, strings) ? undefined : { kind: 'decimal', expected: 'decimal', message: `expected a decimal number but got ${show(actual)}` }
    case 'number':
      return isNumber(actual, strings) ? undefined : { kind: 'number', expected: 'number', message: `expected a number but got ${show(actual)}` }
    case 'boolean':
      return isBoolean(actual, strings)
        ? undefined
        : { kind: 'boolean', expected: 'boolean', message: `expected a boolean but got ${show(actual)}` }
    case 'null':
      return actual === null ? undefined : { kind: 'null', expected: null, message: `expected null but got ${show(actual)}` }
    case 'equality':
      return jsonEqual(expected, actual) ? undefined : { kind: 'equality', expected, message: `expected ${show(expected)} but got ${show(actual)}` }
    case 'notEmpty': {
      const empty = actual === undefined || actual === null || actual === '' || (Array.isArray(actual) && actual.length === 0) || (isJsonObject(actual) && Object.keys(actual).length === 0)
      return empty ? { kind: 'type', expected: 'not empty', message: `expected a non-empty value but got ${show(actual)}` } : checkLength(matcher, actual)
    }
    default: {
      const v3v4 = checkV3V4(matcher, expected, actual, jsonEqual)
      if (v3v4) return v3v4.result
      return {
        kind: 'unsupported',
        expected: matcher,
        message: `matching rule "${matcher.match}" is not supported by vitest-spec-ci (supported: ${SUPPORTED.join(', ')})`,
      }
    }
  }
}

/** Where a value was found: `strings` for headers, query and path (every value a string), `json` for a JSON body. */
export type ValueSource = 'strings' | 'json'

/** Applies one path's rules to a value; `AND` needs every matcher, `OR` any one. */
export function applyRuleSet(rules: RuleSet, expected: unknown, actual: unknown, path: string, source: ValueSource): Mismatch[] {
  const strings = source === 'strings'
  const failures = rules.matchers.map((m) => checkOne(m, expected, actual, strings)).filter((c): c is NonNullable<Check> => c !== undefined)
  if (rules.combine === 'OR' && failures.length < rules.matchers.length) return []
  return failures.map((f) => ({ kind: f.kind, path, expected: f.expected, actual, message: `${path}: ${f.message}` }))
}
