import { SpecCiConfigError } from '../../src/errors.ts'

/*
 * Options are checked by hand-written resolvers rather than a schema library: none is a runtime
 * dependency (ajv is a dev dependency, for the report schemas), the checks are a dozen small functions,
 * and every message must speak this package's words: the option path, the quoted value, the known keys,
 * a renamed option's new name, a spec option written one level too high.
 */

/** The subject of a message: `specCi` at the top level, `specCi: conformance.traces[1]` below it. */
export function subject(path: string): string {
  return path === '' ? 'specCi' : `specCi: ${path}`
}

/** `path.key`, or `key` at the top level. */
export function child(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

/** The known name closest to `name` when it looks like a slip of the keyboard (case or a few letters). */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase())
    if (d <= Math.max(1, Math.floor(candidate.length / 4)) && (!best || d < best.distance)) best = { name: candidate, distance: d }
  }
  return best?.name
}

/** Words for a key that is not an option here but means something elsewhere (a renamed option, a spec option). */
export type KeyHint = (key: string) => string | undefined

/**
 * Checks that `value` is a plain object with only `known` keys, and returns it. `where` is the message's
 * subject (see {@link subject}); an unknown key is named with the known ones, the closest of them, or
 * what `hint` says about it.
 */
export function knownKeys<T extends object = Record<string, unknown>>(value: unknown, where: string, known: ReadonlyArray<keyof T & string>, hint?: KeyHint): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SpecCiConfigError(`${where} is ${JSON.stringify(value) ?? String(value)}; expected an object with the options ${known.join(', ')}`)
  for (const key of Object.keys(value)) {
    if ((known as readonly string[]).includes(key)) continue
    const head = where === 'specCi' ? `specCi: unknown option ${JSON.stringify(key)}` : `${where} has unknown option ${JSON.stringify(key)}`
    const said = hint?.(key)
    const closest = closestName(key, known)
    const extra = said ? `. ${said}` : closest ? ` (did you mean ${JSON.stringify(closest)}?)` : ''
    throw new SpecCiConfigError(`${head}; known options are ${known.join(', ')}${extra}`)
  }
  // The keys are checked; each value is checked by the caller, which reads them as T's fields.
  return value as T
}
