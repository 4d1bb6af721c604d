import { readdirSync, type Dirent } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import { toPosix } from './posix-path.ts'


/**
 * Calls `visit` for every entry that is not a directory (files, links, special files) below the static
 * base of each glob (`features/` for `features/**\/*.feature`), with its path relative to `root` in
 * POSIX form; never walks into node_modules or .git, nor above `root`. Each entry is visited once.
 */
export function walkGlobBases(root: string, globs: readonly string[], visit: (full: string, rel: string, entry: Dirent) => void): void {
  const seen = new Set<string>()
  for (const base of new Set(globs.map((g) => picomatch.scan(g).base || '.'))) {
    const stack = [path.resolve(root, base)]
    while (stack.length > 0) {
      const dir = stack.pop()!
      let entries
      try {
        entries = readdirSync(dir, { withFileTypes: true })
      } catch {
        continue
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules' && entry.name !== '.git') stack.push(full)
          continue
        }
        const rel = toPosix(path.relative(root, full))
        if (rel.startsWith('../') || seen.has(full)) continue
        seen.add(full)
        visit(full, rel, entry)
      }
    }
  }
}

/**
 * Files under `root` matching the globs and none of `exclude`, as sorted absolute paths (feature and
 * step files, a drift target's inputs).
 */
export function findFiles(root: string, globs: readonly string[], exclude: readonly string[]): string[] {
  const included = picomatch([...globs], { dot: true })
  const excluded = picomatch([...exclude], { dot: true })
  const found: string[] = []
  walkGlobBases(root, globs, (full, rel) => {
    if (included(rel) && !excluded(rel)) found.push(full)
  })
  return found.sort()
}
