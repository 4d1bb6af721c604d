import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { expectValidSummary, tempDir } from './reporter-helpers.ts'
import { runVitestCli, type CliResult } from './run-cli.ts'
import { fixturesDir } from './run-fixture.ts'

// What the reporter prints, and which files are in the report directory before and after: each case runs
// a throwaway copy of a fixture inside tests/fixtures/ (so `vitest-spec-ci` resolves to this package's dist/).
const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})
function copyFixture(fixture: string): string {
  const dir = mkdtempSync(path.join(fixturesDir, '.tmp-console-'))
  cpSync(path.join(fixturesDir, fixture), dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes(`${path.sep}hermetic-reports`) })
  made.push(dir)
  return dir
}
// The report directory inside the copy, named relatively: the console shows it relative to the working directory.
const REPORTS = 'hermetic-reports'
const run = (dir: string, args: string[]): Promise<CliResult> => runVitestCli(path.basename(dir), args, { SPEC_CI_REPORT_DIR: REPORTS })
const ours = (r: CliResult): string[] => r.stdout.split('\n').filter((l) => l.startsWith('vitest-spec-ci:') || /^ {2}(wrote|removed) /.test(l))
const list = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : [])

describe('vitest -u on drift targets', () => {
  test('prints, per target, what was written and removed, with paths', async () => {
    const dir = copyFixture('generate-drift')
    for (const m of ['failing', 'refused', 'broken']) rmSync(path.join(dir, `manifests/${m}.generate.yml`))
    expect(existsSync(path.join(dir, 'targets/deleted/old.txt'))).toBe(true)
    const r = await run(dir, ['run', '-u'])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(existsSync(path.join(dir, 'targets/deleted/old.txt'))).toBe(false)
    expect(existsSync(path.join(dir, 'targets/added/new.txt'))).toBe(true)
    const lines = ours(r)
    const block = (target: string): string[] => {
      const start = lines.findIndex((l) => l.startsWith(`vitest-spec-ci: vitest -u updated ${target} `))
      expect(start, `${target} in\n${r.stdout}`).toBeGreaterThan(-1)
      const end = lines.findIndex((l, i) => i > start && l.startsWith('vitest-spec-ci:'))
      return lines.slice(start, end)
    }
    expect(block('targets/modified')).toEqual(['vitest-spec-ci: vitest -u updated targets/modified (manifests/cases.generate.yml:6): 1 written, 0 removed', '  wrote targets/modified/schema.json'])
    expect(block('targets/added')).toEqual(['vitest-spec-ci: vitest -u updated targets/added (manifests/cases.generate.yml:8): 1 written, 0 removed', '  wrote targets/added/new.txt'])
    expect(block('targets/deleted')).toEqual(['vitest-spec-ci: vitest -u updated targets/deleted (manifests/cases.generate.yml:10): 0 written, 1 removed', '  removed targets/deleted/old.txt'])
    // maxReportedFiles caps the report's `files`, not this list: every file written is named.
    expect(block('targets/many').slice(1)).toEqual(['  wrote targets/many/a.txt', '  wrote targets/many/b.txt', '  wrote targets/many/c.txt'])
    expect(lines.filter((l) => l.includes('vitest -u updated'))).toHaveLength(4)
    expect(r.stdout).toContain('vitest-spec-ci: summary (passed) written to hermetic-reports/spec-ci/summary.json')
    expect(r.stdout).toContain('vitest-spec-ci: report files written to hermetic-reports: spec/generate-artifacts-diff.json')

    const again = await run(dir, ['run'])
    expect(again.code).toBe(0)
    expect(again.stdout).not.toContain('vitest -u updated')
  })
})

