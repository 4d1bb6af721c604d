/**
 * A JSON number kept as its literal text: OTLP carries 64-bit integers (int64 attributes, nanosecond
 * times) that a double cannot hold exactly.
 */
export class JsonNumber {
  readonly raw: string
  constructor(raw: string) {
    this.raw = raw
  }
}

/** A JSON object as built by the scanner: a Map, so any key (`__proto__`, `toString`) is plain data. */
export type JsonObject = Map<string, JsonValue>
export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

/** How deep objects and arrays may nest unless the reader says otherwise. */
export const DEFAULT_MAX_JSON_DEPTH = 256

/** Input that is not JSON (`syntax`, a duplicate key included), or JSON nested deeper than allowed (`depth`). */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError'
  /** Physical line of the error. */
  readonly line: number
  readonly kind: 'syntax' | 'depth'
  constructor(message: string, line: number, kind: 'syntax' | 'depth' = 'syntax') {
    super(message)
    this.line = line
    this.kind = kind
  }
}

/** A key that occurred twice in one object, at the line of its second occurrence. */
export interface DuplicateKey {
  readonly key: string
  readonly line: number
}

export interface JsonScanOptions {
  /** Objects and arrays nest at most this deep; deeper is a `depth` error at the line where it happens. */
  maxDepth?: number
  /** `throw`: a duplicate key anywhere is a syntax error at once; `report` (default): handed to `captured`. */
  duplicateKeys?: 'throw' | 'report'
  /** Record the line of every built object, array and key (see {@link JsonScanner.positions}). */
  positions?: boolean
}

/** Where built values begin: objects and arrays, and each key of an object. */
export interface JsonPositions {
  readonly containers: WeakMap<object, number>
  readonly keys: WeakMap<JsonObject, Map<string, number>>
}

/** An open object or array around the current position, outermost first. */
export interface ScanFrame {
  readonly isArray: boolean
  /** For an object: the key whose value is being read. */
  readonly key: string | undefined
}

export interface JsonScanSink {
  /** Whether the object or array that starts now, inside `frames`, is built and handed to `captured`. */
  capture(frames: readonly ScanFrame[], isArray: boolean): boolean
  /**
   * A built value and the line where it began. `duplicate` is the first key that occurred twice in
   * one of its objects (the later value is kept). `column` is the 1-based column (UTF-16 code units,
   * as editors and Vitest count) of its opening `{` or `[` in that line.
   */
  captured(value: JsonObject | JsonValue[], line: number, duplicate: DuplicateKey | undefined, column: number): void
}

interface Frame extends ScanFrame {
  key: string | undefined
  readonly container: JsonObject | JsonValue[] | undefined
}

/** What the scanner expects next, as said in an error ("expected … but found …"). */
const EXPECTED = [
  'a JSON value',
  'a JSON value',
  '"," or "]"',
  'a key in double quotes',
  'a key in double quotes',
  '":"',
  '"," or "}"',
] as const

const EXPECT_VALUE = 0
const EXPECT_FIRST_VALUE_OR_ARRAY_END = 1
const EXPECT_COMMA_OR_ARRAY_END = 2
const EXPECT_FIRST_KEY_OR_OBJECT_END = 3
const EXPECT_KEY = 4
const EXPECT_COLON = 5
const EXPECT_COMMA_OR_OBJECT_END = 6
const EXPECT_NOTHING = 7

/**
 * The one JSON reader of the package that knows lines: a streaming scanner fed one physical line at a
 * time. It exists because no JSON library reports the line of nested objects while streaming, and
 * JSON.parse turns 64-bit integers into doubles and silently keeps the last of two equal keys.
 * It checks the whole document's syntax but builds values only where the sink asks (OTLP spans; the
 * whole file for {@link parseJsonWithLines}), so memory is bounded by the largest captured value.
 * Objects are Maps (`__proto__` is plain data), numbers keep their literal text, duplicate keys are
 * reported with their line, and nesting is limited (`maxDepth`) so that a deep file is an error with a
 * line instead of unbounded memory here or a stack overflow in whatever walks the value later.
 *
 * Lines are fed without their line breaks; a JSON token never spans a line break, so a token cut off
 * at the end of a line is an error once anything, or the end, follows.
 */
export class JsonScanner {
  /** Type of the top-level value, once it has begun. */
  rootType: JsonType | undefined
  /** Keys of a top-level object. */
  readonly rootKeys = new Set<string>()
  /** Lines of built values, when asked for with `positions`. */
  readonly positions: JsonPositions | undefined
  private readonly sink: JsonScanSink
  private readonly maxDepth: number
  private readonly throwOnDuplicate: boolean
  private readonly frames: Frame[] = []
  private expect = EXPECT_VALUE
  /** Index in `frames` of the value being built, -1 when none is. */
  private captureDepth = -1
  private captureLine = 0
  private captureColumn = 0
  private duplicate: DuplicateKey | undefined
  private line = 0
  private lastLine = 0
  private cutToken: string | undefined
  private cutLine = 0
  /** The text of the string just read. */
  private token = ''

