import { createMarkdownKit } from './markdown-kit.ts'
import type { SectionBuilder } from './section-builder.ts'
import type { RunStatus, Summary } from './summary-types.ts'

/** The first line of summary.md: how the workflow finds its own PR comment to update. */
export const COMMENT_MARKER = '<!-- vitest-spec-ci -->'

const MAX_FAILURE_ROWS = 20

const HEADLINE: Record<RunStatus, string> = {
  passed: '✅ vitest-spec-ci: passed',
  failed: '❌ vitest-spec-ci: failed',
  interrupted: '⏹️ vitest-spec-ci: interrupted (results below are what finished)',
}

/**
 * summary.md: the marker, per-project counts, each builder's section, and the first failures. Every
 * value that comes from an input (names, paths, messages) goes through the kit, so it renders inert.
 * Nothing here depends on durations or time: identical runs give identical Markdown.
 */
export function renderMarkdown(summary: Summary, sections: ReadonlyArray<{ builder: SectionBuilder; section: unknown }>): string {
  const md = createMarkdownKit()
  const t = summary.totals
  const parts: string[] = [
    COMMENT_MARKER,
    `## ${HEADLINE[summary.status]}`,
    '',
    `**${t.tests} tests** in ${t.files} files: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped.`,
  ]
  if (summary.projects.length > 0) {
    parts.push(
      '',
      md.table(
        ['project', 'status', 'files', 'tests', 'passed', 'failed', 'skipped'],
        summary.projects.map((p) => [md.text(p.name), p.status, p.totals.files, p.totals.tests, p.totals.passed, p.totals.failed, p.totals.skipped]),
      ),
    )
  }
  for (const { builder, section } of sections) {
    const text = builder.markdown(section, md)
    if (text.trim() !== '') parts.push('', text)
  }
  if (summary.failures.length > 0) {
    parts.push('', `### First failures`, '')
    const rows = summary.failures.slice(0, MAX_FAILURE_ROWS).map((f) => [
      f.test === null ? md.text('(outside any test)') : md.text(f.test),
      f.file === null ? '—' : md.code(f.line === null ? f.file : `${f.file}:${f.line}`),
      md.text(f.message.split('\n', 1)[0]),
    ])
    parts.push(md.table(['test', 'where', 'message'], rows))
    if (summary.failures.length > MAX_FAILURE_ROWS) parts.push('', `… ${summary.failures.length - MAX_FAILURE_ROWS} more failures in summary.json`)
  }
  return `${parts.join('\n')}\n`
}
