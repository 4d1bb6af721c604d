/**
 * JSON.parse that also tells where each object and array begins. Contract tests are placed at their
 * interaction's line, and a malformed contract names the line of its error, so positions are needed;
 * JSON.parse gives neither. Keys are set as own data properties, so `__proto__` is plain data, and a
 * key that occurs twice in one object is an error (JSON.parse would silently keep the last). Nesting is
 * limited (`maxDepth`): the parser recurses once per level, and so does everything that walks a contract
 * later (matching, encoding, Vitest's serialisation), so a deeper file is an error at the line where the
 * limit is crossed instead of a stack overflow with no place.
 */

export class ContractJsonError extends Error {
  override name = 'ContractJsonError'
  readonly line: number
  /** `syntax`: not JSON (or a duplicate key); `depth`: JSON, but nested deeper than allowed. */
  readonly kind: 'syntax' | 'depth'
  constructor(message: string, line: number, kind: 'syntax' | 'depth' = 'syntax') {
    super(message)
    this.line = line
    this.kind = kind
  }
}

/** How deep objects and arrays may nest in a contract file (and in a body it holds) unless configured. */
export const DEFAULT_MAX_JSON_DEPTH = 256

export interface ParsedJson {
  value: unknown
  /** Line (1-based) where an object or array of `value` begins; 1 for anything else. */
  lineOf(node: unknown): number
  /** Line (1-based) of `key` in the object `node` (the line of the key's opening quote); else `lineOf(node)`. */
  lineOfKey(node: unknown, key: string): number
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

export function parseJsonWithLines(text: string, options: { maxDepth?: number } = {}): ParsedJson {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH
  const lines = new WeakMap<object, number>()
  const keyLines = new WeakMap<object, Map<string, number>>()
  let depth = 0
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1

  const fail = (message: string): never => {
    throw new ContractJsonError(message, line)
  }
  const describe = (): string => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]))
  const skipWhitespace = (): void => {
    while (i < text.length && WHITESPACE.has(text[i]!)) {
      if (text[i] === '\n') line++
      i++
    }
  }
  const expectChar = (c: string): void => {
    skipWhitespace()
    if (text[i] !== c) fail(`expected ${JSON.stringify(c)} but found ${describe()}`)
    i++
  }

  function parseString(): string {
    i++ // opening quote
    let out = ''
    let start = i
    for (;;) {
      if (i >= text.length) fail('unterminated string')
      const c = text[i]!
      if (c === '"') break
      if (c === '\n' || c.charCodeAt(0) < 0x20) fail('control character in string (escape it)')
      if (c === '\\') {
        out += text.slice(start, i)
        const e = text[i + 1]
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(`bad unicode escape \\u${hex}`)
          out += String.fromCharCode(parseInt(hex, 16))
          i += 6
        } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
          out += ESCAPES[e]
          i += 2
        } else fail(`bad escape \\${e ?? ''} in string`)
        start = i
        continue
      }
      i++
    }
    out += text.slice(start, i)
    i++
    return out
  }

  function parseValue(): unknown {
    skipWhitespace()
    const c = text[i]
    if (c === '{') return parseObject()
    if (c === '[') return parseArray()
    if (c === '"') return parseString()
    for (const [literal, value] of [['true', true], ['false', false], ['null', null]] as const)
      if (text.startsWith(literal, i)) {
        i += literal.length
        return value
      }
    NUMBER.lastIndex = i
    const m = NUMBER.exec(text)
    if (m && m[0].length > 0) {
      i += m[0].length
      return Number(m[0])
    }
    return fail(`expected a JSON value but found ${describe()}`)
  }

  /** Entering an object or array: one level deeper, refused past `maxDepth`. */
  const descend = (): void => {
    if (++depth > maxDepth)
      throw new ContractJsonError(`objects and arrays nest deeper than ${maxDepth} levels here; raise contract.maxJsonDepth if the contract really needs it`, line, 'depth')
  }

  function parseObject(): Record<string, unknown> {
    descend()
    const object: Record<string, unknown> = {}
    const keys = new Map<string, number>()
    lines.set(object, line)
    keyLines.set(object, keys)
    i++
    skipWhitespace()
    if (text[i] === '}') {
      i++
      depth--
      return object
    }
    for (;;) {
      skipWhitespace()
      if (text[i] !== '"') fail(`expected a key in double quotes but found ${describe()}`)
      const keyLine = line
      const key = parseString()
      if (Object.hasOwn(object, key)) throw new ContractJsonError(`duplicate key ${JSON.stringify(key)} in one object`, keyLine)
      keys.set(key, keyLine)
      expectChar(':')
      Object.defineProperty(object, key, { value: parseValue(), enumerable: true, writable: true, configurable: true })
      skipWhitespace()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === '}') {
        i++
        depth--
        return object
      }
      fail(`expected "," or "}" but found ${describe()}`)
    }
  }

  function parseArray(): unknown[] {
    descend()
    const array: unknown[] = []
    lines.set(array, line)
    i++
    skipWhitespace()
    if (text[i] === ']') {
      i++
      depth--
      return array
    }
    for (;;) {
      array.push(parseValue())
      skipWhitespace()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === ']') {
        i++
        depth--
        return array
      }
      fail(`expected "," or "]" but found ${describe()}`)
    }
  }

  const value = parseValue()
  skipWhitespace()
  if (i < text.length) fail(`unexpected ${describe()} after the JSON value`)
  const lineOf = (node: unknown): number => (node !== null && typeof node === 'object' ? (lines.get(node) ?? 1) : 1)
  return {
    value,
    lineOf,
    lineOfKey: (node, key) => (node !== null && typeof node === 'object' ? keyLines.get(node)?.get(key) : undefined) ?? lineOf(node),
  }
}
