import { lstat, readdir, rm } from 'node:fs/promises'
import path from 'node:path'

/** The names the conformance section gives its files: `<name>-validation.json`, `<name>-projection.json`. */
export const TRACE_REPORT_NAME = /^.+-(validation|projection)\.json$/

/**
 * After a run that checked every trace (see the reporter's `checksEveryTrace`): removes the trace reports
 * in `<dir>/trace/` this run did not write, which belong to traces that no longer exist (or were
 * renamed). Only regular files named as ours, only directly in that folder; anything else (other names,
 * sub-folders, links) is left alone. Returns the absolute paths removed.
 */
export async function pruneTraceReports(dir: string, written: ReadonlyArray<string>): Promise<string[]> {
  const folder = path.join(dir, 'trace')
  const keep = new Set(written.map((f) => path.resolve(f)))
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return []
    throw error
  }
  const removed: string[] = []
  for (const name of names.sort()) {
    const file = path.join(folder, name)
    if (!TRACE_REPORT_NAME.test(name) || keep.has(file)) continue
    const stat = await lstat(file).catch(() => undefined)
    if (!stat?.isFile()) continue
    await rm(file, { force: true })
    removed.push(file)
  }
  return removed
}
