// A reader for the EDN that Jepsen history lines use (https://github.com/edn-format/edn), written here
// rather than taken from npm. edn-data 1.2.2 (MIT, maintained) was tried on Jepsen lines: it reads an
// integer past 2^53 (a `:time` in Unix nanoseconds) as a rounded double, and it accepts malformed lines
// silently (`{:a 1` gives null, `{:a 1 :b}` drops the key, text after the value is ignored), so a
// broken history line could not be reported at its line. jsedn 0.4.1 depends on `latest` of three
// packages. EDN's grammar is small; this reader keeps every integer exact (a bigint past 2^53) and
// reports the column of what it cannot read.

/** `:name` or `:ns/name` (`name` holds it without the colon). */
export class EdnKeyword {
  constructor(readonly name: string) {}
}

/** A symbol, e.g. `foo` or `ns/foo`. */
export class EdnSymbol {
  constructor(readonly name: string) {}
}

/** A character literal, e.g. `\a` or `\newline` (`char` holds the character). */
export class EdnChar {
  constructor(readonly char: string) {}
}

/** `#tag value`, e.g. `#inst "2020-01-01"` or a record `#jepsen.history.Op{…}`. */
export class EdnTagged {
  constructor(
    readonly tag: string,
    readonly value: EdnValue,
  ) {}
}

/** `#{…}`, in the order written. */
export class EdnSet {
  constructor(readonly values: readonly EdnValue[]) {}
}

/** `{…}`: entries in the order written (a duplicate key is a syntax error). */
export class EdnMap {
  constructor(readonly entries: readonly (readonly [EdnValue, EdnValue])[]) {}

  get(key: EdnValue): EdnValue | undefined {
    for (const [k, v] of this.entries) if (ednEquals(k, key)) return v
    return undefined
  }

  /** The value at keyword `:name`, or undefined when the map has no such key. */
  getKeyword(name: string): EdnValue | undefined {
    for (const [k, v] of this.entries) if (k instanceof EdnKeyword && k.name === name) return v
    return undefined
  }
}

/**
 * An EDN value: `nil` is null; an integer a number, or a bigint past 2^53 (or with the `N` suffix when
 * not safe as a number); a float a number; vectors and lists arrays.
 */
export type EdnValue = null | boolean | number | bigint | string | EdnKeyword | EdnSymbol | EdnChar | EdnTagged | EdnSet | EdnMap | readonly EdnValue[]

/** Malformed EDN; `column` is 1-based. */
export class EdnSyntaxError extends Error {
  override name = 'EdnSyntaxError'
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message)
  }
}

const MAX_DEPTH = 512

const NAMED_CHARS: Readonly<Record<string, string>> = { newline: '\n', return: '\r', space: ' ', tab: '\t', formfeed: '\f', backspace: '\b' }
const STRING_ESCAPES: Readonly<Record<string, string>> = { t: '\t', r: '\r', n: '\n', '\\': '\\', '"': '"', b: '\b', f: '\f' }

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x2c || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c
}

function isDelimiter(c: number): boolean {
  // whitespace, ( ) [ ] { } " ;
  return isWhitespace(c) || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x22 || c === 0x3b
}

