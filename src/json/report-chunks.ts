import { bigintAsDecimal } from './stringify-report.ts'

/** A container with more entries of its own than this is written in groups of entries. */
export const STREAMED_ENTRIES = 256
/** Entries written by one JSON.stringify when a large container is walked. */
const GROUP_ENTRIES = 1024

type Json = unknown

const isContainer = (value: Json): value is object => value !== null && typeof value === 'object'

/** JSON.stringify(value, bigintAsDecimal, 2), without the replacer's cost unless the value holds a bigint. */
function stringify(value: Json): string | undefined {
  try {
    return JSON.stringify(value, null, 2)
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    return JSON.stringify(value, bigintAsDecimal, 2)
  }
}

/**
 * An object whose entries are made while it is written, so it never exists whole: `size` entries, each
 * a name and its value's JSON text (`undefined`: the entry is left out). `valueText` gets the entry's
 * indent, as `JSON.stringify(…, 2)` would nest it. Elsewhere (JSON.stringify) it is `toJSON()`'s object.
 */
export class StreamedObject {
  constructor(
    readonly size: number,
    readonly name: (index: number) => string,
    readonly valueText: (index: number, indent: string) => string | undefined,
    private readonly whole: () => Record<string, unknown>,
  ) {}

  toJSON(): Record<string, unknown> {
    return this.whole()
  }
}

/** A streamed object's text is gathered up to this many characters a piece: a writer awaits each piece, so not one per entry. */
const STREAMED_PIECE_CHARS = 64 * 1024

/** What JSON.stringify does to a value before writing it: toJSON, then the replacer. */
function prepare(holderKey: string, value: Json): Json {
  if (value instanceof StreamedObject) return value
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON
  if (typeof toJSON === 'function' && isContainer(value)) value = toJSON.call(value, holderKey)
  return bigintAsDecimal(holderKey, value)
}

/**
 * Each object's own keys, listed once per report: Object.keys of a map of 286,000 keys (a dictionary-mode
 * object) costs ~40 ms, and the walk below asks for a large container's size up to four times.
 */
type KeysMemo = WeakMap<object, string[]>

const keysOf = (value: object, memo: KeysMemo): string[] => {
  let keys = memo.get(value)
  if (keys === undefined) memo.set(value, (keys = Object.keys(value)))
  return keys
}

const ownEntries = (value: object, memo: KeysMemo): number => (Array.isArray(value) ? value.length : keysOf(value, memo).length)

/**
 * Whether a container, or one it holds through smaller containers, has more than `limit` entries of its
 * own. The search stops at the first large container: a large map's entries are never looked into (they
 * go out in groups, see chunksOf), so this costs little however many entries a report has.
 */
function holdsLarge(value: object, limit: number, memo: KeysMemo): boolean {
  if (value instanceof StreamedObject) return true
  if (ownEntries(value, memo) > limit) return true
  const children = Array.isArray(value) ? value : keysOf(value, memo).map((key) => (value as Record<string, Json>)[key])
  for (const child of children) if (isContainer(child) && holdsLarge(child, limit, memo)) return true
  return false
}

const indented = (text: string, indent: string): string => (indent === '' ? text : text.replaceAll('\n', `\n${indent}`))

/** JSON text of `value` as JSON.stringify(…, 2) writes it nested at `indent` (bigints as decimal strings). */
export const stringifyNested = (value: Json, indent: string): string => indented(stringify(value) ?? 'null', indent)

/**
 * The text of `JSON.stringify(value, bigintAsDecimal, 2)` plus a final newline, in pieces: a large
 * container (a projection of 286,000 keys) is written a group of entries at a time, so the whole text
 * never exists as one string (a single entry of a large container is stringified whole, however large it
 * is itself). A {@link StreamedObject} is written as its entries are made. By hand because JSON.stringify
 * has no streaming form; each group still goes through it. `streamedEntries` is for tests.
 */
export function* reportChunks(value: Json, streamedEntries = STREAMED_ENTRIES): Generator<string> {
  const root = prepare('', value)
  if (root === undefined || typeof root === 'function' || typeof root === 'symbol') yield String(JSON.stringify(root))
  else yield* chunksOf(root, '', streamedEntries, new WeakMap())
  yield '\n'
}

function* chunksOf(value: Json, indent: string, limit: number, memo: KeysMemo): Generator<string> {
  if (value instanceof StreamedObject) {
    yield* streamedChunks(value, indent)
    return
  }
  if (!isContainer(value) || !holdsLarge(value, limit, memo)) {
    yield indented(stringify(value) ?? 'null', indent)
    return
  }
  const inner = `${indent}  `
  const array = Array.isArray(value)
  const names = array ? undefined : keysOf(value, memo)
  const count = names === undefined ? (value as Json[]).length : names.length
  // A large container's entries go out a group at a time (one JSON.stringify each, its brackets cut off),
  // unread: a map of 286,000 keys is not looked into entry by entry. A small container that holds a
  // large one (a report's top level) is written entry by entry, the large entries walked in turn.
  const grouping = count > limit
  let wrote = false
  let group: Json[] | Record<string, Json> | undefined
  let grouped = 0
  const flush = (): string | undefined => {
    if (group === undefined) return undefined
    const text = stringify(group) ?? ''
    group = undefined
    grouped = 0
    // "{}" when every value of the group is omitted (undefined): nothing to write.
    if (text.length <= 2) return undefined
    const piece = `${wrote ? ',' : ''}\n${inner}${indented(text.slice(4, -2), indent)}`
    wrote = true
    return piece
  }
  yield array ? '[' : '{'
  for (let i = 0; i < count; i++) {
    const name = names === undefined ? String(i) : names[i]!
    const item = (value as Record<string, Json>)[name]
    if (!grouping && isContainer(item) && holdsLarge(item, limit, memo)) {
      const piece = flush()
      if (piece !== undefined) yield piece
      const prepared = prepare(name, item)
      if (!array && (prepared === undefined || typeof prepared === 'function' || typeof prepared === 'symbol')) continue
      yield `${wrote ? ',' : ''}\n${inner}${array ? '' : `${JSON.stringify(name)}: `}`
      wrote = true
      yield* chunksOf(prepared, inner, limit, memo)
      continue
    }
    if (array) ((group ??= []) as Json[]).push(item)
    else ((group ??= Object.create(null) as Record<string, Json>) as Record<string, Json>)[name] = item
    if (++grouped >= GROUP_ENTRIES) {
      const piece = flush()
      if (piece !== undefined) yield piece
    }
  }
  const piece = flush()
  if (piece !== undefined) yield piece
  yield wrote ? `\n${indent}${array ? ']' : '}'}` : array ? ']' : '}'
}

function* streamedChunks(object: StreamedObject, indent: string): Generator<string> {
  const inner = `${indent}  `
  let piece = '{'
  let wrote = false
  for (let index = 0; index < object.size; index++) {
    const text = object.valueText(index, inner)
    if (text === undefined) continue
    piece += `${wrote ? ',' : ''}\n${inner}${JSON.stringify(object.name(index))}: ${text}`
    wrote = true
    if (piece.length >= STREAMED_PIECE_CHARS) {
      yield piece
      piece = ''
    }
  }
  yield wrote ? `${piece}\n${indent}}` : `${piece}}`
}
