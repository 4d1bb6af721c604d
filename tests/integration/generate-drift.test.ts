import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { GenerateDriftSection } from '../../src/report/sections/generate-drift.ts'
import { hashTree, processAlive } from './hostile-run.ts'
import { runWithReport, tempDir } from './reporter-helpers.ts'
import { runVitestCli } from './run-cli.ts'
import { fixturesDir, parseFixture, runFixture, type FixtureRun } from './run-fixture.ts'
import { startWatching } from './watch-runs.ts'

const FIXTURE = 'generate-drift'
const CASES = 'manifests/cases.generate.yml'
const FAILING = 'manifests/failing.generate.yml'
const REFUSED = 'manifests/refused.generate.yml'

/** A throwaway copy of the fixture inside tests/fixtures/ (so `vitest-spec-ci` still resolves to this package). */
function copyFixture(): string {
  const dir = mkdtempSync(path.join(fixturesDir, '.tmp-drift-'))
  cpSync(path.join(fixturesDir, FIXTURE), dir, { recursive: true, verbatimSymlinks: true })
  return dir
}

let run: FixtureRun
let before: Record<string, string>
let after: Record<string, string>
const pidFile = path.join(mkdtempSync(path.join(tmpdir(), 'spec-ci-hang-')), 'pids')
beforeAll(async () => {
  process.env.HANG_PID_FILE = pidFile
  before = hashTree(path.join(fixturesDir, FIXTURE), ['hermetic-reports'])
  run = await runFixture(FIXTURE)
  after = hashTree(path.join(fixturesDir, FIXTURE), ['hermetic-reports'])
})
afterAll(() => {
  delete process.env.HANG_PID_FILE
})

const target = (name: string) => run.cases.filter((c) => c.file === CASES && c.name.startsWith(`targets/${name} > `)).map((c) => [c.name.slice(`targets/${name} > `.length), c.state])

