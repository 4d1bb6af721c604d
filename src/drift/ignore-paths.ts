/**
 * Removes volatile fields before comparing. A path is dot-separated keys (`generatedAt`,
 * `meta.build.time`); `*` matches any key or array index at its level; a path without dots also matches
 * that key at any depth, since volatile stamps (`generatedAt`) tend to appear wherever a generator writes them.
 */
export function dropIgnoredPaths(value: unknown, paths: readonly string[]): unknown {
  if (paths.length === 0) return value
  const split = paths.map((p) => p.split('.'))
  const anywhere = new Set(split.filter((p) => p.length === 1).map((p) => p[0]!))
  const rooted = split.filter((p) => p.length > 1)
  return walk(value, rooted, anywhere)
}

function walk(value: unknown, rooted: string[][], anywhere: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => walk(item, descend(rooted, String(i)), anywhere))
  }
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = Object.create(null)
  for (const [key, child] of Object.entries(value)) {
    if (anywhere.has(key) || anywhere.has('*')) continue
    if (rooted.some((p) => p.length === 1 && (p[0] === key || p[0] === '*'))) continue
    out[key] = walk(child, descend(rooted, key), anywhere)
  }
  return out
}

function descend(paths: string[][], key: string): string[][] {
  const next: string[][] = []
  for (const p of paths) if (p.length > 1 && (p[0] === key || p[0] === '*')) next.push(p.slice(1))
  return next
}
