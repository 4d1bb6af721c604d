import { appendFileSync, lstatSync, readFileSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import path from 'node:path'
import { toAdapterSummary } from './adapter-summary.ts'
import { writeFileAtomic, writeFileAtomicSync } from '../atomic-write.ts'
import { buildSummary } from './build-summary.ts'
import { githubOutputLines } from './github-output.ts'
import { renderMarkdown } from './render-markdown.ts'
import { pathInside } from './report-path.ts'
import { pruneTraceReports } from './prune-trace-reports.ts'
import type { SectionBuilder } from './section-builder.ts'
import { planDashboard, type DashboardWriteOptions } from './dashboard/plan-dashboard.ts'
import type { Summary, SummaryInput } from './summary-types.ts'
import { stringifyReport } from '../json/stringify-report.ts'

export interface WriteReportOptions {
  /** Absolute report directory; summary files go to `<dir>/spec-ci/`. */
  dir: string
  /** Also write the origin's adapter file `<dir>/vitest/summary.json`. */
  adapterSummary: boolean
  /** Append summary.md here (GitHub's `$GITHUB_STEP_SUMMARY`), when set. */
  stepSummaryFile: string | undefined
  /** Append `status`, `failed`, `tests`, `summary-md` here (GitHub's `$GITHUB_OUTPUT`), when set. */
  outputFile: string | undefined
  /**
   * The run checked every trace (not filtered, not a shard): trace reports in `<dir>/trace/` it did not
   * write belong to traces that are gone, and are removed after the new files are written.
   */
  pruneTraceReports?: boolean
  /** Write `<dir>/spec-ci/index.html` (and history.json when `keep` > 0); `undefined`: no dashboard. */
  dashboard?: DashboardWriteOptions
}

export interface WrittenReport {
  summary: Summary
  markdown: string
  /** Absolute paths written, summary.json first. */
  written: string[]
  /** Builder files refused (a path leaving the report directory); the rest was still written. */
  problems: string[]
  /** Trace reports of traces that are gone, removed (see {@link WriteReportOptions.pruneTraceReports}). */
  removed: string[]
  /** The dashboard's files (index.html, then history.json when kept), absolute; not in `written`. */
  dashboard: string[]
}

/** One file operation of a report: replaced atomically, or appended to (GitHub's files). */
interface ReportWrite {
  file: string
  content: string
  append: boolean
}

/**
 * Every file operation of one run, in order. summary.json and summary.md come after the files they
 * describe, so a reader that sees a new summary also sees them.
 */
function planReport(input: SummaryInput, builders: ReadonlyArray<SectionBuilder>, options: WriteReportOptions): { report: WrittenReport; writes: ReportWrite[] } {
  const { summary, files, sections } = buildSummary(input, builders)
  const markdown = renderMarkdown(summary, sections)
  const writes: ReportWrite[] = []
  const problems: string[] = []
  const dashboard: string[] = []
  if (options.dashboard) {
    // Before summary.json, like the other files it describes; its problems (an unreadable history) do not stop the run.
    const planned = planDashboard(summary, options.dir, options.dashboard)
    problems.push(...planned.problems)
    for (const f of planned.files) writes.push({ file: f.file, content: f.content, append: false })
    dashboard.push(...planned.files.map((f) => f.file).sort((a, b) => (a.endsWith('index.html') ? -1 : b.endsWith('index.html') ? 1 : 0)))
  }
  for (const file of files) {
    try {
      writes.push({ file: pathInside(options.dir, file.path), content: file.content, append: false })
    } catch (error) {
      problems.push((error as Error).message)
    }
  }
  if (options.adapterSummary) writes.push({ file: path.join(options.dir, 'vitest', 'summary.json'), content: stringifyReport(toAdapterSummary(summary)), append: false })
  const jsonFile = path.join(options.dir, 'spec-ci', 'summary.json')
  const mdFile = path.join(options.dir, 'spec-ci', 'summary.md')
  writes.push({ file: jsonFile, content: stringifyReport(summary), append: false }, { file: mdFile, content: markdown, append: false })
  if (options.stepSummaryFile) writes.push({ file: options.stepSummaryFile, content: `${markdown}\n`, append: true })
  if (options.outputFile) writes.push({ file: options.outputFile, content: githubOutputLines(summary, mdFile), append: true })
  const replaced = writes.filter((w) => !w.append && !dashboard.includes(w.file)).map((w) => w.file)
  const written = [jsonFile, mdFile, ...replaced.filter((f) => f !== jsonFile && f !== mdFile)]
  return { report: { summary, markdown, written, problems, removed: [], dashboard }, writes }
}

/** Report files written at once by {@link writeReport} (each is a mkdir, a write and a rename). */
const PARALLEL_WRITES = 16

/** Report files up to this size are compared with what is there before being written (see holdsContent). */
const MAX_COMPARED_BYTES = 1 << 20

/**
 * Whether `file` is a regular file (not a link, FIFO or anything else) holding exactly `content`, of at
 * most {@link MAX_COMPARED_BYTES}. Read synchronously (a small file's read costs a tenth of an async
 * one). Most report files of a run are as
 * the last run left them (the same trace gives the same reports), and rewriting one is what costs: 2,000
 * trace reports written (a temporary file each, then a rename) took 0.7-2 s at the end of a 10 s run of
 * 1,000 traces on this 2-core VM, varying with its disk; reading and comparing them takes some 25 ms.
 */
function holdsContent(file: string, content: string): boolean {
  const bytes = Buffer.byteLength(content)
  // A large report (a projection of many keys) is written as before: comparing it would buffer the
  // whole file on the main thread, for a file whose own bytes are most of its write's cost anyway.
  if (bytes > MAX_COMPARED_BYTES) return false
  try {
    const stats = lstatSync(file, { throwIfNoEntry: false })
    if (!stats?.isFile() || stats.size !== bytes) return false
    // Bytes, not decoded text: malformed UTF-8 there could decode to the same string.
    return readFileSync(file).equals(Buffer.from(content))
  } catch {
    return false
  }
}

/**
 * Atomic writes of distinct files, `limit` at a time, leaving alone those that already hold their content
 * (see {@link holdsContent}); the first failure is thrown once all have settled.
 */
async function writeAtOnce(writes: readonly ReportWrite[], limit: number): Promise<void> {
  let next = 0
  const failures: unknown[] = []
  const worker = async (): Promise<void> => {
    while (next < writes.length) {
      const w = writes[next++]!
      try {
        if (!holdsContent(w.file, w.content)) await writeFileAtomic(w.file, w.content)
      } catch (error) {
        failures.push(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, writes.length) }, worker))
  if (failures.length > 0) throw failures[0]
}

/** Writes every report file of one run; each file is replaced atomically. */
export async function writeReport(input: SummaryInput, builders: ReadonlyArray<SectionBuilder>, options: WriteReportOptions): Promise<WrittenReport> {
  const { report, writes } = planReport(input, builders, options)
  // The files summary.json describes (each trace's reports, the dashboard) are distinct files, written a
  // few at a time: one after the other, 2,000 trace report files took ~1 s of a run of 1,000 traces. The
  // summaries and the appends follow in order, once those are all in place.
  const summaryAt = writes.findIndex((w) => w.file === report.written[0])
  // A path given twice keeps its last content, as when the writes went one after the other.
  const leading = [...new Map(writes.slice(0, summaryAt).map((w) => [w.file, w])).values()]
  await writeAtOnce(leading, PARALLEL_WRITES)
  for (const w of writes.slice(summaryAt)) await (w.append ? appendFile(w.file, w.content) : writeFileAtomic(w.file, w.content))
  if (options.pruneTraceReports) report.removed = await pruneTraceReports(options.dir, report.written)
  return report
}

/** {@link writeReport}, synchronously: for a run cut short by a signal, when the process is about to exit; it never prunes. */
export function writeReportSync(input: SummaryInput, builders: ReadonlyArray<SectionBuilder>, options: WriteReportOptions): WrittenReport {
  const { report, writes } = planReport(input, builders, options)
  for (const w of writes) (w.append ? appendFileSync : writeFileAtomicSync)(w.file, w.content)
  return report
}
