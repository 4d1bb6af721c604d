import { readdir } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'

/**
 * Files under `dir` (relative, `/`-separated, sorted), leaving out `exclude` globs (matched against
 * those relative paths). Symbolic links are not followed: a generator cannot reach outside through them.
 * A missing directory is an empty tree (a target the generator has not produced yet).
 */
export async function listTree(dir: string, exclude: readonly string[] = []): Promise<string[]> {
  const excluded = exclude.length ? picomatch(exclude as string[], { dot: true }) : () => false
  let entries
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
  const files: string[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    if (!excluded(rel)) files.push(rel)
  }
  return files.sort()
}
