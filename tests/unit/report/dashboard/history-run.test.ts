import { describe, expect, test } from 'vitest'
import { combineHistory, historyRun, newlyFailingRules } from '../../../../src/report/dashboard/history-run.ts'
import type { HistoryRun } from '../../../../src/report/dashboard/history-types.ts'
import type { Summary } from '../../../../src/report/summary-types.ts'

const totals = { files: 2, tests: 4, passed: 3, failed: 1, skipped: 0, durationMs: 12 }

function summary(generatedAt: string, failing: string[]): Summary {
  return {
    schema: 'vitest-spec-ci/summary@1',
    generatedAt,
    status: failing.length ? 'failed' : 'passed',
    totals,
    projects: [{ name: 'conformance', status: 'failed', totals, files: [] }],
    failures: [],
    conformance: {
      traces: [
        {
          file: 'traces/a.ndjson',
          format: 'ndjson',
          gzip: false,
          spec: 'kvonce',
          events: 3,
          valid: failing.length === 0,
          issues: [],
          rules: ['multiple-success', 'event-schema'].map((rule) => ({ rule, severity: 'error' as const, state: failing.includes(rule) ? ('failed' as const) : ('passed' as const), count: failing.includes(rule) ? 1 : 0 })),
        },
      ],
    },
  }
}

const run = (generatedAt: string, failingRules: string[] = []): HistoryRun => ({ ...historyRun(summary(generatedAt, [])), failingRules })

describe('history runs', () => {
  test('a run keeps totals, per project counts and durations, and the failing conformance rules', () => {
    expect(historyRun(summary('2026-01-01T00:00:00.000Z', ['multiple-success']))).toEqual({
      generatedAt: '2026-01-01T00:00:00.000Z',
      status: 'failed',
      totals: { tests: 4, passed: 3, failed: 1, skipped: 0, durationMs: 12 },
      projects: [{ name: 'conformance', status: 'failed', tests: 4, passed: 3, failed: 1, skipped: 0, durationMs: 12 }],
      failingRules: ['traces/a.ndjson › multiple-success'],
    })
  })

  test('combining keeps one run per generatedAt (the later source wins), oldest first, the last N', () => {
    const runs = [run('2026-01-03T00:00:00.000Z'), run('2026-01-01T00:00:00.000Z'), run('2026-01-02T00:00:00.000Z', ['x']), run('2026-01-02T00:00:00.000Z', ['y'])]
    const kept = combineHistory(runs, 2)
    expect(kept.map((r) => r.generatedAt)).toEqual(['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'])
    expect(kept[0]!.failingRules).toEqual(['y'])
  })

  test('newly failing: rules failing in the last run and not in the one before; none without a run before', () => {
    expect(newlyFailingRules([run('1', ['a', 'b']), run('2', ['b', 'c'])])).toEqual(['c'])
    expect(newlyFailingRules([run('2', ['b', 'c'])])).toEqual([])
    expect(newlyFailingRules([])).toEqual([])
  })
})
