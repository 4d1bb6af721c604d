import { lstatSync } from 'node:fs'
import path from 'node:path'
import { toPosix } from '../posix-path.ts'

export type TargetPath = { ok: true; dir: string } | { ok: false; message: string }


/** The first existing entry from below `root` down to `dir` that is a symbolic link or not a folder, relative to `root`. */
export function obstacleOnTheWay(root: string, dir: string): { at: string; link: boolean } | undefined {
  let current = root
  for (const part of path.relative(root, dir).split(path.sep).filter(Boolean)) {
    current = path.join(current, part)
    let stat
    try {
      stat = lstatSync(current)
    } catch {
      return undefined // the rest does not exist yet: nothing to follow
    }
    if (stat.isSymbolicLink()) return { at: toPosix(path.relative(root, current)), link: true }
    if (!stat.isDirectory()) return { at: toPosix(path.relative(root, current)), link: false }
  }
  return undefined
}

/**
 * The committed directory of a target, refused when it leaves the project root or is reached through
 * a symbolic link (either could let `-u` write or delete outside the project).
 */
export function resolveTargetPath(root: string, target: string): TargetPath {
  if (path.isAbsolute(target)) return { ok: false, message: `target path "${target}" is absolute; give it relative to the project root` }
  const dir = path.resolve(root, target)
  const rel = path.relative(root, dir)
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel))
    return { ok: false, message: `target path "${target}" is outside the project root; targets must be inside it` }
  const obstacle = obstacleOnTheWay(root, dir)
  if (obstacle?.link) return { ok: false, message: `target path "${target}" goes through the symbolic link ${obstacle.at}; give the real directory` }
  if (obstacle) return { ok: false, message: `target path "${target}": ${obstacle.at} is not a directory` }
  return { ok: true, dir }
}