const INTEGER = /^([+-]?)(\d+)(N?)$/
const FLOAT = /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?M?$/
const SYMBOL = /^(?:[A-Za-z.*+!\-_?$%&=<>][A-Za-z0-9.*+!\-_?$%&=<>:#'/]*|\/)$/

class Reader {
  private pos = 0
  constructor(private readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new EdnSyntaxError(message, at + 1)
  }

  skipSpace(): void {
    const t = this.text
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos)
      if (isWhitespace(c)) this.pos++
      else if (c === 0x3b) {
        while (this.pos < t.length && t.charCodeAt(this.pos) !== 0x0a) this.pos++
      } else if (c === 0x23 && t.charCodeAt(this.pos + 1) === 0x5f) {
        // #_ discards the next form
        this.pos += 2
        this.value(0)
      } else return
    }
  }

  atEnd(): boolean {
    this.skipSpace()
    return this.pos >= this.text.length
  }

  value(depth: number): EdnValue {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`)
    this.skipSpace()
    const t = this.text
    if (this.pos >= t.length) this.fail('unexpected end of line: a value is missing')
    const start = this.pos
    const c = t[this.pos]!
    switch (c) {
      case '"':
        return this.string()
      case '[':
        this.pos++
        return this.sequence(']', depth)
      case '(':
        this.pos++
        return this.sequence(')', depth)
      case '{':
        this.pos++
        return this.map(depth, start)
      case ']':
      case ')':
      case '}':
        return this.fail(`unexpected "${c}"`)
      case '\\':
        return this.char()
      case '#': {
        const after = t[this.pos + 1]
        if (after === '{') {
          this.pos += 2
          return new EdnSet(this.sequence('}', depth))
        }
        if (after === '#') {
          // ##Inf, ##-Inf, ##NaN
          this.pos += 2
          const symbolic = this.token()
          const number = symbolic === 'Inf' ? Number.POSITIVE_INFINITY : symbolic === '-Inf' ? Number.NEGATIVE_INFINITY : symbolic === 'NaN' ? Number.NaN : undefined
          if (number === undefined) this.fail(`"##${symbolic}" is not a symbolic value (##Inf, ##-Inf, ##NaN)`, start)
          return number
        }
        this.pos++
        const tag = this.token()
        if (!SYMBOL.test(tag) || !/^[A-Za-z]/.test(tag)) this.fail(`"#${tag}" is not a tag (a tag is # and a symbol starting with a letter)`, start)
        const tagged = this.value(depth + 1)
        return new EdnTagged(tag, tagged)
      }
      default:
        return this.atom()
    }
  }

  private token(): string {
    const t = this.text
    const start = this.pos
    while (this.pos < t.length && !isDelimiter(t.charCodeAt(this.pos))) this.pos++
    return t.slice(start, this.pos)
  }

  private atom(): EdnValue {
    const start = this.pos
    const tok = this.token()
    if (tok === 'nil') return null
    if (tok === 'true') return true
    if (tok === 'false') return false
    const integer = INTEGER.exec(tok)
    if (integer) {
      const big = BigInt(integer[1]! + integer[2]!)
      const small = Number(big)
      return Number.isSafeInteger(small) ? small : big
    }
    if (FLOAT.test(tok)) return Number(tok.endsWith('M') ? tok.slice(0, -1) : tok)
    if (tok.startsWith(':')) {
      const name = tok.slice(1)
      if (name === '' || name.startsWith(':') || !SYMBOL.test(name)) this.fail(`"${tok}" is not a keyword`, start)
      return new EdnKeyword(name)
    }
    if (SYMBOL.test(tok) && !/^[-+.]\d/.test(tok)) return new EdnSymbol(tok)
    return this.fail(`"${tok}" is not an EDN value`, start)
  }

  private char(): EdnChar {
    const start = this.pos
    this.pos++
    const t = this.text
    if (this.pos >= t.length) this.fail('a character literal "\\" has no character', start)
    // The first character is taken even if it is a delimiter (`\(`); a longer token is a named char.
    let end = this.pos + 1
    while (end < t.length && !isDelimiter(t.charCodeAt(end))) end++
    const tok = t.slice(this.pos, end)
    this.pos = end
    if (tok.length === 1) return new EdnChar(tok)
    const named = NAMED_CHARS[tok]
    if (named !== undefined) return new EdnChar(named)
    if (/^u[0-9A-Fa-f]{4}$/.test(tok)) return new EdnChar(String.fromCharCode(parseInt(tok.slice(1), 16)))
    return this.fail(`"\\${tok}" is not a character`, start)
  }

  private string(): string {
    const t = this.text
    const start = this.pos
    this.pos++
    let out = ''
    let run = this.pos
    while (this.pos < t.length) {
      const c = t[this.pos]!
      if (c === '"') {
        out += t.slice(run, this.pos)
        this.pos++
        return out
      }
      if (c === '\\') {
        out += t.slice(run, this.pos)
        const e = t[this.pos + 1]
        if (e === undefined) break
        const simple = STRING_ESCAPES[e]
        if (simple !== undefined) {
          out += simple
          this.pos += 2
        } else if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(parseInt(t.slice(this.pos + 2, this.pos + 6), 16))
          this.pos += 6
        } else this.fail(`"\\${e}" is not an escape in a string`)
        run = this.pos
        continue
      }
      this.pos++
    }
    return this.fail('a string is not closed before the end of the line', start)
  }

  private sequence(close: string, depth: number): EdnValue[] {
    const items: EdnValue[] = []
    const t = this.text
    for (;;) {
      this.skipSpace()
      if (this.pos >= t.length) this.fail(`"${close}" is missing before the end of the line`)
      if (t[this.pos] === close) {
        this.pos++
        return items
      }
      items.push(this.value(depth + 1))
    }
  }

  private map(depth: number, start: number): EdnMap {
    const t = this.text
    const entries: [EdnValue, EdnValue][] = []
    for (;;) {
      this.skipSpace()
      if (this.pos >= t.length) this.fail('"}" is missing before the end of the line', start)
      if (t[this.pos] === '}') {
        this.pos++
        return new EdnMap(entries)
      }
      const keyAt = this.pos
      const key = this.value(depth + 1)
      this.skipSpace()
      if (t[this.pos] === '}' || this.pos >= t.length) this.fail('a map key has no value', keyAt)
      const value = this.value(depth + 1)
      for (const [k] of entries) if (ednEquals(k, key)) this.fail(`duplicate map key ${printEdn(key)}`, keyAt)
      entries.push([key, value])
    }
  }
}

