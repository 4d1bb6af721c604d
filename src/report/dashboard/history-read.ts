import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { SUMMARY_SCHEMA_ID, type Summary } from '../summary-types.ts'
import { historyRun } from './history-run.ts'
import { HISTORY_SCHEMA_ID, type HistoryRun } from './history-types.ts'

/** Runs kept from a `history.from` directory, the newest by `generatedAt`. */
export const MAX_SUMMARY_FILES = 500
/** `.json` files looked at under a `history.from` directory at most (in path order); the rest are not read. */
export const MAX_SCANNED_FILES = 2000
/** A summary.json larger than this is skipped (a 1,000-trace run's is a few MB). */
export const MAX_SUMMARY_BYTES = 64 * 1024 * 1024
const MAX_DEPTH = 4

export interface HistoryRead {
  runs: HistoryRun[]
  /** Files that could not be used, each saying why and what to do; the page is still written. */
  problems: string[]
}

function isRun(value: unknown): value is HistoryRun {
  const run = value as HistoryRun
  return (
    typeof run === 'object' && run !== null && typeof run.generatedAt === 'string' && typeof run.status === 'string' &&
    typeof run.totals === 'object' && run.totals !== null && Array.isArray(run.projects) && Array.isArray(run.failingRules)
  )
}

/** `<dir>/spec-ci/history.json` of earlier runs; none when it does not exist. */
export function readHistoryFile(file: string): HistoryRead {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], problems: [] }
    return { runs: [], problems: [`${file}: could not be read (${(error as Error).message}); the history starts again from this run`] }
  }
  try {
    const parsed = JSON.parse(text) as { schema?: unknown; runs?: unknown }
    if (parsed?.schema !== HISTORY_SCHEMA_ID || !Array.isArray(parsed.runs)) throw new Error(`expected { "schema": "${HISTORY_SCHEMA_ID}", "runs": [...] }`)
    return { runs: parsed.runs.filter(isRun), problems: [] }
  } catch (error) {
    return { runs: [], problems: [`${file}: not a history file (${(error as Error).message}); it is replaced by one starting from this run`] }
  }
}

function summaryFiles(dir: string): string[] {
  const found: string[] = []
  const walk = (sub: string, depth: number): void => {
    for (const entry of readdirSync(sub, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(sub, entry.name)
      if (entry.isDirectory() && depth < MAX_DEPTH) walk(full, depth + 1)
      else if (entry.isFile() && entry.name.endsWith('.json')) found.push(full)
      if (found.length >= MAX_SCANNED_FILES) return
    }
  }
  walk(dir, 0)
  return found
}

/**
 * The summary.json files of earlier runs (e.g. CI artifacts downloaded into one folder): every `.json`
 * under `dir` (four folders deep) whose `schema` is summary@1; other JSON files are passed over.
 */
export function readSummaryDir(dir: string): HistoryRead {
  const problems: string[] = []
  let files: string[]
  try {
    files = summaryFiles(dir)
  } catch (error) {
    return { runs: [], problems: [`report.history.from: ${dir} could not be read (${(error as Error).message}); give a directory of earlier summary.json files`] }
  }
  const runs: HistoryRun[] = []
  for (const file of files) {
    try {
      if (statSync(file).size > MAX_SUMMARY_BYTES) continue
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Summary>
      if (parsed?.schema !== SUMMARY_SCHEMA_ID || typeof parsed.generatedAt !== 'string' || !Array.isArray(parsed.projects) || !parsed.totals) continue
      runs.push(historyRun(parsed as Summary))
    } catch (error) {
      if (path.basename(file) === 'summary.json') problems.push(`${file}: not usable as an earlier summary (${(error as Error).message}); it is left out of the history`)
    }
  }
  runs.sort((a, b) => (a.generatedAt < b.generatedAt ? -1 : 1))
  return { runs: runs.slice(-MAX_SUMMARY_FILES), problems }
}
