import type { Summary } from './summary-types.ts'

/** The origin's per-adapter file (`vitest/summary.json`) that its aggregator reads. */
export interface AdapterSummary {
  adapter: 'vitest'
  status: 'ok' | 'error'
  summary: string
  details: Array<{ file: string; passed: number; failed: number }>
}

export function toAdapterSummary(summary: Summary): AdapterSummary {
  const details = summary.projects.flatMap((p) => p.files.map((f) => ({ file: f.file, passed: f.passed, failed: f.failed })))
  return {
    adapter: 'vitest',
    status: summary.status === 'passed' ? 'ok' : 'error',
    summary: `Vitest: ${summary.totals.passed} passed, ${summary.totals.failed} failed`,
    details,
  }
}