/** Reads exactly one EDN value from `text` (whitespace and `;` comments around it are fine). */
export function parseEdn(text: string): EdnValue {
  const reader = new Reader(text)
  const value = reader.value(0)
  if (!reader.atEnd()) reader.fail('more text after the value (one value per line)')
  return value
}

function printString(s: string): string {
  let out = '"'
  for (const ch of s) {
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch < ' ') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
    else out += ch
  }
  return out + '"'
}

const CHAR_NAMES: Readonly<Record<string, string>> = { '\n': 'newline', '\r': 'return', ' ': 'space', '\t': 'tab', '\f': 'formfeed', '\b': 'backspace' }

/** EDN text of a value (vectors for lists). */
export function printEdn(value: EdnValue): string {
  if (value === null) return 'nil'
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'bigint':
      return String(value)
    case 'string':
      return printString(value)
  }
  if (Array.isArray(value)) return `[${value.map(printEdn).join(' ')}]`
  if (value instanceof EdnKeyword) return `:${value.name}`
  if (value instanceof EdnSymbol) return value.name
  if (value instanceof EdnChar) return `\\${CHAR_NAMES[value.char] ?? value.char}`
  if (value instanceof EdnTagged) return `#${value.tag} ${printEdn(value.value)}`
  if (value instanceof EdnSet) return `#{${value.values.map(printEdn).join(' ')}}`
  if (value instanceof EdnMap) return `{${value.entries.map(([k, v]) => `${printEdn(k)} ${printEdn(v)}`).join(', ')}}`
  return String(value)
}

/** Value equality as Clojure's `=` for these values: numbers by value (3 and 3N alike), lists as vectors. */
export function ednEquals(a: EdnValue, b: EdnValue): boolean {
  if (a === b) return true
  if (a === null || b === null) return false
  const ta = typeof a
  const tb = typeof b
  if (ta !== 'object' || tb !== 'object') {
    // number and bigint of one value
    return (ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint') && (a as number) == (b as number)
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!ednEquals(a[i] as EdnValue, b[i] as EdnValue)) return false
    return true
  }
  if (a instanceof EdnKeyword) return b instanceof EdnKeyword && a.name === b.name
  if (a instanceof EdnSymbol) return b instanceof EdnSymbol && a.name === b.name
  if (a instanceof EdnChar) return b instanceof EdnChar && a.char === b.char
  if (a instanceof EdnTagged) return b instanceof EdnTagged && a.tag === b.tag && ednEquals(a.value, b.value)
  if (a instanceof EdnSet) {
    if (!(b instanceof EdnSet) || a.values.length !== b.values.length) return false
    return a.values.every((x) => b.values.some((y) => ednEquals(x, y)))
  }
  if (a instanceof EdnMap) {
    if (!(b instanceof EdnMap) || a.entries.length !== b.entries.length) return false
    return a.entries.every(([k, v]) => {
      const other = b.get(k)
      return other !== undefined && ednEquals(v, other)
    })
  }
  return false
}
