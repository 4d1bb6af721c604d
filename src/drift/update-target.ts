import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../atomic-write.ts'
import type { FileDrift } from './compare-trees.ts'

export interface TargetUpdate {
  written: string[]
  deleted: string[]
}

/**
 * Brings a committed target in line with the generated tree, like `vitest -u` does for snapshots:
 * each A/M file is written atomically (a temporary file beside it, then renamed over it) with the
 * generator's bytes, each D file is removed. Only the listed files inside `targetDir` are touched.
 */
export async function updateTarget(targetDir: string, generatedDir: string, changes: readonly FileDrift[]): Promise<TargetUpdate> {
  const written: string[] = []
  const deleted: string[] = []
  for (const change of changes) {
    const destination = path.join(targetDir, change.file)
    if (!destination.startsWith(targetDir + path.sep)) throw new Error(`refusing to write ${change.file}: it is outside the target`)
    if (change.status === 'D') {
      await rm(destination, { force: true })
      deleted.push(change.file)
      continue
    }
    await writeFileAtomic(destination, await readFile(path.join(generatedDir, change.file)))
    written.push(change.file)
  }
  return { written, deleted }
}
