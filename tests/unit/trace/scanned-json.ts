import { JsonScanner } from '../../../src/json/json-scanner.ts'
import type { JsonObject, JsonValue } from '../../../src/json/json-scanner.ts'
import { OTLP_MAX_JSON_DEPTH } from '../../../src/trace/otlp-records.ts'

/** A JSON object or array as the scanner builds it for OTLP (Maps, number literals kept as text). */
export function scanned(json: string): JsonObject | JsonValue[] {
  let root: JsonObject | JsonValue[] | undefined
  const scanner = new JsonScanner({
    capture: (frames) => frames.length === 0,
    captured: (value) => {
      root = value
    },
  }, { maxDepth: OTLP_MAX_JSON_DEPTH })
  json.split('\n').forEach((text, i) => scanner.write(text, i + 1))
  scanner.end()
  if (root === undefined) throw new Error('scanned() needs an object or array')
  return root
}

export function scannedObject(json: string): JsonObject {
  const value = scanned(json)
  if (Array.isArray(value)) throw new Error('scannedObject() needs an object')
  return value
}
