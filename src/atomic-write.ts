import { randomUUID } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

function tempFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`)
}

/**
 * Writes a file whole or not at all: a reader (or a run cut short) never sees half of it. The temporary
 * file sits beside the target, so the rename stays on one file system. Used for reports and for
 * `vitest -u` rewriting drifted artifacts.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = tempFor(file)
  try {
    await writeFile(temp, content)
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** {@link writeFileAtomic}, synchronously: for a signal handler, where the process exits right after. */
export function writeFileAtomicSync(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const temp = tempFor(file)
  try {
    writeFileSync(temp, content)
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
