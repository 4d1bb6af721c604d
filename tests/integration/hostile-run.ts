import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { fixturesDir } from './run-fixture.ts'

/**
 * What the hostile-input tests share (issue 10's acceptance): a throwaway copy of a fixture project with
 * a sibling folder outside it, hashes of both trees before and after the run, and a bound on how long
 * the run may take. No /proc, no timing assertion beyond "it ended at all within a generous bound".
 */

/**
 * Every entry under a tree with a hash of its bytes; symlinks as their target text (never followed), so
 * a write through a link shows on the side it lands. Skipped: the given prefixes, and Vitest's own cache
 * under `node_modules/.vite*` (Vitest creates `node_modules/` for it and writes its results cache there
 * on every run; that is not ours).
 */
export function hashTree(dir: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name)
    const rel = path.relative(dir, full).split(path.sep).join('/')
    if (rel === 'node_modules' || rel.startsWith('node_modules/.vite') || skip.some((prefix) => rel === prefix || rel.startsWith(`${prefix}/`))) continue
    if (entry.isSymbolicLink()) out[rel] = `-> ${readlinkSync(full)}`
    else if (entry.isFile()) out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex')
    else if (entry.isDirectory()) out[`${rel}/`] = 'dir'
    else out[rel] = 'special'
  }
  return out
}

export interface HostileProject {
  /** Absolute path of the project: a fresh copy inside tests/fixtures/ (so `vitest-spec-ci` resolves to this package). */
  dir: string
  /** Its folder name, for `runVitestCli`. */
  name: string
  /** A sibling folder outside the project, holding `keep.txt`; symlinks that lead out point here. */
  outside: string
  /** Writes a file into the project, creating folders. */
  write(rel: string, content: string | Buffer): string
  /**
   * Runs `fn` and checks what a hostile input must never do: the project tree and the sibling folder are
   * hashed before and after, and nothing may differ except under `allowChanged` (relative to the project;
   * the report directory `hermetic-reports` is always allowed). The run must end within `boundMs`.
   */
  guard<T>(fn: () => Promise<T>, options?: { boundMs?: number; allowChanged?: readonly string[] }): Promise<T>
  remove(): void
}

/** A throwaway copy of fixture `name` (or an empty project when `name` is undefined) and its outside sibling. */
export function hostileProject(name: string | undefined, label = name ?? 'empty'): HostileProject {
  const dir = mkdtempSync(path.join(fixturesDir, `.tmp-hostile-${label}-`))
  if (name) cpSync(path.join(fixturesDir, name), dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes(`${path.sep}node_modules${path.sep}.vite`) })
  const outside = `${dir}-outside`
  mkdirSync(outside)
  writeFileSync(path.join(outside, 'keep.txt'), 'this folder is outside the project\n')
  const write = (rel: string, content: string | Buffer): string => {
    const file = path.join(dir, rel)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
    return file
  }
  return {
    dir,
    name: path.basename(dir),
    outside,
    write,
    async guard(fn, options = {}) {
      const allowed = ['hermetic-reports', ...(options.allowChanged ?? [])]
      const beforeInside = hashTree(dir, allowed)
      const beforeOutside = hashTree(outside)
      const bound = options.boundMs ?? 60_000
      let timer: NodeJS.Timeout | undefined
      const result = await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the run did not end within ${bound} ms`)), bound)
        }),
      ]).finally(() => clearTimeout(timer))
      expect(hashTree(outside), 'the folder outside the project changed').toEqual(beforeOutside)
      expect(hashTree(dir, allowed), 'the project changed outside the report directory').toEqual(beforeInside)
      return result
    },
    remove() {
      rmSync(dir, { recursive: true, force: true })
      rmSync(outside, { recursive: true, force: true })
    },
  }
}

/**
 * Whether a process still runs, without /proc: `kill(pid, 0)` says it exists, `ps` says whether it is
 * only a zombie (exited, waiting to be reaped by a parent that may itself be gone).
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().startsWith('Z')
  } catch {
    return false
  }
}
