import { lstatSync, rmSync } from 'node:fs'
import path from 'node:path'

/**
 * The files only a run that writes a summary may leave in `<dir>/spec-ci/`: the summaries and the
 * dashboard made from them. history.json stays: it is the earlier runs, which the merge adds to.
 */
export function summaryFiles(dir: string): string[] {
  return [path.join(dir, 'spec-ci', 'summary.json'), path.join(dir, 'spec-ci', 'summary.md'), path.join(dir, 'spec-ci', 'index.html')]
}

/**
 * Removes a previous run's summary.json, summary.md and index.html from `dir`, for a run that will write none (a
 * shard): a job uploading the report directory must not ship a summary of another run. Only those two
 * names, only when they are files (a link is removed, not what it points to); a concurrent shard
 * removing them too is harmless. Returns the absolute paths removed.
 */
export function removeStaleSummary(dir: string): string[] {
  const removed: string[] = []
  for (const file of summaryFiles(dir)) {
    const stat = (() => {
      try {
        return lstatSync(file)
      } catch {
        return undefined
      }
    })()
    if (!stat || stat.isDirectory()) continue
    try {
      rmSync(file, { force: true })
      removed.push(file)
    } catch {
      // Not ours to fight over: a shard that cannot remove it says nothing was removed.
    }
  }
  return removed
}
