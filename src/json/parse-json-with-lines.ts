import { JsonNumber, JsonScanner } from './json-scanner.ts'
import type { JsonObject, JsonPositions, JsonValue } from './json-scanner.ts'

export interface ParsedJson {
  /** The value as JSON.parse would give it, except that every key is an own data property. */
  value: unknown
  /** Line (1-based) where an object or array of `value` begins; 1 for anything else. */
  lineOf(node: unknown): number
  /** Line (1-based) of `key` in the object `node` (the line of the key's opening quote); else `lineOf(node)`. */
  lineOfKey(node: unknown, key: string): number
}

/**
 * A whole JSON text read by {@link JsonScanner}, for files whose places matter (contracts: tests sit
 * at their interaction's line, a malformed file names the line of its error). A duplicate key is an
 * error at its second occurrence; nesting past `maxDepth` is a `depth` error at the line where it
 * happens. Keys are set as own data properties, so `__proto__` is plain data. Numbers become doubles,
 * as JSON.parse makes them. A leading BOM is skipped. Throws `JsonSyntaxError`.
 */
export function parseJsonWithLines(text: string, options: { maxDepth?: number } = {}): ParsedJson {
  let root: JsonValue | undefined
  const scanner = new JsonScanner(
    {
      capture: (frames) => frames.length === 0,
      captured: (value) => {
        root = value
      },
    },
    { maxDepth: options.maxDepth, duplicateKeys: 'throw', positions: true },
  )
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n')
  lines.forEach((line, i) => scanner.write(line, i + 1))
  scanner.end()
  const positions = scanner.positions!
  const containerLines = new WeakMap<object, number>()
  const keyLines = new WeakMap<object, Map<string, number>>()
  const value = root === undefined ? scalarOf(lines) : toPlain(root, positions, containerLines, keyLines)
  const lineOf = (node: unknown): number => (node !== null && typeof node === 'object' ? (containerLines.get(node) ?? 1) : 1)
  return {
    value,
    lineOf,
    lineOfKey: (node, key) => (node !== null && typeof node === 'object' ? keyLines.get(node)?.get(key) : undefined) ?? lineOf(node),
  }
}

/** A top-level scalar is not captured (only objects and arrays are); the scanner has checked its syntax. */
function scalarOf(lines: string[]): unknown {
  return JSON.parse(lines.join('\n'))
}

function toPlain(value: JsonValue, positions: JsonPositions, containerLines: WeakMap<object, number>, keyLines: WeakMap<object, Map<string, number>>): unknown {
  if (value instanceof JsonNumber) return Number(value.raw)
  if (value === null || typeof value !== 'object') return value
  let plain: unknown[] | Record<string, unknown>
  if (Array.isArray(value)) {
    plain = value.map((item) => toPlain(item, positions, containerLines, keyLines))
  } else {
    const object: Record<string, unknown> = {}
    for (const [key, item] of value)
      Object.defineProperty(object, key, { value: toPlain(item, positions, containerLines, keyLines), enumerable: true, writable: true, configurable: true })
    keyLines.set(object, positions.keys.get(value as JsonObject)!)
    plain = object
  }
  containerLines.set(plain, positions.containers.get(value)!)
  return plain
}
