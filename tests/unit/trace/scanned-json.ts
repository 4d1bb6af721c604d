import { JsonScanner } from '../../../src/trace/json-scanner.ts'
import type { JsonObject, JsonValue } from '../../../src/trace/json-scanner.ts'

/** A JSON object or array as the scanner builds it (Maps, number literals kept as text). */
export function scanned(json: string): JsonObject | JsonValue[] {
  let root: JsonObject | JsonValue[] | undefined
  const scanner = new JsonScanner({
    capture: (frames) => frames.length === 0,
    captured: (value) => {
      root = value
    },
  })
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
