import type { ConformanceSection } from '../sections/conformance.ts'
import type { Summary, SummaryTotals } from '../summary-types.ts'
import { MAX_FAILING_RULES, MAX_HISTORY_PROJECTS, type HistoryCounts, type HistoryRun } from './history-types.ts'

const counts = (t: SummaryTotals): HistoryCounts => ({ tests: t.tests, passed: t.passed, failed: t.failed, skipped: t.skipped, durationMs: t.durationMs })

/** A conformance rule's identity across runs. */
export const failingRuleId = (file: string, rule: string): string => `${file} › ${rule}`

/** What history.json keeps of a summary: totals, per project counts and durations, the failing rules. */
export function historyRun(summary: Summary): HistoryRun {
  const traces = (summary.conformance as ConformanceSection | undefined)?.traces ?? []
  const failing = traces.flatMap((t) => t.rules.filter((r) => r.state === 'failed').map((r) => failingRuleId(t.file, r.rule))).sort()
  const run: HistoryRun = {
    generatedAt: summary.generatedAt,
    status: summary.status,
    totals: counts(summary.totals),
    projects: summary.projects.slice(0, MAX_HISTORY_PROJECTS).map((p) => ({ name: p.name, status: p.status, ...counts(p.totals) })),
    failingRules: failing.slice(0, MAX_FAILING_RULES),
  }
  if (failing.length > MAX_FAILING_RULES) run.failingRulesTruncated = failing.length - MAX_FAILING_RULES
  return run
}

/**
 * The runs to keep: earlier ones and this one, one per `generatedAt` (the later source wins), oldest
 * first, the last `keep`.
 */
export function combineHistory(runs: ReadonlyArray<HistoryRun>, keep: number): HistoryRun[] {
  const byTime = new Map<string, HistoryRun>()
  for (const run of runs) byTime.set(run.generatedAt, run)
  return [...byTime.values()].sort((a, b) => (a.generatedAt < b.generatedAt ? -1 : a.generatedAt > b.generatedAt ? 1 : 0)).slice(-Math.max(1, keep))
}

/** Rules failing in the last run that did not fail in the run before it; none when there is no run before. */
export function newlyFailingRules(runs: ReadonlyArray<HistoryRun>): string[] {
  const current = runs.at(-1)
  const before = runs.at(-2)
  if (!current || !before) return []
  const previous = new Set(before.failingRules)
  return current.failingRules.filter((r) => !previous.has(r))
}
