import path from 'node:path'
import { stringifyReport } from '../../json/stringify-report.ts'
import type { Summary } from '../summary-types.ts'
import { buildDashboard } from './build-dashboard.ts'
import { readHistoryFile, readSummaryDir } from './history-read.ts'
import { combineHistory, historyRun } from './history-run.ts'
import { HISTORY_SCHEMA_ID, type HistoryFile, type HistoryRun } from './history-types.ts'

/** What the reporter resolved of `report.dashboard` and `report.history`. */
export interface DashboardWriteOptions {
  /** Runs kept in `<dir>/spec-ci/history.json` (this one included); 0 writes none. */
  keep: number
  /** Absolute directory of earlier summary.json files to chart as well, or `undefined`. */
  from: string | undefined
}

/** Runs charted when only `from` is given (no history.json kept). */
export const MAX_CHARTED_RUNS = 100

export interface PlannedDashboard {
  files: Array<{ file: string; content: string }>
  problems: string[]
  runs: HistoryRun[]
}

/**
 * index.html and history.json of one run, from its summary and what earlier runs left: history.json
 * in the report directory, and the summaries in `from`. Reads only; the caller writes both files.
 */
export function planDashboard(summary: Summary, dir: string, options: DashboardWriteOptions): PlannedDashboard {
  const historyFile = path.join(dir, 'spec-ci', 'history.json')
  const problems: string[] = []
  const earlier: HistoryRun[] = []
  if (options.from) {
    const read = readSummaryDir(options.from)
    earlier.push(...read.runs)
    problems.push(...read.problems)
  }
  if (options.keep > 0) {
    const read = readHistoryFile(historyFile)
    earlier.push(...read.runs)
    problems.push(...read.problems)
  }
  const hasHistory = options.keep > 0 || options.from !== undefined
  const runs = hasHistory ? combineHistory([...earlier, historyRun(summary)], options.keep > 0 ? options.keep : MAX_CHARTED_RUNS) : []
  const files = [{ file: path.join(dir, 'spec-ci', 'index.html'), content: buildDashboard(summary, runs) }]
  if (options.keep > 0) {
    const history: HistoryFile = { schema: HISTORY_SCHEMA_ID, runs }
    files.unshift({ file: historyFile, content: stringifyReport(history) })
  }
  return { files, problems, runs }
}
