import { lstatSync } from 'node:fs'
import path from 'node:path'

export type TargetPath = { ok: true; dir: string } | { ok: false; message: string }

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
  let current = root
  for (const part of rel.split(path.sep)) {
    current = path.join(current, part)
    let stat
    try {
      stat = lstatSync(current)
    } catch {
      break // the rest does not exist yet: nothing to follow
    }
    if (stat.isSymbolicLink())
      return { ok: false, message: `target path "${target}" goes through the symbolic link ${path.relative(root, current).split(path.sep).join('/')}; give the real directory` }
    if (!stat.isDirectory()) return { ok: false, message: `target path "${target}": ${path.relative(root, current).split(path.sep).join('/')} is not a directory` }
  }
  return { ok: true, dir }
}
