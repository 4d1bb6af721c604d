import { readdirSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'

const toPosix = (p: string) => p.split(path.sep).join('/')

/**
 * Files under `root` matching the globs and none of `exclude`, as sorted absolute paths (feature and
 * step files, a drift target's inputs). Each glob is walked from its static base (`features/` for
 * `features/**\/*.feature`), never through node_modules or .git.
 */
export function findFiles(root: string, globs: readonly string[], exclude: readonly string[]): string[] {
  const included = picomatch([...globs], { dot: true })
  const excluded = picomatch([...exclude], { dot: true })
  const found = new Set<string>()
  const bases = new Set(globs.map((g) => picomatch.scan(g).base || '.'))
  for (const base of bases) {
    const start = path.resolve(root, base)
    const stack = [start]
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
        if (!rel.startsWith('../') && included(rel) && !excluded(rel)) found.add(full)
      }
    }
  }
  return [...found].sort()
}
