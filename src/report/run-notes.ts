import path from 'node:path'
import { printable } from '../printable-text.ts'
import { toPosix } from '../posix-path.ts'
import type { GenerateDriftSection } from './sections/generate-drift.ts'
import type { Summary } from './summary-types.ts'

const MAX_LISTED = 50
const PREFIX = 'vitest-spec-ci:'

/** A path as the console shows it: relative to the working directory when inside it, else absolute. */
export function shownPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file)
  return printable(relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : toPosix(relative))
}

function listed(verb: string, files: ReadonlyArray<string>): string[] {
  const lines = files.slice(0, MAX_LISTED).map((f) => `  ${verb} ${printable(f)}`)
  if (files.length > MAX_LISTED) lines.push(`  … ${files.length - MAX_LISTED} more ${verb === 'wrote' ? 'written' : 'removed'}; summary.json lists them all`)
  return lines
}

/**
 * What `vitest -u` changed, per drift target, with the paths (relative to the project root): the files
 * written and removed in the working tree, which a person should see before committing.
 */
export function updateNotes(summary: Summary): string[] {
  const targets = (summary.generate as Partial<GenerateDriftSection> | undefined)?.targets ?? []
  return targets.flatMap((t) => {
    if (!t.updated) return []
    const { written, deleted } = t.updated
    return [
      `${PREFIX} vitest -u updated ${printable(t.path)} (${printable(t.manifest)}:${t.line}): ${written.length} written, ${deleted.length} removed`,
      ...listed('wrote', written),
      ...listed('removed', deleted),
    ]
  })
}

/**
 * The report files besides summary.json and summary.md, by folder: `trace/ (5 files)`, or the file
 * itself when it is alone in its folder.
 */
export function reportFilesNote(dir: string, files: ReadonlyArray<string>, cwd?: string): string | undefined {
  const byFolder = new Map<string, string[]>()
  for (const file of files) {
    const folder = toPosix(path.relative(dir, path.dirname(file)))
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file])
  }
  if (byFolder.size === 0) return undefined
  const parts = [...byFolder].map(([folder, list]) => (list.length === 1 ? printable(toPosix(path.relative(dir, list[0]!))) : `${printable(folder)}/ (${list.length} files)`))
  return `${PREFIX} report files written to ${shownPath(dir, cwd)}: ${parts.join(', ')}`
}

/** The trace reports a full run removed, because their traces are gone. */
export function prunedNote(removed: ReadonlyArray<string>, cwd?: string): string[] {
  if (removed.length === 0) return []
  const shown = removed.slice(0, MAX_LISTED).map((f) => `  removed ${shownPath(f, cwd)}`)
  if (removed.length > MAX_LISTED) shown.push(`  … ${removed.length - MAX_LISTED} more`)
  return [`${PREFIX} removed ${removed.length} trace report${removed.length === 1 ? '' : 's'} of traces this run no longer checks:`, ...shown]
}

/** What a shard run says instead of writing a summary, and which previous summary files it removed. */
/** `a`, `a and b`, `a, b and c`. */
const listing = (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`)

export function shardNotes(shard: { index: number; count: number }, removed: ReadonlyArray<string>, cwd?: string): string[] {
  const lines = [`${PREFIX} shard ${shard.index}/${shard.count}: no summary written; merge the blob reports with --merge-reports --reporter=vitest-spec-ci/reporter`]
  if (removed.length > 0)
    lines.push(`${PREFIX} removed the previous run's ${listing(removed.map((f) => shownPath(f, cwd)))}, so the report directory holds no summary of another run`)
  return lines
}
