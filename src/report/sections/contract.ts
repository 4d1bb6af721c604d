import type { ContractTestMeta } from '../../contract/test-meta.ts'
import type { Mismatch } from '../../contract/types.ts'
import type { MarkdownKit, SectionBuilder } from '../section-builder.ts'

export interface ContractInteractionSummary {
  file: string
  line: number
  description: string
  status: 'passed' | 'failed' | 'skipped'
  format: string | undefined
  consumer: string | undefined
  provider: string | undefined
  mismatches: Array<Pick<Mismatch, 'kind' | 'path' | 'expected' | 'actual' | 'message'>>
  /** Why it could not be verified (provider down, missing state handler, malformed contract). */
  error?: string
  skipReason?: string
}

export interface ContractSection {
  interactions: ContractInteractionSummary[]
}

const MAX_ROWS = 50

function cell(value: unknown): string {
  if (value === undefined || value === null) return '—'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** summary.json's `contract.interactions` and a mismatch table for summary.md. */
export const contractSection: SectionBuilder<ContractSection, ContractTestMeta> = {
  section: 'contract',
  kinds: ['contract'],
  build(tests) {
    if (tests.length === 0) return undefined
    const interactions = tests.map((test): ContractInteractionSummary => {
      const { meta } = test
      const summary: ContractInteractionSummary = {
        file: meta.file ?? test.file,
        line: meta.line ?? test.line ?? 1,
        description: meta.description ?? test.name,
        status: test.state,
        format: meta.format,
        consumer: meta.consumer,
        provider: meta.provider,
        mismatches: (meta.mismatches ?? []).map(({ kind, path, expected, actual, message }) => ({ kind, path, expected, actual, message })),
      }
      if (meta.error) summary.error = meta.error
      if (meta.skipReason) summary.skipReason = meta.skipReason
      return summary
    })
    return { interactions }
  },
  markdown(section: ContractSection, md: MarkdownKit) {
    const count = (status: string) => section.interactions.filter((i) => i.status === status).length
    const parts = [`### Contracts`, '', `${section.interactions.length} interactions: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped.`]
    const rows = section.interactions.flatMap((i) => {
      const where = md.code(`${i.file}:${i.line}`)
      if (i.mismatches.length === 0) return i.error && i.status === 'failed' ? [[where, md.text(i.description), '—', 'error', md.text(i.error.split('\n')[0]), '—']] : []
      return i.mismatches.map((m) => [where, md.text(i.description), md.code(m.path), m.kind, md.code(cell(m.expected)), md.code(cell(m.actual))])
    })
    if (rows.length > 0) {
      parts.push('', md.table(['interaction', 'description', 'path', 'kind', 'expected', 'actual'], rows.slice(0, MAX_ROWS)))
      if (rows.length > MAX_ROWS) parts.push('', `… ${rows.length - MAX_ROWS} more mismatches in summary.json`)
    }
    return parts.join('\n')
  },
}