describe('a shard run', () => {
  test('says it wrote no summary and how to get one, and removes only a previous summary.json, summary.md and dashboard', async () => {
    const dir = copyFixture('reporter-basic')
    const reports = path.join(dir, REPORTS)
    // A previous full run left its summary and trace reports; something else keeps a file in spec-ci/.
    const full = await run(dir, ['run'])
    expect(full.stdout).toContain('vitest-spec-ci: summary (failed) written to hermetic-reports/spec-ci/summary.json')
    writeFileSync(path.join(reports, 'spec-ci/notes.txt'), 'not ours\n')
    const traceReports = list(path.join(reports, 'trace'))
    expect(traceReports).toHaveLength(10)
    const blobs = tempDir('console-blobs')
    const shards: CliResult[] = []
    for (const shard of [1, 2]) shards.push(await run(dir, ['run', `--shard=${shard}/2`, '--reporter=default', '--reporter=blob', `--outputFile.blob=${path.join(blobs, `blob-${shard}.json`)}`]))
    expect(ours(shards[0]!)).toEqual([
      'vitest-spec-ci: shard 1/2: no summary written; merge the blob reports with --merge-reports --reporter=vitest-spec-ci/reporter',
      "vitest-spec-ci: removed the previous run's hermetic-reports/spec-ci/summary.json, hermetic-reports/spec-ci/summary.md and hermetic-reports/spec-ci/index.html, so the report directory holds no summary of another run",
    ])
    // The second shard found nothing left to remove.
    expect(ours(shards[1]!)).toEqual(['vitest-spec-ci: shard 2/2: no summary written; merge the blob reports with --merge-reports --reporter=vitest-spec-ci/reporter'])
    // The history of earlier runs stays: the merge adds its run to it.
    expect(list(path.join(reports, 'spec-ci'))).toEqual(['history.json', 'notes.txt'])
    expect(list(path.join(reports, 'trace'))).toEqual(traceReports)

    const merged = await run(dir, [`--merge-reports=${blobs}`, '--reporter=default', '--reporter=vitest-spec-ci/reporter'])
    expect(merged.stdout).toContain('vitest-spec-ci: summary (failed) written to hermetic-reports/spec-ci/summary.json')
    expect(list(path.join(reports, 'spec-ci'))).toEqual(['history.json', 'index.html', 'notes.txt', 'summary.json', 'summary.md'])
    // The full run before the shards and the merge: two runs of history.
    expect((JSON.parse(readFileSync(path.join(reports, 'spec-ci/history.json'), 'utf8')) as { runs: unknown[] }).runs).toHaveLength(2)
    expectValidSummary(JSON.parse(readFileSync(path.join(reports, 'spec-ci/summary.json'), 'utf8')))
  })
})

describe('trace reports of deleted traces', () => {
  test('a full run removes ours for traces that are gone and says so; filtered runs keep them; nothing else is touched', async () => {
    const dir = copyFixture('reporter-basic')
    const trace = path.join(dir, REPORTS, 'trace')
    const first = await run(dir, ['run'])
    expect(first.stdout).toContain('vitest-spec-ci: report files written to hermetic-reports: trace/ (10 files), vitest/summary.json')
    // Not ours: other names, a sub-folder with our naming, a file beside the folder.
    writeFileSync(path.join(trace, 'notes.txt'), 'keep\n')
    writeFileSync(path.join(trace, 'bad-validation.json.bak'), 'keep\n')
    mkdirSync(path.join(trace, 'archive'))
    writeFileSync(path.join(trace, 'archive/bad-validation.json'), 'keep\n')
    writeFileSync(path.join(dir, REPORTS, 'bad-validation.json'), 'keep\n')
    rmSync(path.join(dir, 'traces/bad.ndjson'))
    const before = list(trace)
    expect(before).toContain('bad-validation.json')

    // Filtered by file, by test name, by shard-merge-less project selection: others' reports are kept.
    for (const args of [['run', 'traces/warned'], ['run', '-t', 'rule'], ['run', '--project', 'default']]) {
      const r = await run(dir, args)
      expect(r.stdout, args.join(' ')).not.toContain('trace report')
      expect(list(trace), args.join(' ')).toEqual(before)
    }

    const full = await run(dir, ['run'])
    expect(ours(full).slice(-3)).toEqual([
      'vitest-spec-ci: removed 2 trace reports of traces this run no longer checks:',
      '  removed hermetic-reports/trace/bad-projection.json',
      '  removed hermetic-reports/trace/bad-validation.json',
    ])
    expect(full.stdout).toContain('vitest-spec-ci: report files written to hermetic-reports: trace/ (8 files), vitest/summary.json')
    expect(list(trace)).toEqual(before.filter((f) => f !== 'bad-projection.json' && f !== 'bad-validation.json'))
    expect(list(path.join(trace, 'archive'))).toEqual(['bad-validation.json'])
    expect(existsSync(path.join(dir, REPORTS, 'bad-validation.json'))).toBe(true)

    // A merge of every shard is a full run too.
    rmSync(path.join(dir, 'traces/hostile.ndjson'))
    const blobs = tempDir('console-prune-blobs')
    for (const shard of [1, 2]) await run(dir, ['run', `--shard=${shard}/2`, '--reporter=blob', `--outputFile.blob=${path.join(blobs, `blob-${shard}.json`)}`])
    const merged = await run(dir, [`--merge-reports=${blobs}`, '--reporter=vitest-spec-ci/reporter'])
    expect(ours(merged)).toContain('vitest-spec-ci: removed 2 trace reports of traces this run no longer checks:')
    expect(list(trace).filter((f) => f.startsWith('hostile-'))).toEqual([])
    expect(list(trace).filter((f) => f.endsWith('.json'))).toHaveLength(6)
    expect(list(trace)).toEqual(expect.arrayContaining(['archive', 'bad-validation.json.bak', 'notes.txt']))
  })
})
