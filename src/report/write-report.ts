import { appendFile } from 'node:fs/promises'
import path from 'node:path'
import { toAdapterSummary } from './adapter-summary.ts'
import { writeFileAtomic } from './atomic-write.ts'
import { buildSummary } from './build-summary.ts'
import { githubOutputLines } from './github-output.ts'
import { renderMarkdown } from './render-markdown.ts'
import { pathInside } from './report-path.ts'
import type { SectionBuilder } from './section-contract.ts'
import type { Summary, SummaryInput } from './summary-types.ts'

export interface WriteReportOptions {
  /** Absolute report directory; summary files go to `<dir>/spec-ci/`. */
  dir: string
  /** Also write the origin's adapter file `<dir>/vitest/summary.json`. */
  adapterSummary: boolean
  /** Append summary.md here (GitHub's `$GITHUB_STEP_SUMMARY`), when set. */
  stepSummaryFile: string | undefined
  /** Append `status`, `failed`, `tests`, `summary-md` here (GitHub's `$GITHUB_OUTPUT`), when set. */
  outputFile: string | undefined
}

export interface WrittenReport {
  summary: Summary
  markdown: string
  /** Absolute paths written, summary.json first. */
  written: string[]
  /** Builder files refused (a path leaving the report directory); the rest was still written. */
  problems: string[]
}

export function stringifySummary(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`
}

/**
 * Writes every report file of one run. summary.json and summary.md go last, so a reader that sees a
 * new summary also sees the files it describes; each file is replaced atomically.
 */
export async function writeReport(input: SummaryInput, builders: ReadonlyArray<SectionBuilder>, options: WriteReportOptions): Promise<WrittenReport> {
  const { summary, files, sections } = buildSummary(input, builders)
  const markdown = renderMarkdown(summary, sections)
  const written: string[] = []
  const problems: string[] = []
  for (const file of files) {
    let target: string
    try {
      target = pathInside(options.dir, file.path)
    } catch (error) {
      problems.push((error as Error).message)
      continue
    }
    await writeFileAtomic(target, file.content)
    written.push(target)
  }
  if (options.adapterSummary) {
    const target = path.join(options.dir, 'vitest', 'summary.json')
    await writeFileAtomic(target, stringifySummary(toAdapterSummary(summary)))
    written.push(target)
  }
  const jsonFile = path.join(options.dir, 'spec-ci', 'summary.json')
  const mdFile = path.join(options.dir, 'spec-ci', 'summary.md')
  await writeFileAtomic(jsonFile, stringifySummary(summary))
  await writeFileAtomic(mdFile, markdown)
  written.unshift(jsonFile, mdFile)
  if (options.stepSummaryFile) await appendFile(options.stepSummaryFile, `${markdown}\n`)
  if (options.outputFile) await appendFile(options.outputFile, githubOutputLines(summary, mdFile))
  return { summary, markdown, written, problems }
}