describe('a drift manifest is a test file: per target, the generator and each committed file', () => {
  test('a clean target passes: generator runs, each committed file is up to date, no files added or removed', () => {
    expect(target('clean')).toEqual([
      ['generator runs', 'passed'],
      ['targets/clean/notes.txt is up to date', 'passed'],
      ['targets/clean/schema.json is up to date', 'passed'],
      ['no files added or removed', 'passed'],
    ])
  })

  test('a modified file fails its own test with the normalised committed and generated content, for the IDE diff', () => {
    expect(target('modified')).toEqual([
      ['generator runs', 'passed'],
      ['targets/modified/same.txt is up to date', 'passed'],
      ['targets/modified/schema.json is up to date', 'failed'],
      ['no files added or removed', 'passed'],
    ])
    const test = run.modules.flatMap((m) => [...m.children.allTests()]).find((t) => t.name === 'targets/modified/schema.json is up to date')!
    const error = test.result().errors![0]!
    expect(error.message).toBe('targets/modified/schema.json differs from what the generator produces now (compared normalised); run vitest -u to update it')
    expect(error.expected).toBe('{\n  "maxRetries": 3,\n  "title": "kv"\n}')
    expect(error.actual).toBe('{\n  "maxRetries": 5,\n  "title": "kv"\n}')
    expect(error.diff?.replace(/\x1b\[[0-9;]*m/g, '')).toContain('+   "maxRetries": 5,')
  })

  test('an added file and a deleted file fail "no files added or removed", naming each with A or D', () => {
    expect(target('added')).toEqual([
      ['generator runs', 'passed'],
      ['targets/added/a.txt is up to date', 'passed'],
      ['no files added or removed', 'failed'],
    ])
    expect(run.get(CASES, 'targets/added > no files added or removed').errors[0]!.message).toMatch(/\n {2}A targets\/added\/new\.txt$/)
    expect(target('deleted')).toEqual([
      ['generator runs', 'passed'],
      ['targets/deleted/a.txt is up to date', 'passed'],
      ['targets/deleted/old.txt is up to date', 'failed'],
      ['no files added or removed', 'failed'],
    ])
    expect(run.get(CASES, 'targets/deleted > no files added or removed').errors[0]!.message).toMatch(/\n {2}D targets\/deleted\/old\.txt$/)
  })

  test('only a volatile field, YAML key order, JSON whitespace or CRLF line ends changed: clean', () => {
    for (const name of ['volatile', 'formatting', 'crlf']) expect(target(name).every(([, state]) => state === 'passed'), name).toBe(true)
  })

  test('every test of a target is placed at the target’s line in the manifest, in runs and in static collection', async () => {
    const lines = Object.fromEntries(run.cases.filter((c) => c.file === CASES).map((c) => [c.name, c.location?.line]))
    expect(lines['targets/clean > generator runs']).toBe(3)
    expect(lines['targets/modified > targets/modified/schema.json is up to date']).toBe(6)
    expect(lines['targets/many > no files added or removed']).toBe(19)
    expect(run.get(CASES, 'targets/modified/schema.json is up to date').errors[0]!.line).toBe(6)
    const parsed = await parseFixture(FIXTURE)
    expect(parsed.cases.filter((c) => c.file === CASES).map((c) => [c.name, c.location?.line])).toEqual(
      run.cases.filter((c) => c.file === CASES).map((c) => [c.name, c.location?.line]),
    )
  })

  test('a run without -u changes nothing in the working tree (file hashes before and after)', () => {
    expect(Object.keys(after).length).toBeGreaterThan(30)
    expect(after).toEqual(before)
  })
})

describe('generators that fail', () => {
  test('a generator exiting 1 fails "generator runs" with its exit code and stderr tail; the file tests are skipped', () => {
    const cases = run.cases.filter((c) => c.file === FAILING)
    const failed = cases[0]!
    expect([failed.name, failed.state]).toEqual(['targets/clean > generator runs', 'failed'])
    expect(failed.errors[0]!.message).toBe(
      'targets/clean: generator exited with code 1\n  command: node gen/fail.mjs {out}\n  stderr (last lines):\n    reading samples/specs/kvonce.yml\n    boom: cannot read the spec',
    )
    expect(cases.slice(1, 4).map((c) => c.state)).toEqual(['skipped', 'skipped', 'skipped'])
  })

  test('a hanging generator is killed at its timeout, with the process it started: no stray process is left', () => {
    const hung = run.cases.filter((c) => c.file === FAILING)[4]!
    expect([hung.name, hung.state]).toEqual(['targets/clean > generator runs', 'failed'])
    expect(hung.errors[0]!.message).toMatch(/^targets\/clean: generator did not finish within 1000 ms \(timeout\); its process group was killed\n {2}command: node gen\/hang\.mjs \{out\}/)
    const pids = readFileSync(pidFile, 'utf8').split(' ').map(Number)
    expect(pids).toHaveLength(2)
    for (const pid of pids) expect(processAlive(pid), `pid ${pid}`).toBe(false)
  })
  test('a generator that writes into the committed target or into its own inputs instead of {out} fails "generator runs"', async () => {
    const dir = copyFixture()
    try {
      for (const m of ['cases', 'failing', 'refused', 'broken']) rmSync(path.join(dir, `manifests/${m}.generate.yml`))
      writeFileSync(
        path.join(dir, 'manifests/escape.generate.yml'),
        'targets:\n' +
          '  - path: targets/modified\n    run: node gen/copy.mjs sources/modified targets/modified && node gen/copy.mjs sources/modified {out}\n' +
          '  - path: targets/clean\n    run: node gen/copy.mjs sources/clean {out} && node gen/copy.mjs sources/added sources/clean\n    inputs: [sources/clean/**]\n',
      )
      const result = await runVitestCli(path.basename(dir), ['run'], { SPEC_CI_REPORT_DIR: tempDir('drift-escape') })
      expect(result.code).toBe(1)
      const output = result.stdout + result.stderr
      expect(output).toContain('targets/modified: the generator changed files inside the committed target targets/modified; it must write only into {out}\n  targets/modified/same.txt\n  targets/modified/schema.json')
      expect(output).toContain('targets/clean: the inputs of targets/clean changed while the generator ran (a generator must write only into {out}; or something else wrote them meanwhile)\n  sources/clean/a.txt\n  sources/clean/new.txt')
      // The failure's frame is named after the failing test and placed at the target's line.
      expect(output).toMatch(/❯ generator runs manifests\/escape\.generate\.yml:2:1/)
      expect(output).not.toContain('❯ rule ')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('targets and manifests that cannot be used', () => {
  test('targets outside the root, through a symlink, without {out} or with unknown fields fail at their line; the rest still run', () => {
    const refused = run.cases.filter((c) => c.file === REFUSED).map((c) => [c.name, c.state, c.errors[0]?.line, c.errors[0]?.message])
    expect(refused).toEqual([
      ['../outside > target is valid', 'failed', 2, 'manifests/refused.generate.yml:2: target path "../outside" is outside the project root; targets must be inside it'],
      ['targets/link > target is valid', 'failed', 4, 'manifests/refused.generate.yml:4: target path "targets/link" goes through the symbolic link targets/link; give the real directory'],
      ['targets/clean > target is valid', 'failed', 6, expect.stringContaining('"run" must write into {out}')],
      ['targets/clean > target is valid', 'failed', 10, expect.stringContaining('unknown field "colour" in target targets/clean')],
    ])
  })

  test('vitest -u refuses a target whose folder inside is a symbolic link leading out, and writes nothing', async () => {
    const dir = copyFixture()
    try {
      for (const m of ['cases', 'failing', 'refused', 'broken']) rmSync(path.join(dir, `manifests/${m}.generate.yml`))
      mkdirSync(path.join(dir, 'elsewhere'))
      writeFileSync(path.join(dir, 'elsewhere/victim.txt'), 'keep\n')
      mkdirSync(path.join(dir, 'targets/inner'))
      symlinkSync('../../elsewhere', path.join(dir, 'targets/inner/sub'))
      mkdirSync(path.join(dir, 'sources/inner/sub'), { recursive: true })
      writeFileSync(path.join(dir, 'sources/inner/sub/victim.txt'), 'overwritten\n')
      writeFileSync(path.join(dir, 'manifests/inner.generate.yml'), 'targets:\n  - path: targets/inner\n    run: node gen/copy.mjs sources/inner {out}\n')
      const result = await runVitestCli(path.basename(dir), ['run', '-u'], { SPEC_CI_REPORT_DIR: tempDir('drift-inner-link') })
      expect(result.code).toBe(1)
      expect(result.stdout + result.stderr).toContain(
        'targets/inner: update refused, nothing was written: these files lie behind a symbolic link inside the target, or are one (an update never writes through a link nor replaces one); replace each link with the real folder or file\n  targets/inner/sub/victim.txt (through the symbolic link targets/inner/sub)',
      )
      expect(readFileSync(path.join(dir, 'elsewhere/victim.txt'), 'utf8')).toBe('keep\n')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a manifest that is not valid YAML (a duplicate key) fails one test at the error’s line', () => {
    const broken = run.cases.filter((c) => c.file === 'manifests/broken.generate.yml')
    expect(broken.map((c) => [c.name, c.state, c.errors[0]?.line, c.errors[0]?.message])).toEqual([
      ['manifest can be read', 'failed', 4, 'manifests/broken.generate.yml:4: Map keys must be unique'],
    ])
  })
})

describe('vitest -u', () => {
  let dir: string
  beforeAll(() => {
    dir = copyFixture()
    for (const m of ['failing', 'refused', 'broken']) rmSync(path.join(dir, `manifests/${m}.generate.yml`))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('updates drifted targets atomically, removes D files, reports what it changed, and the next run is clean', async () => {
    const name = path.basename(dir)
    const untouched = hashTree(dir, ['hermetic-reports'])
    const changed = ['targets/modified/schema.json', 'targets/added/new.txt', 'targets/deleted/old.txt', 'targets/many/a.txt', 'targets/many/b.txt', 'targets/many/c.txt']
    for (const file of changed) delete untouched[file]
    const reports = tempDir('drift-u')
    const update = await runVitestCli(name, ['run', '-u'], { SPEC_CI_REPORT_DIR: reports })
    expect(update.code, update.stdout + update.stderr).toBe(0)
    expect(readFileSync(path.join(dir, 'targets/modified/schema.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'sources/modified/schema.json'), 'utf8'))
    expect(readFileSync(path.join(dir, 'targets/added/new.txt'), 'utf8')).toBe('new\n')
    expect(existsSync(path.join(dir, 'targets/deleted/old.txt'))).toBe(false)
    // Nothing else was touched: not the formatting-only or volatile-only files, not the sources.
    const now = hashTree(dir, ['hermetic-reports'])
    for (const file of changed) delete now[file]
    expect(now).toEqual(untouched)
    expect(readdirSync(path.join(dir, 'targets/modified'))).toEqual(['same.txt', 'schema.json']) // no temp files left
    const summary = JSON.parse(readFileSync(path.join(reports, 'spec-ci/summary.json'), 'utf8')) as { generate: GenerateDriftSection }
    expect(summary.generate.targets.find((t) => t.path === 'targets/deleted')!.updated).toEqual({ written: [], deleted: ['targets/deleted/old.txt'] })
    expect(summary.generate.targets.find((t) => t.path === 'targets/modified')!.updated).toEqual({ written: ['targets/modified/schema.json'], deleted: [] })

    const second = await runVitestCli(name, ['run'], { SPEC_CI_REPORT_DIR: tempDir('drift-u2') })
    expect(second.code, second.stdout + second.stderr).toBe(0)
    expect(second.stdout).toContain('30 passed')
    expect(lstatSync(path.join(dir, 'targets/link')).isSymbolicLink()).toBe(true)
  })
})

describe('the report', () => {
  test('summary.json lists each target with its A/M/D files (capped) and diffstat; spec/generate-artifacts-diff.json has the origin’s shape', async () => {
    const report = await runWithReport(FIXTURE, ['run', 'cases'])
    const section = report.summary.generate as GenerateDriftSection
    const byPath = Object.fromEntries(section.targets.map((t) => [t.path, t]))
    expect(byPath['targets/clean']).toMatchObject({ status: 'passed', hasChanges: false, files: [], truncated: 0, diffstat: '0 files changed', generator: { exitCode: 0, timedOut: false } })
    expect(byPath['targets/modified']).toMatchObject({ hasChanges: true, files: [{ status: 'M', file: 'targets/modified/schema.json' }], diffstat: '1 file changed, 1 insertion(+), 1 deletion(-)' })
    // The dashboard's diff: of the normalised texts (canonical JSON here), bounded, one per listed file.
    const [diff] = byPath['targets/modified']!.diffs!
    expect(diff).toMatchObject({ file: 'targets/modified/schema.json', truncated: false })
    expect(diff!.diff).toMatch(/^--- committed\/targets\/modified\/schema\.json\n\+\+\+ generated\/targets\/modified\/schema\.json\n@@ /)
    expect(diff!.diff!.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(2)
    expect(byPath['targets/deleted']!.files).toEqual([{ status: 'D', file: 'targets/deleted/old.txt' }])
    expect(byPath['targets/many']!.diffs!.map((d) => d.file)).toEqual(['targets/many/a.txt', 'targets/many/b.txt'])
    expect(byPath['targets/clean']!.diffs).toBeUndefined()
    // maxReportedFiles: 2 in the fixture's config
    expect(byPath['targets/many']).toMatchObject({ files: [{ status: 'M', file: 'targets/many/a.txt' }, { status: 'M', file: 'targets/many/b.txt' }], truncated: 1, diffstat: '3 files changed, 3 insertions(+), 3 deletions(-)' })
    const origin = JSON.parse(report.files['spec/generate-artifacts-diff.json']!) as { generatedAt: string; targets: unknown[] }
    expect(origin.generatedAt).toBe(report.summary.generatedAt)
    expect(origin.targets).toContainEqual({ path: 'targets/added', hasChanges: true, files: [{ status: 'A', file: 'targets/added/new.txt' }], truncated: 0, diffstat: '1 file changed, 1 insertion(+)' })
    expect(report.markdown).toContain('### Artifact drift')
    expect(report.markdown).toMatch(/\| <code>targets\/many<\/code> \| <code>manifests\/cases\.generate\.yml:19<\/code> \| drift \| A 0 · M 2 · D 0 &#40;\+1 more&#41; \|/)
  })
})

describe('watch mode', () => {
  test('editing an input of a target re-runs its manifest only', async () => {
    const dir = copyFixture()
    try {
      for (const m of ['failing', 'refused', 'broken']) rmSync(path.join(dir, `manifests/${m}.generate.yml`))
      writeFileSync(path.join(dir, 'manifests/other.generate.yml'), 'targets:\n  - path: targets/volatile\n    run: node gen/copy.mjs sources/volatile {out}\n    ignorePaths: [generatedAt]\n')
      const { vitest, runs, nextRun } = await startWatching(dir)
      try {
        expect(runs).toEqual([['cases.generate.yml', 'other.generate.yml']])
        const rerun = nextRun()
        writeFileSync(path.join(dir, 'sources/clean/notes.txt'), 'edited\n')
        await rerun
        expect(runs[1]).toEqual(['cases.generate.yml'])
        const notes = [...vitest.state.getTestModules()].flatMap((m) => [...m.children.allTests()]).find((t) => t.name === 'targets/clean/notes.txt is up to date')!
        expect(notes.result().state).toBe('failed')
      } finally {
        await vitest.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('pressing u (update snapshots) rewrites the drifted files, and that run passes', async () => {
    const dir = copyFixture()
    try {
      for (const m of ['failing', 'refused', 'broken']) rmSync(path.join(dir, `manifests/${m}.generate.yml`))
      const { vitest, runs } = await startWatching(dir)
      try {
        expect(vitest.state.getCountOfFailedTests()).toBeGreaterThan(0)
        await vitest.updateSnapshot()
        expect(runs).toHaveLength(2)
        expect(readFileSync(path.join(dir, 'targets/modified/schema.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'sources/modified/schema.json'), 'utf8'))
        expect(existsSync(path.join(dir, 'targets/deleted/old.txt'))).toBe(false)
        expect(vitest.state.getCountOfFailedTests()).toBe(0)
      } finally {
        await vitest.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
