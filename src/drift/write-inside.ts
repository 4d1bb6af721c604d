import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises'
import path from 'node:path'

/**
 * Writes and removals below a base folder that never follow a symbolic link: every folder between the
 * base and the file is checked with lstat (a link or a non-folder there is refused), missing folders
 * are made one at a time, and the checks are repeated right before each rename or unlink, so a folder
 * swapped for a link in the meantime is caught too. The base itself is not checked (it may be a link
 * the user chose, such as a project root under a linked /tmp).
 *
 * What this cannot close: Node has no openat(), so a folder swapped for a link in the instant between
 * the last check and the rename itself is not seen. Only a process racing the update on purpose can
 * hit that window.
 */

export type Obstacle = 'link' | 'not-a-folder' | 'not-a-file' | 'outside'

/** A path below the base where a write or removal must not go: `at` is the link (or non-folder) in the way. */
export class UnsafePathError extends Error {
  constructor(
    readonly at: string,
    readonly obstacle: Obstacle,
  ) {
    super(`${at} is ${DESCRIBED[obstacle]}`)
    this.name = 'UnsafePathError'
  }
}

const DESCRIBED: Record<Obstacle, string> = {
  link: 'a symbolic link',
  'not-a-folder': 'not a folder',
  'not-a-file': 'not a regular file',
  outside: 'outside the folder it must stay in',
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0

async function lstatOrNone(file: string) {
  try {
    return await lstat(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
}

function parts(base: string, dir: string): string[] {
  const rel = path.relative(base, dir)
  if (rel === '') return []
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) throw new UnsafePathError(dir, 'outside')
  return rel.split(path.sep)
}

/**
 * Checks each folder below `base` down to `dir`: each one that exists must be a real folder. With
 * `create`, missing folders are made one at a time (mkdir does not follow a link: an existing name fails
 * with EEXIST and is then checked like the others). Whether `dir` exists at the end.
 */
export async function realFolders(base: string, dir: string, create: boolean): Promise<boolean> {
  let current = base
  for (const part of parts(base, dir)) {
    current = path.join(current, part)
    let stat = await lstatOrNone(current)
    if (!stat) {
      if (!create) return false
      await mkdir(current).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e
      })
      stat = await lstat(current)
    }
    if (stat.isSymbolicLink()) throw new UnsafePathError(current, 'link')
    if (!stat.isDirectory()) throw new UnsafePathError(current, 'not-a-folder')
  }
  return true
}

/** `file` is a regular file or does not exist: never a link (which would be replaced) or a folder. */
export async function fileOrNothing(file: string): Promise<void> {
  const stat = await lstatOrNone(file)
  if (!stat) return
  if (stat.isSymbolicLink()) throw new UnsafePathError(file, 'link')
  if (!stat.isFile()) throw new UnsafePathError(file, 'not-a-file')
}

/**
 * Writes `file` whole or not at all (a temporary file in the same real folder, then a rename), never
 * through a link: see the module comment.
 */
export async function writeFileInside(base: string, file: string, content: Uint8Array): Promise<void> {
  const dir = path.dirname(file)
  await realFolders(base, dir, true)
  await fileOrNothing(file)
  const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`)
  // O_EXCL and O_NOFOLLOW: the temporary name is new, and a link planted there is not followed.
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o666)
  try {
    try {
      await handle.writeFile(content)
    } finally {
      await handle.close()
    }
    // Again right before the rename: a folder may have been swapped for a link since.
    if (!(await realFolders(base, dir, false))) throw new UnsafePathError(dir, 'not-a-folder')
    await fileOrNothing(file)
    await rename(temp, file)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
}

/** Removes the regular file `file`, never through a link, and never a link itself. Missing is fine. */
export async function removeFileInside(base: string, file: string): Promise<void> {
  if (!(await realFolders(base, path.dirname(file), false))) return
  await fileOrNothing(file)
  await unlink(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e
  })
}

/** The generator's bytes of `file`, not through a link planted in `{out}` as the last step. */
export async function readRegularFile(file: string): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | NOFOLLOW)
  try {
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}
