import path from 'node:path'
import type { SerializedError } from 'vitest'
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import { sectionBuilders } from '../../src/report/sections/index.ts'
import { writeReport } from '../../src/report/write-report.ts'
import type { ReportOptions } from '../types.ts'
import { errorText, toReportedModules } from './reported-modules.ts'
import { resolveReportOptions, validateReportOptions } from './resolve-report-options.ts'

/** Marks our reporter, whichever copy of the package created it, so it is never registered twice. */
export const SPEC_CI_REPORTER = Symbol.for('vitest-spec-ci.reporter')

/**
 * Writes `<dir>/spec-ci/summary.json`, `summary.md`, the origin's report files, and (on GitHub
 * Actions) the step summary and outputs, when a run ends. Options only in the constructor; the
 * Vitest context arrives in `onInit`.
 */
export class SpecCiReporter implements Reporter {
  readonly [SPEC_CI_REPORTER] = true
  private readonly options: ReportOptions
  private vitest: Vitest | undefined

  constructor(options: ReportOptions = {}) {
    this.options = validateReportOptions(options, "reporter 'vitest-spec-ci/reporter' options")
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    const vitest = this.vitest
    if (!vitest) return
    const root = vitest.config.root
    const resolved = resolveReportOptions(this.options, root)
    // In watch mode a re-run reports only the files it re-ran; the summary covers every file's latest result.
    const modules = vitest.config.watch ? vitest.state.getTestModules() : testModules
    const report = await writeReport(
      {
        modules: toReportedModules(modules, root),
        unhandledErrors: unhandledErrors.map((e) => errorText(e)),
        reason,
        generatedAt: new Date().toISOString(),
      },
      sectionBuilders,
      {
        dir: resolved.dir,
        adapterSummary: resolved.adapterSummary,
        stepSummaryFile: process.env.GITHUB_STEP_SUMMARY || undefined,
        outputFile: process.env.GITHUB_OUTPUT || undefined,
      },
    )
    for (const problem of report.problems) vitest.logger.error(`vitest-spec-ci: ${problem}`)
    const written = report.written[0]!
    const shown = path.relative(process.cwd(), written)
    vitest.logger.log(`vitest-spec-ci: summary (${report.summary.status}) written to ${shown.startsWith('..') ? written : shown}`)
  }
}
