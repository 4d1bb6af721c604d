import type { SerializedError } from 'vitest'
import type { Reporter, TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node'
import { prunedNote, reportFilesNote, shownPath, updateNotes } from '../../src/report/run-notes.ts'
import { sectionBuilders } from '../../src/report/sections/index.ts'
import { writeReport, writeReportSync, type WriteReportOptions } from '../../src/report/write-report.ts'
import type { ReportOptions } from '../types.ts'
import { checksEveryTrace } from './checks-every-trace.ts'
import { runHasFeatureTests } from './feature-tests.ts'
import { errorText, toReportedModules } from './reported-modules.ts'
import { resolveReportOptions, validateReportOptions } from './resolve-report-options.ts'
import { thrownText } from '../../src/thrown-value.ts'

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
  private runStartedMs: number | undefined

  constructor(options: ReportOptions = {}) {
    this.options = validateReportOptions(options, "reporter 'vitest-spec-ci/reporter' options")
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  // Ctrl-C or a CI cancellation: Vitest exits on the signal without ending the run, so what finished
  // is written here, synchronously, as an interrupted run. Watched only while a run is in progress.
  private readonly onSignal = (): void => {
    this.stopWatchingSignals()
    const vitest = this.vitest
    if (!vitest) return
    try {
      const report = writeReportSync(this.input(vitest.state.getTestModules(), [], 'interrupted'), sectionBuilders, this.writeOptions(vitest))
      this.logWritten(vitest, report.summary.status, report.written[0]!)
    } catch (error) {
      vitest.logger.error(`vitest-spec-ci: could not write the interrupted run's summary: ${(error as Error).message}`)
    }
  }

  private stopWatchingSignals(): void {
    process.off('SIGINT', this.onSignal)
    process.off('SIGTERM', this.onSignal)
  }

  onTestRunStart(_specifications: ReadonlyArray<TestSpecification>): void {
    this.runStartedMs = Date.now()
    this.stopWatchingSignals()
    process.once('SIGINT', this.onSignal)
    process.once('SIGTERM', this.onSignal)
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    this.stopWatchingSignals()
    const vitest = this.vitest
    if (!vitest) return
    // In watch mode a re-run reports only the files it re-ran; the summary covers every file's latest result.
    const modules = vitest.config.watch ? vitest.state.getTestModules() : testModules
    let report: Awaited<ReturnType<typeof writeReport>>
    let options: WriteReportOptions
    try {
      const pruneTraceReports = await checksEveryTrace(vitest, modules, reason)
      options = { ...this.writeOptions(vitest), pruneTraceReports }
      report = await writeReport(this.input(modules, unhandledErrors, reason), sectionBuilders, options)
    } catch (error) {
      // A summary that could not be written must not pass for one that was: said loudly, and a run
      // (not watch mode, where the next run writes it again) ends failed.
      vitest.logger.error(`vitest-spec-ci: could not write the summary: ${thrownText(error)}`)
      if (!vitest.config.watch) process.exitCode = 1
      return
    }
    for (const problem of report.problems) vitest.logger.error(`vitest-spec-ci: ${problem}`)
    for (const line of updateNotes(report.summary)) vitest.logger.log(line)
    this.logWritten(vitest, report.summary.status, report.written[0]!)
    if (report.dashboard[0]) vitest.logger.log(`vitest-spec-ci: dashboard written to ${shownPath(report.dashboard[0])}`)
    const others = reportFilesNote(options.dir, report.written.slice(2))
    if (others) vitest.logger.log(others)
    for (const line of prunedNote(report.removed)) vitest.logger.log(line)
    await this.writeMessages(vitest, modules)
  }

  /** `<dir>/bdd/cucumber-messages.ndjson` (or the configured path) when the run has feature tests. */
  private async writeMessages(vitest: Vitest, modules: ReadonlyArray<TestModule>): Promise<void> {
    const file = resolveReportOptions(this.options, vitest.config.root).cucumberMessages
    if (!file || !runHasFeatureTests(modules)) return
    try {
      // Loaded here, not with the reporter: a run without features (most runs) never loads @cucumber/messages.
      const { writeCucumberMessages } = await import('./cucumber-messages.ts')
      if (await writeCucumberMessages(file, modules, vitest.config.root, this.runStartedMs, Date.now()))
        vitest.logger.log(`vitest-spec-ci: Cucumber Messages written to ${shownPath(file)}`)
    } catch (error) {
      vitest.logger.error(`vitest-spec-ci: could not write the Cucumber Messages: ${thrownText(error)}`)
      if (!vitest.config.watch) process.exitCode = 1
    }
  }

  private input(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason) {
    return {
      modules: toReportedModules(modules, this.vitest!.config.root),
      unhandledErrors: unhandledErrors.map((e) => errorText(e)),
      reason,
      generatedAt: new Date().toISOString(),
    }
  }

  private writeOptions(vitest: Vitest): WriteReportOptions {
    const resolved = resolveReportOptions(this.options, vitest.config.root)
    return {
      dir: resolved.dir,
      adapterSummary: resolved.adapterSummary,
      dashboard: resolved.dashboard,
      stepSummaryFile: process.env.GITHUB_STEP_SUMMARY || undefined,
      outputFile: process.env.GITHUB_OUTPUT || undefined,
    }
  }

  private logWritten(vitest: Vitest, status: string, written: string): void {
    vitest.logger.log(`vitest-spec-ci: summary (${status}) written to ${shownPath(written)}`)
  }
}
