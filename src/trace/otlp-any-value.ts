import { JsonNumber } from '../json/json-scanner.ts'
import type { JsonValue } from '../json/json-scanner.ts'

/** An OTLP AnyValue that does not have the documented shape; the message says what was found. */
export class AnyValueError extends Error {
  override name = 'AnyValueError'
}

const MAX_DEPTH = 100
const INTEGER = /^-?\d+$/
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/**
 * Converts an OTLP JSON AnyValue, as built by the scanner, to a plain JS value. `intValue` stays exact:
 * a number when it is a safe integer, a bigint beyond. An absent or empty AnyValue is null.
 * Throws `AnyValueError` for a value of the wrong shape.
 */
export function anyValueToJs(anyValue: JsonValue | undefined, depth = 0): unknown {
  if (anyValue === undefined || anyValue === null) return null
  if (!(anyValue instanceof Map)) throw new AnyValueError(`AnyValue is not an object (found ${describeJsonValue(anyValue)})`)
  if (anyValue.size === 0) return null
  if (anyValue.size > 1) throw new AnyValueError(`AnyValue has more than one field (${[...anyValue.keys()].join(', ')})`)
  if (depth >= MAX_DEPTH) throw new AnyValueError(`AnyValue is nested more than ${MAX_DEPTH} levels deep`)
  const [field, value] = anyValue.entries().next().value as [string, JsonValue]
  // proto3 JSON reads null as "field not set".
  if (value === null) return null
  switch (field) {
    case 'stringValue':
    case 'bytesValue':
      if (typeof value === 'string') return value
      throw new AnyValueError(`${field} must be a string, found ${describeJsonValue(value)}`)
    case 'boolValue':
      if (typeof value === 'boolean') return value
      throw new AnyValueError(`boolValue must be true or false, found ${describeJsonValue(value)}`)
    case 'intValue':
      return intValue(value)
    case 'doubleValue':
      return doubleValue(value)
    case 'arrayValue':
      return arrayValue(value, depth)
    case 'kvlistValue':
      return kvlistValue(value, depth)
    default:
      throw new AnyValueError(`AnyValue has an unknown field "${field}"`)
  }
}

function intValue(value: JsonValue): number | bigint {
  const raw = typeof value === 'string' ? value : value instanceof JsonNumber ? value.raw : undefined
  if (raw === undefined || !INTEGER.test(raw)) throw new AnyValueError(`intValue must be an integer, found ${describeJsonValue(value)}`)
  // Rounding is monotonic and 2^53 is a double, so an unsafe value never rounds into the safe range.
  const n = Number(raw)
  if (Number.isSafeInteger(n)) return n === 0 ? 0 : n
  return BigInt(raw)
}

function doubleValue(value: JsonValue): number {
  if (value instanceof JsonNumber) return Number(value.raw)
  if (typeof value === 'string' && (value === 'NaN' || value === 'Infinity' || value === '-Infinity' || JSON_NUMBER.test(value))) return Number(value)
  throw new AnyValueError(`doubleValue must be a number, found ${describeJsonValue(value)}`)
}

function arrayValue(value: JsonValue, depth: number): unknown[] {
  return valuesOf(value, 'arrayValue').map((item) => anyValueToJs(item, depth + 1))
}

function kvlistValue(value: JsonValue, depth: number): Record<string, unknown> {
  const entries: [string, unknown][] = []
  const seen = new Set<string>()
  for (const item of valuesOf(value, 'kvlistValue')) {
    if (!(item instanceof Map)) throw new AnyValueError(`kvlistValue entry is not an object (found ${describeJsonValue(item)})`)
    const key = item.get('key')
    if (typeof key !== 'string') throw new AnyValueError(`kvlistValue entry has no string "key" (found ${describeJsonValue(key)})`)
    if (seen.has(key)) throw new AnyValueError(`kvlistValue has the key "${key}" twice`)
    seen.add(key)
    entries.push([key, anyValueToJs(item.get('value'), depth + 1)])
  }
  // fromEntries defines own properties, so "__proto__" is a key like any other, not the prototype.
  return Object.fromEntries(entries)
}

function valuesOf(value: JsonValue, field: string): JsonValue[] {
  if (!(value instanceof Map)) throw new AnyValueError(`${field} must be an object with "values", found ${describeJsonValue(value)}`)
  const values = value.get('values')
  if (values === undefined || values === null) return []
  if (!Array.isArray(values)) throw new AnyValueError(`${field}.values must be an array, found ${describeJsonValue(values)}`)
  return values
}

/** A scanned value for a message: short literals verbatim, containers by type. */
export function describeJsonValue(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing'
  if (value instanceof JsonNumber) return value.raw.length > 40 ? `${value.raw.slice(0, 40)}…` : value.raw
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (value instanceof Map) return 'an object'
  if (Array.isArray(value)) return 'an array'
  return String(value)
}
