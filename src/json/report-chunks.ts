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

/** What JSON.stringify does to a value before writing it: toJSON, then the replacer. */
function prepare(holderKey: string, value: Json): Json {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON
  if (typeof toJSON === 'function' && isContainer(value)) value = toJSON.call(value, holderKey)
  return bigintAsDecimal(holderKey, value)
}

/** Whether a container, or one it holds at any depth, has more than `limit` entries of its own (no allocation: it runs per entry). */
function holdsLarge(value: object, limit: number): boolean {
  if (Array.isArray(value)) {
    if (value.length > limit) return true
    for (let i = 0; i < value.length; i++) {
      const child: Json = value[i]
      if (isContainer(child) && holdsLarge(child, limit)) return true
    }
    return false
  }
  let own = 0
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue
    if (++own > limit) return true
    const child = (value as Record<string, Json>)[name]
    if (isContainer(child) && holdsLarge(child, limit)) return true
  }
  return false
}

const indented = (text: string, indent: string): string => (indent === '' ? text : text.replaceAll('\n', `\n${indent}`))

/**
 * The text of `JSON.stringify(value, bigintAsDecimal, 2)` plus a final newline, in pieces: a large
 * container (a projection of 286,000 keys) is written a group of entries at a time, so the whole text
 * never exists as one string. By hand because JSON.stringify has no streaming form; each group still goes
 * through it. `streamedEntries` is for tests.
 */
export function* reportChunks(value: Json, streamedEntries = STREAMED_ENTRIES): Generator<string> {
  const root = prepare('', value)
  if (root === undefined || typeof root === 'function' || typeof root === 'symbol') yield String(JSON.stringify(root))
  else yield* chunksOf(root, '', streamedEntries)
  yield '\n'
}

function* chunksOf(value: Json, indent: string, limit: number): Generator<string> {
  if (!isContainer(value) || !holdsLarge(value, limit)) {
    yield indented(stringify(value) ?? 'null', indent)
    return
  }
  const inner = `${indent}  `
  const array = Array.isArray(value)
  const names = array ? undefined : Object.keys(value)
  const count = names === undefined ? (value as Json[]).length : names.length
  let wrote = false
  // Entries of small values go out a group at a time (one JSON.stringify, its braces cut off); an entry
  // that holds a large container is walked in turn.
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
    if (isContainer(item) && holdsLarge(item, limit)) {
      const piece = flush()
      if (piece !== undefined) yield piece
      const prepared = prepare(name, item)
      if (!array && (prepared === undefined || typeof prepared === 'function' || typeof prepared === 'symbol')) continue
      yield `${wrote ? ',' : ''}\n${inner}${array ? '' : `${JSON.stringify(name)}: `}`
      wrote = true
      yield* chunksOf(prepared, inner, limit)
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