  constructor(sink: JsonScanSink, options: JsonScanOptions = {}) {
    this.sink = sink
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH
    this.throwOnDuplicate = options.duplicateKeys === 'throw'
    this.positions = options.positions ? { containers: new WeakMap(), keys: new WeakMap() } : undefined
  }

  /** Scans one line. Throws `JsonSyntaxError` at the first error; the scanner is unusable after it. */
  write(text: string, line: number): void {
    if (this.cutToken !== undefined) throw new JsonSyntaxError(`unexpected line break in ${this.cutToken}`, this.cutLine)
    this.line = line
    this.lastLine = line
    const n = text.length
    let i = 0
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) {
        i++
        continue
      }
      switch (this.expect) {
        case EXPECT_VALUE:
          i = this.value(text, i, c)
          break
        case EXPECT_FIRST_VALUE_OR_ARRAY_END:
          if (c === 0x5d) {
            this.close()
            i++
          } else {
            i = this.value(text, i, c)
          }
          break
        case EXPECT_COMMA_OR_ARRAY_END:
          if (c === 0x2c) this.expect = EXPECT_VALUE
          else if (c === 0x5d) this.close()
          else throw this.unexpected(text, i)
          i++
          break
        case EXPECT_FIRST_KEY_OR_OBJECT_END:
          if (c === 0x7d) {
            this.close()
            i++
          } else {
            i = this.key(text, i, c)
          }
          break
        case EXPECT_KEY:
          i = this.key(text, i, c)
          break
        case EXPECT_COLON:
          if (c !== 0x3a) throw this.unexpected(text, i)
          this.expect = EXPECT_VALUE
          i++
          break
        case EXPECT_COMMA_OR_OBJECT_END:
          if (c === 0x2c) this.expect = EXPECT_KEY
          else if (c === 0x7d) this.close()
          else throw this.unexpected(text, i)
          i++
          break
        default:
          throw this.unexpected(text, i)
      }
      if (this.cutToken !== undefined) return
    }
  }

  /** The input ended. Throws `JsonSyntaxError` if the document is incomplete. */
  end(): void {
    if (this.cutToken !== undefined) throw new JsonSyntaxError('unexpected end of input', this.cutLine)
    if (this.expect !== EXPECT_NOTHING) throw new JsonSyntaxError('unexpected end of input', Math.max(this.lastLine, 1))
  }

  private value(text: string, i: number, c: number): number {
    switch (c) {
      case 0x7b:
        this.open(false, i)
        return i + 1
      case 0x5b:
        this.open(true, i)
        return i + 1
      case 0x22: {
        const end = this.string(text, i)
        if (this.cutToken === undefined) this.scalar(this.token, 'string')
        return end
      }
      case 0x74:
        return this.literal(text, i, 'true', true)
      case 0x66:
        return this.literal(text, i, 'false', false)
      case 0x6e:
        return this.literal(text, i, 'null', null)
      default:
        if (c === 0x2d || isDigit(c)) return this.number(text, i)
        throw this.unexpected(text, i)
    }
  }

  private key(text: string, i: number, c: number): number {
    if (c !== 0x22) throw this.unexpected(text, i)
    const end = this.string(text, i)
    if (this.cutToken !== undefined) return end
    const frames = this.frames
    const frame = frames[frames.length - 1]!
    const key = this.token
    frame.key = key
    if (frames.length === 1) this.rootKeys.add(key)
    const object = frame.container as JsonObject | undefined
    if (object !== undefined) {
      if (object.has(key)) this.duplicated(key)
      if (this.positions !== undefined) this.positions.keys.get(object)!.set(key, this.line)
    }
    this.expect = EXPECT_COLON
    return end
  }

  /** Reads the string starting at the quote at `start` into `token`; returns the index after it. */
  private string(text: string, start: number): number {
    const n = text.length
    let i = start + 1
    let escaped = false
    for (;;) {
      if (i >= n) {
        this.cut('string')
        return n
      }
      const c = text.charCodeAt(i)
      if (c === 0x22) break
      if (c === 0x5c) {
        escaped = true
        i += 2
        continue
      }
      if (c < 0x20) throw new JsonSyntaxError(`control character ${JSON.stringify(text[i])} in string (escape it)`, this.line)
      i++
    }
    if (!escaped) {
      this.token = text.slice(start + 1, i)
    } else {
      // JSON.parse both decodes and validates the escapes, faster than doing it by hand.
      try {
        this.token = JSON.parse(text.slice(start, i + 1)) as string
      } catch {
        throw new JsonSyntaxError('invalid escape sequence in string', this.line)
      }
    }
    return i + 1
  }

  private literal(text: string, i: number, word: string, value: boolean | null): number {
    for (let k = 1; k < word.length; k++) {
      if (i + k >= text.length) {
        this.cut('literal')
        return text.length
      }
      if (text.charCodeAt(i + k) !== word.charCodeAt(k)) throw this.unexpected(text, i)
    }
    this.scalar(value, value === null ? 'null' : 'boolean')
    return i + word.length
  }

  private number(text: string, start: number): number {
    const n = text.length
    let i = start
    if (text.charCodeAt(i) === 0x2d) i++
    if (i >= n) return this.cut('number')
    const first = text.charCodeAt(i)
    if (first === 0x30) i++
    else if (isDigit(first)) while (++i < n && isDigit(text.charCodeAt(i)));
    else throw this.unexpected(text, i, 'a digit')
    if (text.charCodeAt(i) === 0x2e) {
      if (++i >= n) return this.cut('number')
      if (!isDigit(text.charCodeAt(i))) throw this.unexpected(text, i, 'a digit')
      while (++i < n && isDigit(text.charCodeAt(i)));
    }
    if ((text.charCodeAt(i) | 0x20) === 0x65) {
      i++
      const sign = text.charCodeAt(i)
      if (sign === 0x2b || sign === 0x2d) i++
      if (i >= n) return this.cut('number')
      if (!isDigit(text.charCodeAt(i))) throw this.unexpected(text, i, 'a digit')
      while (++i < n && isDigit(text.charCodeAt(i)));
    }
    this.scalar(new JsonNumber(text.slice(start, i)), 'number')
    return i
  }

  private scalar(value: JsonValue, type: JsonType): void {
    const frames = this.frames
    if (frames.length === 0) {
      this.rootType = type
      this.expect = EXPECT_NOTHING
      return
    }
    const top = frames[frames.length - 1]!
    if (top.container !== undefined) this.add(top, value)
    this.expect = top.isArray ? EXPECT_COMMA_OR_ARRAY_END : EXPECT_COMMA_OR_OBJECT_END
  }

  /** Opens an object or array whose bracket is at index `at` of the current line. */
  private open(isArray: boolean, at: number): void {
    const frames = this.frames
    if (frames.length >= this.maxDepth) throw new JsonSyntaxError(`objects and arrays nest deeper than ${this.maxDepth} levels here`, this.line, 'depth')
    if (frames.length === 0) this.rootType = isArray ? 'array' : 'object'
    let container: JsonObject | JsonValue[] | undefined
    if (this.captureDepth !== -1) {
      container = isArray ? [] : new Map()
    } else if (this.sink.capture(frames, isArray)) {
      container = isArray ? [] : new Map()
      this.captureDepth = frames.length
      this.captureLine = this.line
      this.captureColumn = at + 1
      this.duplicate = undefined
    }
    if (container !== undefined && this.positions !== undefined) {
      this.positions.containers.set(container, this.line)
      if (!isArray) this.positions.keys.set(container as JsonObject, new Map())
    }
    frames.push({ isArray, key: undefined, container })
    this.expect = isArray ? EXPECT_FIRST_VALUE_OR_ARRAY_END : EXPECT_FIRST_KEY_OR_OBJECT_END
  }

  private close(): void {
    const frames = this.frames
    const closed = frames.pop()!
    const depth = frames.length
    if (depth === this.captureDepth) {
      this.captureDepth = -1
      this.sink.captured(closed.container!, this.captureLine, this.duplicate, this.captureColumn)
    }
    if (depth === 0) {
      this.expect = EXPECT_NOTHING
      return
    }
    const parent = frames[depth - 1]!
    if (parent.container !== undefined) this.add(parent, closed.container!)
    this.expect = parent.isArray ? EXPECT_COMMA_OR_ARRAY_END : EXPECT_COMMA_OR_OBJECT_END
  }

  private add(frame: Frame, value: JsonValue): void {
    const container = frame.container!
    if (Array.isArray(container)) {
      container.push(value)
      return
    }
    container.set(frame.key!, value)
  }

  private duplicated(key: string): void {
    if (this.throwOnDuplicate) throw new JsonSyntaxError(`duplicate key ${JSON.stringify(key)} in one object`, this.line)
    this.duplicate ??= { key, line: this.line }
  }

  /** Marks `token` as cut off by the end of the line; returns an index past any line, to stop the scan. */
  private cut(token: string): number {
    this.cutToken = token
    this.cutLine = this.line
    return Number.MAX_SAFE_INTEGER
  }

  /** The character at `i` where `expected` (by default what the state expects) should be. */
  private unexpected(text: string, i: number, expected?: string): JsonSyntaxError {
    const found = JSON.stringify(String.fromCodePoint(text.codePointAt(i)!))
    if (expected === undefined && this.expect === EXPECT_NOTHING) return new JsonSyntaxError(`unexpected ${found} after the JSON value`, this.line)
    return new JsonSyntaxError(`expected ${expected ?? EXPECTED[this.expect]!} but found ${found}`, this.line)
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}
