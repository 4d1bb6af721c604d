import { randomUUID } from 'node:crypto'
import type { Summary } from './summary-types.ts'

/**
 * Lines for `$GITHUB_OUTPUT`: `status`, `failed`, `tests`, and `summary-md` (the path of summary.md).
 * The path is the only free text, so it goes in a heredoc whose delimiter is random and checked not to
 * occur in it: no value can start a line of its own and set another output.
 */
export function githubOutputLines(summary: Summary, summaryMdPath: string): string {
  const lines = [`status=${summary.status}`, `failed=${summary.totals.failed}`, `tests=${summary.totals.tests}`]
  let delimiter = `ghadelimiter_${randomUUID()}`
  while (summaryMdPath.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`
  lines.push(`summary-md<<${delimiter}`, summaryMdPath, delimiter)
  return `${lines.join('\n')}\n`
}
