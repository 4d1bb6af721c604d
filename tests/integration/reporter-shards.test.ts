import { existsSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { runVitestCli } from './run-cli.ts'
import { runWithReport, tempDir, withoutVolatile, type ReportRun } from './reporter-helpers.ts'

const FIXTURE = 'reporter-basic'

let unsharded: ReportRun
let merged: ReportRun
let shardReportDir: string
beforeAll(async () => {
  const blobs = tempDir('blobs')
  shardReportDir = tempDir('shard-report')
  for (const shard of ['1/2', '2/2']) {
    const out = path.join(blobs, `blob-${shard.replace('/', '-of-')}.json`)
    const r = await runVitestCli(FIXTURE, ['run', `--shard=${shard}`, '--reporter=blob', `--outputFile=${out}`], { SPEC_CI_REPORT_DIR: shardReportDir })
    expect(r.code, r.stderr).not.toBeNull()
    expect(existsSync(out)).toBe(true)
  }
  merged = await runWithReport(FIXTURE, [`--merge-reports=${blobs}`, '--reporter=vitest-spec-ci/reporter'])
  unsharded = await runWithReport(FIXTURE, ['run'])
})

describe('sharded runs merged with --merge-reports', () => {
  test('a shard writes no summary of its own: its blob report is merged later', () => {
    expect(existsSync(path.join(shardReportDir, 'spec-ci'))).toBe(false)
  })

  test('the merged summary.json equals the unsharded one except generatedAt and durations', () => {
    expect(merged.summary.totals).toMatchObject({ files: 6, tests: 37, failed: 3 })
    expect(withoutVolatile(merged.summaryText)).toBe(withoutVolatile(unsharded.summaryText))
  })

  test('test meta survives the blob round trip, so every trace report is the same', () => {
    expect(merged.summary.conformance.traces).toHaveLength(5)
    const files = (run: ReportRun) => Object.fromEntries(Object.entries(run.files).filter(([f]) => !f.startsWith('spec-ci/')))
    expect(Object.keys(files(merged))).toContain('trace/bad-projection.json')
    expect(files(merged)).toEqual(files(unsharded))
  })

  test('the merged summary.md is byte for byte the unsharded one', () => {
    expect(merged.markdown).toBe(unsharded.markdown)
  })

  test('the named reporter takes the config’s report options (the adapter summary here)', () => {
    expect(merged.files['vitest/summary.json']).toBe(unsharded.files['vitest/summary.json'])
  })
})
