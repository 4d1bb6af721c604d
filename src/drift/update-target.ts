import path from 'node:path'
import type { FileDrift } from './compare-trees.ts'
import { fileOrNothing, readRegularFile, realFolders, removeFileInside, UnsafePathError, writeFileInside } from './write-inside.ts'
import { printable } from '../printable-text.ts'
import { toPosix } from '../posix-path.ts'

export interface TargetUpdate {
  written: string[]
  deleted: string[]
}


// File names come from the generator and the tree: printed escaped, one per line, whatever they hold.
const list = (lines: readonly string[]): string => lines.map((l) => `  ${printable(l)}`).join('\n')

/**
 * Brings a committed target in line with the generated tree, like `vitest -u` does for snapshots:
 * each A/M file is written atomically (a temporary file in the same folder, then renamed over it) with
 * the generator's bytes, each D file is removed. Only the listed files inside `targetDir` are touched,
 * and never through a symbolic link: when any folder from `root` (default: the target's parent) down to
 * a file is a link, or the file itself is one, the whole update is refused before anything is written.
 * The checks are repeated right before each write and removal (see write-inside.ts), so a link that
 * appears meanwhile stops the update there.
 */
export async function updateTarget(targetDir: string, generatedDir: string, changes: readonly FileDrift[], options: { root?: string } = {}): Promise<TargetUpdate> {
  const base = options.root ?? path.dirname(targetDir)
  const show = (p: string): string => toPosix(path.relative(options.root ?? targetDir, p)) || '.'
  const why = (destination: string, error: UnsafePathError): string => {
    if (error.obstacle === 'outside') return `${show(destination)} (outside the target)`
    if (error.at === destination) return `${show(destination)} (${error.obstacle === 'link' ? 'is a symbolic link; it is never replaced' : 'is not a regular file'})`
    return `${show(destination)} (${error.obstacle === 'link' ? `through the symbolic link ${show(error.at)}` : `${show(error.at)} is not a folder`})`
  }
  const destinations = changes.map((change) => ({ change, destination: path.join(targetDir, change.file) }))

  const refused: string[] = []
  for (const { destination } of destinations) {
    try {
      if (!destination.startsWith(targetDir + path.sep)) throw new UnsafePathError(destination, 'outside')
      await realFolders(base, path.dirname(destination), false)
      await fileOrNothing(destination)
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error
      refused.push(why(destination, error))
    }
  }
  if (refused.length > 0)
    throw new Error(
      `update refused, nothing was written: these files lie behind a symbolic link inside the target, or are one (an update never writes through a link nor replaces one); replace each link with the real folder or file\n${list(refused)}`,
    )

  const written: string[] = []
  const deleted: string[] = []
  for (const { change, destination } of destinations) {
    try {
      if (change.status === 'D') {
        await removeFileInside(base, destination)
        deleted.push(change.file)
      } else {
        await writeFileInside(base, destination, await readRegularFile(path.join(generatedDir, change.file)))
        written.push(change.file)
      }
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error
      const done = [...written.map((f) => `written: ${show(path.join(targetDir, f))}`), ...deleted.map((f) => `removed: ${show(path.join(targetDir, f))}`)]
      throw new Error(`update stopped at ${why(destination, error)}: the target changed while it was updated; nothing more was written${done.length ? `; done before it:\n${list(done)}` : ''}`)
    }
  }
  return { written, deleted }
}
