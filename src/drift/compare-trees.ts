import { readFileSync } from 'node:fs'
import path from 'node:path'
import { countLineChanges, formatDiffstat, type Diffstat } from './diffstat.ts'
import { normalizeArtifact, sameArtifact } from './normalize.ts'
import { listTree } from './read-tree.ts'

/** Git's letters: the generator now produces a file that is not committed (A), differently (M), or no longer (D). */
export type DriftStatus = 'A' | 'M' | 'D'

export interface FileDrift {
  file: string
  status: DriftStatus
  /** The committed file, normalised (absent for A). */
  expected?: string
  /** The generated file, normalised (absent for D). */
  actual?: string
  /** How the file was compared when that is worth saying (a .json that did not parse, binary). */
  note?: string
}

export interface TreeComparison {
  /** Committed files (relative, sorted), after `exclude`. */
  committed: string[]
  /** Generated files (relative, sorted), after `exclude`. */
  generated: string[]
  /** Files that differ after normalisation, sorted by path. */
  changes: FileDrift[]
  diffstat: Diffstat
  /** `git diff --shortstat` wording of {@link diffstat}. */
  diffstatText: string
}

export interface CompareOptions {
  exclude?: readonly string[]
  ignorePaths?: readonly string[]
}

const YIELD_EVERY = 500

const readIfListed = (dir: string, file: string, listed: boolean): Buffer | undefined => (listed ? readFileSync(path.join(dir, file)) : undefined)

/**
 * Compares a committed tree with a freshly generated one. Files whose bytes are equal are equal
 * without further work; the others are normalised (see {@link normalizeArtifact}) before deciding.
 */
export async function compareTrees(committedDir: string, generatedDir: string, options: CompareOptions = {}): Promise<TreeComparison> {
  const exclude = options.exclude ?? []
  const ignorePaths = options.ignorePaths ?? []
  const [committed, generated] = await Promise.all([listTree(committedDir, exclude), listTree(generatedDir, exclude)])
  const generatedSet = new Set(generated)
  const committedSet = new Set(committed)
  const all = [...new Set([...committed, ...generated])].sort()
  const changes: FileDrift[] = []
  // Synchronous reads of small files are several times faster than the thread pool's; yielding now and
  // then keeps the process responsive on huge targets.
  for (const [i, file] of all.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve))
    const before = readIfListed(committedDir, file, committedSet.has(file))
    const after = readIfListed(generatedDir, file, generatedSet.has(file))
    if (before && after && before.equals(after)) continue
    const expected = before ? normalizeArtifact(file, before, ignorePaths) : undefined
    const actual = after ? normalizeArtifact(file, after, ignorePaths) : undefined
    if (expected && actual && sameArtifact(expected, actual)) continue
    const status: DriftStatus = !expected ? 'A' : !actual ? 'D' : 'M'
    const note = expected?.note ?? actual?.note ?? (expected?.kind === 'binary' || actual?.kind === 'binary' ? 'binary: compared byte for byte' : undefined)
    changes.push({ file, status, ...(expected ? { expected: expected.text } : {}), ...(actual ? { actual: actual.text } : {}), ...(note ? { note } : {}) })
  }
  const diffstat: Diffstat = { files: changes.length, insertions: 0, deletions: 0 }
  for (const change of changes) {
    const { insertions, deletions } = change.note?.startsWith('binary') ? { insertions: 0, deletions: 0 } : countLineChanges(change.expected, change.actual)
    diffstat.insertions += insertions
    diffstat.deletions += deletions
  }
  return { committed, generated, changes, diffstat, diffstatText: formatDiffstat(diffstat) }
}
