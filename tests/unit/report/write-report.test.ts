import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { SectionBuilder } from '../../../src/report/section-builder.ts'
import { writeReport } from '../../../src/report/write-report.ts'

const input = {
  modules: [{ project: 'p', file: 'a.test.ts', durationMs: 1, errors: [], tests: [] }],
  unhandledErrors: [],
  reason: 'passed' as const,
  generatedAt: '2025-01-01T00:00:00.000Z',
}

describe('writeReport', () => {
  test('refuses a builder file outside the report directory and still writes the rest', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'spec-ci-write-'))
    const dir = path.join(parent, 'reports')
    const builder: SectionBuilder<{ n: number }> = {
      section: 'demo',
      kinds: [''],
      build: () => ({ n: 1 }),
      markdown: () => '',
      files: () => [
        { path: '../escaped.json', content: 'x' },
        { path: 'demo/ok.json', content: '{}' },
      ],
    }
    const report = await writeReport(input, [builder], { dir, adapterSummary: false, stepSummaryFile: undefined, outputFile: undefined })
    expect(report.problems).toEqual([expect.stringContaining('"../escaped.json" is not a plain relative path inside the report directory')])
    expect(readdirSync(parent)).toEqual(['reports'])
    expect(readFileSync(path.join(dir, 'demo/ok.json'), 'utf8')).toBe('{}')
    expect(JSON.parse(readFileSync(path.join(dir, 'spec-ci/summary.json'), 'utf8'))).toMatchObject({ status: 'passed', demo: { n: 1 } })
    expect(existsSync(path.join(dir, 'vitest'))).toBe(false)
  })

  test('many report files are all written, a path given twice keeps its last content, and summary.json comes after them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-write-'))
    const files = Array.from({ length: 100 }, (_, i) => ({ path: `trace/t-${i}.json`, content: `{"n":${i}}` }))
    const builder: SectionBuilder<{ n: number }> = {
      section: 'demo',
      kinds: [''],
      build: () => ({ n: 1 }),
      markdown: () => '',
      files: () => [...files, { path: 'trace/t-7.json', content: '{"n":"last"}' }],
    }
    await writeReport(input, [builder], { dir, adapterSummary: false, stepSummaryFile: undefined, outputFile: undefined })
    expect(readdirSync(path.join(dir, 'trace'))).toHaveLength(100)
    expect(readFileSync(path.join(dir, 'trace/t-7.json'), 'utf8')).toBe('{"n":"last"}')
    expect(readFileSync(path.join(dir, 'trace/t-99.json'), 'utf8')).toBe('{"n":99}')
    const { statSync } = await import('node:fs')
    const latest = Math.max(...files.map((f) => statSync(path.join(dir, f.path)).mtimeMs))
    expect(statSync(path.join(dir, 'spec-ci/summary.json')).mtimeMs).toBeGreaterThanOrEqual(latest)
  })

  test('appends to an existing step summary instead of replacing it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-write-'))
    const stepSummaryFile = path.join(dir, 'step.md')
    writeFileSync(stepSummaryFile, '# earlier step\n')
    const report = await writeReport(input, [], { dir, adapterSummary: false, stepSummaryFile, outputFile: undefined })
    expect(readFileSync(stepSummaryFile, 'utf8')).toBe(`# earlier step\n${report.markdown}\n`)
  })
})
