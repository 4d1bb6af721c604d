import type { RunStatus } from '../summary-types.ts'

/** The identifier of history.json's format; bumped only on a breaking change. */
export const HISTORY_SCHEMA_ID = 'vitest-spec-ci/history@1'

/** Failing rule ids kept per run; the rest is counted in `failingRulesTruncated`. */
export const MAX_FAILING_RULES = 200

/** Projects kept per run. */
export const MAX_HISTORY_PROJECTS = 50

export interface HistoryCounts {
  tests: number
  passed: number
  failed: number
  skipped: number
  durationMs: number
}

export interface HistoryProject extends HistoryCounts {
  name: string
  status: string
}

/** One earlier (or this) run, as history.json keeps it: totals only, a few hundred bytes. */
export interface HistoryRun {
  generatedAt: string
  status: RunStatus
  totals: HistoryCounts
  projects: HistoryProject[]
  /** Conformance rules that failed, as `<trace file> › <rule>`, sorted, at most {@link MAX_FAILING_RULES}. */
  failingRules: string[]
  failingRulesTruncated?: number
}

/** `<dir>/spec-ci/history.json`: the last runs, oldest first; the last one is the run that wrote it. */
export interface HistoryFile {
  schema: typeof HISTORY_SCHEMA_ID
  runs: HistoryRun[]
}
