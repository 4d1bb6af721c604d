import { diffLines } from 'diff'

export interface Diffstat {
  files: number
  insertions: number
  deletions: number
}

const lineCount = (text: string): number => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0))

/** Lines added and removed between two normalised texts, as `git diff --stat` counts them. */
export function countLineChanges(before: string | undefined, after: string | undefined): { insertions: number; deletions: number } {
  if (before === undefined) return { insertions: lineCount(after ?? ''), deletions: 0 }
  if (after === undefined) return { insertions: 0, deletions: lineCount(before) }
  let insertions = 0
  let deletions = 0
  for (const part of diffLines(before, after)) {
    if (part.added) insertions += part.count ?? 0
    else if (part.removed) deletions += part.count ?? 0
  }
  return { insertions, deletions }
}

/** `git diff --shortstat` wording: "2 files changed, 5 insertions(+), 1 deletion(-)". */
export function formatDiffstat(stat: Diffstat): string {
  if (stat.files === 0) return '0 files changed'
  const parts = [`${stat.files} file${stat.files === 1 ? '' : 's'} changed`]
  if (stat.insertions > 0 || stat.deletions === 0) parts.push(`${stat.insertions} insertion${stat.insertions === 1 ? '' : 's'}(+)`)
  if (stat.deletions > 0) parts.push(`${stat.deletions} deletion${stat.deletions === 1 ? '' : 's'}(-)`)
  return parts.join(', ')
}
