import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { HistoryFile } from '../../../../src/report/dashboard/history-types.ts'
import { writeReport, type WriteReportOptions } from '../../../../src/report/write-report.ts'

const input = (generatedAt: string) => ({
  modules: [{ project: 'p', file: 'a.test.ts', durationMs: 1, errors: [], tests: [] }],
  unhandledErrors: [],
  reason: 'passed' as const,
  generatedAt,
})

const base = (dir: string): WriteReportOptions => ({ dir, adapterSummary: false, stepSummaryFile: undefined, outputFile: undefined })
const readHistory = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'spec-ci/history.json'), 'utf8')) as HistoryFile

describe('the dashboard files of a report', () => {
  test('index.html beside the summary; history.json grows by one run per run and keeps the last N', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-dash-'))
    for (const day of ['01', '02', '03']) {
      const report = await writeReport(input(`2026-01-${day}T00:00:00.000Z`), [], { ...base(dir), dashboard: { keep: 2, from: undefined } })
      expect(report.dashboard).toEqual([path.join(dir, 'spec-ci/index.html'), path.join(dir, 'spec-ci/history.json')])
      expect(report.problems).toEqual([])
    }
    expect(readHistory(dir).runs.map((r) => r.generatedAt)).toEqual(['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'])
    expect(readdirSync(path.join(dir, 'spec-ci')).sort()).toEqual(['history.json', 'index.html', 'summary.json', 'summary.md'])
    expect(readFileSync(path.join(dir, 'spec-ci/index.html'), 'utf8')).toContain('"generatedAt":"2026-01-02T00:00:00.000Z"')
  })

  test('a directory of earlier summaries is read (summary@1 files only, any depth up to 4) and never written', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'spec-ci-dash-'))
    const from = path.join(parent, 'previous')
    const dir = path.join(parent, 'reports')
    const earlier = await writeReport(input('2025-12-30T00:00:00.000Z'), [], base(path.join(parent, 'old')))
    mkdirSync(path.join(from, 'run-1/spec-ci'), { recursive: true })
    writeFileSync(path.join(from, 'run-1/spec-ci/summary.json'), JSON.stringify(earlier.summary))
    writeFileSync(path.join(from, 'other.json'), '{"schema":"something-else"}')
    writeFileSync(path.join(from, 'summary.json'), '{ not json')
    const before = readdirSync(from, { recursive: true }).sort()
    const report = await writeReport(input('2026-01-01T00:00:00.000Z'), [], { ...base(dir), dashboard: { keep: 0, from } })
    expect(report.problems).toEqual([expect.stringMatching(/summary\.json: not usable as an earlier summary .*; it is left out of the history$/)])
    expect(report.dashboard).toEqual([path.join(dir, 'spec-ci/index.html')])
    expect(existsSync(path.join(dir, 'spec-ci/history.json'))).toBe(false)
    const html = readFileSync(path.join(dir, 'spec-ci/index.html'), 'utf8')
    expect(html).toContain('"history":[{"generatedAt":"2025-12-30T00:00:00.000Z"')
    expect(readdirSync(from, { recursive: true }).sort()).toEqual(before)
  })

  test('a history.json that is not one is reported and replaced by one starting from this run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-dash-'))
    mkdirSync(path.join(dir, 'spec-ci'))
    writeFileSync(path.join(dir, 'spec-ci/history.json'), '[1, 2]')
    const report = await writeReport(input('2026-01-01T00:00:00.000Z'), [], { ...base(dir), dashboard: { keep: 20, from: undefined } })
    expect(report.problems).toEqual([`${path.join(dir, 'spec-ci/history.json')}: not a history file (expected { "schema": "vitest-spec-ci/history@1", "runs": [...] }); it is replaced by one starting from this run`])
    expect(readHistory(dir).runs).toHaveLength(1)
  })

  test('without the dashboard option nothing but the summaries is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-dash-'))
    const report = await writeReport(input('2026-01-01T00:00:00.000Z'), [], base(dir))
    expect(report.dashboard).toEqual([])
    expect(readdirSync(path.join(dir, 'spec-ci')).sort()).toEqual(['summary.json', 'summary.md'])
  })
})
