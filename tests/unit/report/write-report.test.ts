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

  test('a report file that already holds its content is left as it is; one that differs (in bytes), a link or a FIFO in its place, or one over 1 MiB is replaced', async () => {
    const { lstatSync, rmSync, statSync, symlinkSync } = await import('node:fs')
    const { execFileSync } = await import('node:child_process')
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-write-'))
    const outside = mkdtempSync(path.join(tmpdir(), 'spec-ci-outside-'))
    let contents: Record<string, string> = { 'trace/same.json': '{"n":1}', 'trace/changed.json': '{"n":2}', 'trace/link.json': '{"n":3}', 'trace/fifo.json': '{"n":4}', 'trace/utf8.json': '\uFFFD\uFFFD\uFFFD', 'trace/large.json': 'x'.repeat((1 << 20) + 1) }
    const builder: SectionBuilder<{ n: number }> = {
      section: 'demo',
      kinds: [''],
      build: () => ({ n: 1 }),
      markdown: () => '',
      files: () => Object.entries(contents).map(([p, content]) => ({ path: p, content })),
    }
    const options = { dir, adapterSummary: false, stepSummaryFile: undefined, outputFile: undefined }
    await writeReport(input, [builder], options)
    const at = (p: string) => path.join(dir, p)
    const before = statSync(at('trace/same.json'))
    const largeBefore = statSync(at('trace/large.json'))
    // In place of two files: a link to a file outside holding the same bytes, and a FIFO (never opened).
    writeFileSync(path.join(outside, 'target.json'), '{"n":3}')
    rmSync(at('trace/link.json'))
    symlinkSync(path.join(outside, 'target.json'), at('trace/link.json'))
    rmSync(at('trace/fifo.json'))
    execFileSync('mkfifo', [at('trace/fifo.json')])
    // Three truncated 4-byte sequences: as many bytes as the content, and decoded, the same three U+FFFD.
    const malformed = Buffer.from([0xf0, 0x9f, 0x98, 0xf0, 0x9f, 0x98, 0xf0, 0x9f, 0x98])
    expect(malformed.toString('utf8')).toBe(contents['trace/utf8.json'])
    writeFileSync(at('trace/utf8.json'), malformed)
    contents = { ...contents, 'trace/changed.json': '{"n":"two"}' }
    await new Promise((resolve) => setTimeout(resolve, 20))
    await writeReport({ ...input, generatedAt: '2025-01-02T00:00:00.000Z' }, [builder], options)
    const after = statSync(at('trace/same.json'))
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
    // Over 1 MiB the file is not read back to be compared: written again, as before.
    expect(statSync(at('trace/large.json')).ino).not.toBe(largeBefore.ino)
    expect(readFileSync(at('trace/large.json'), 'utf8')).toBe(contents['trace/large.json'])
    expect(readFileSync(at('trace/changed.json'), 'utf8')).toBe('{"n":"two"}')
    for (const p of ['trace/link.json', 'trace/fifo.json']) expect(lstatSync(at(p)).isFile(), p).toBe(true)
    expect(readFileSync(at('trace/link.json'), 'utf8')).toBe('{"n":3}')
    expect(readFileSync(path.join(outside, 'target.json'), 'utf8')).toBe('{"n":3}')
    expect(readFileSync(at('trace/fifo.json'), 'utf8')).toBe('{"n":4}')
    expect(readFileSync(at('trace/utf8.json'))).toEqual(Buffer.from('\uFFFD\uFFFD\uFFFD'))
    expect(JSON.parse(readFileSync(at('spec-ci/summary.json'), 'utf8')).generatedAt).toBe('2025-01-02T00:00:00.000Z')
  })

  test('appends to an existing step summary instead of replacing it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-write-'))
    const stepSummaryFile = path.join(dir, 'step.md')
    writeFileSync(stepSummaryFile, '# earlier step\n')
    const report = await writeReport(input, [], { dir, adapterSummary: false, stepSummaryFile, outputFile: undefined })
    expect(readFileSync(stepSummaryFile, 'utf8')).toBe(`# earlier step\n${report.markdown}\n`)
  })
})
