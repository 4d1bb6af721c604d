import type { Reporter, Vitest } from 'vitest/node'
import { shardNotes } from '../../src/report/run-notes.ts'
import { removeStaleSummary } from '../../src/report/stale-summary.ts'
import type { ReportOptions } from '../types.ts'
import { resolveReportOptions } from './resolve-report-options.ts'

/** Marks the shard notice, whichever copy of the package created it. */
export const SHARD_NOTICE = Symbol.for('vitest-spec-ci.shard-notice')

/**
 * Stands in for the summary reporter in a `--shard` run, which writes no summary: at the start it
 * removes a previous run's summary.json and summary.md from the report directory (a job uploading that
 * directory would ship them as this run's), and at the end it says why there is no summary and how to
 * get one.
 */
export class ShardNotice implements Reporter {
  readonly [SHARD_NOTICE] = true
  private vitest: Vitest | undefined
  private removed: string[] = []

  constructor(private readonly options: ReportOptions) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest
    this.removed = removeStaleSummary(resolveReportOptions(this.options, vitest.config.root).dir)
  }

  onTestRunEnd(): void {
    const vitest = this.vitest
    const shard = vitest?.config.shard
    if (!vitest || !shard) return
    for (const line of shardNotes(shard, this.removed)) vitest.logger.log(line)
    this.removed = []
  }
}
