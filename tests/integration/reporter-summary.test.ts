import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { runSpecCi } from './run-cli.ts'
import { fixturesDir } from './run-fixture.ts'
import { readReportDir, runWithReport, tempDir, withoutVolatile, type ReportRun } from './reporter-helpers.ts'

const FIXTURE = 'reporter-basic'
const HOSTILE_KEY = '<img src=x onerror=alert(1)> @everyone <!-- vitest-spec-ci --> `x` a|b\n## heading'

let run: ReportRun
let stepSummary: string
let githubOutput: string
beforeAll(async () => {
  const dir = tempDir('gh')
  const stepSummaryFile = path.join(dir, 'step-summary.md')
  const outputFile = path.join(dir, 'output.txt')
  run = await runWithReport(FIXTURE, ['run'], { GITHUB_STEP_SUMMARY: stepSummaryFile, GITHUB_OUTPUT: outputFile })
  stepSummary = readFileSync(stepSummaryFile, 'utf8')
  githubOutput = readFileSync(outputFile, 'utf8')
})

describe('summary.json of a run with failing rules', () => {
  test('the run fails and the reporter says where the summary went', () => {
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`vitest-spec-ci: summary (failed) written to ${path.join(run.dir, 'spec-ci/summary.json')}`)
  })

  test('counts every project, the user’s own tests included, with files relative to the root', () => {
    expect(run.summary).toMatchObject({
      schema: 'vitest-spec-ci/summary@1',
      status: 'failed',
      totals: { files: 6, tests: 37, passed: 33, failed: 3, skipped: 1 },
    })
    expect(run.summary.projects.map((p) => [p.name, p.status, p.totals.tests, p.totals.failed])).toEqual([
      ['conformance', 'failed', 35, 3],
      ['default', 'passed', 2, 0],
    ])
    expect(run.summary.projects[0]!.files).toEqual([
      { file: 'traces/bad.ndjson', status: 'failed', tests: 7, passed: 5, failed: 2, skipped: 0 },
      { file: 'traces/hostile.ndjson', status: 'failed', tests: 7, passed: 6, failed: 1, skipped: 0 },
      { file: 'traces/nested/valid.ndjson', status: 'passed', tests: 7, passed: 7, failed: 0, skipped: 0 },
      { file: 'traces/valid.ndjson', status: 'passed', tests: 7, passed: 7, failed: 0, skipped: 0 },
      { file: 'traces/warned.ndjson', status: 'passed', tests: 7, passed: 7, failed: 0, skipped: 0 },
    ])
    expect(run.summary.projects[1]!.files).toEqual([{ file: 'src/plain.test.ts', status: 'passed', tests: 2, passed: 1, failed: 0, skipped: 1 }])
  })

  test('lists each trace with its format, spec, events and issues in line order', () => {
    const bad = run.summary.conformance.traces.find((t) => t.file === 'traces/bad.ndjson')
    expect(bad).toMatchObject({ format: 'ndjson', gzip: false, spec: 'kvonce', events: 4, valid: false })
    expect(bad!.issues).toEqual([
      { rule: 'multiple-success', line: 3, key: 'alpha', message: 'second success for key "alpha"; the first was at line 1', severity: 'error' },
      { rule: 'duplicate-without-success', line: 4, key: 'delta', message: 'failure "duplicate" for key "delta", which has no earlier success', severity: 'error' },
    ])
    expect(bad!.rules.filter((r) => r.state === 'failed').map((r) => r.rule)).toEqual(['multiple-success', 'duplicate-without-success'])
    const warned = run.summary.conformance.traces.find((t) => t.file === 'traces/warned.ndjson')
    expect(warned).toMatchObject({ valid: true, issues: [{ rule: 'retry-context-missing', line: 2, key: 'k', severity: 'warn' }] })
    expect(run.summary.conformance.traces.map((t) => t.file)).toEqual([
      'traces/bad.ndjson',
      'traces/hostile.ndjson',
      'traces/nested/valid.ndjson',
      'traces/valid.ndjson',
      'traces/warned.ndjson',
    ])
  })

  test('lists every failing test with the line of its first violation', () => {
    expect(run.summary.failures.map((f) => [f.project, f.file, f.line, f.test])).toEqual([
      ['conformance', 'traces/bad.ndjson', 3, 'bad.ndjson > rule multiple-success'],
      ['conformance', 'traces/bad.ndjson', 4, 'bad.ndjson > rule duplicate-without-success'],
      ['conformance', 'traces/hostile.ndjson', 2, 'hostile.ndjson > rule multiple-success'],
    ])
    expect(run.summary.failures[0]!.message).toBe(
      'RuleViolation: rule multiple-success: 1 violation in traces/bad.ndjson\n  traces/bad.ndjson:3 "alpha" — second success for key "alpha"; the first was at line 1',
    )
  })

  test('writes the origin’s trace reports with exactly the bytes `spec-ci trace validate` writes', async () => {
    const cliDir = tempDir('cli')
    // (warned.ndjson is left out: the CLI has no per-rule severities, so its verdict differs by design.)
    const traces = ['bad.ndjson', 'hostile.ndjson', 'valid.ndjson']
    for (const trace of traces) await runSpecCi(['trace', 'validate', path.join(fixturesDir, FIXTURE, 'traces', trace), '--out', cliDir, '--quiet'])
    const cli = readReportDir(cliDir)
    expect(Object.keys(cli)).toHaveLength(6)
    cli['traces__valid.ndjson-validation.json'] = cli['valid-validation.json']!
    cli['traces__valid.ndjson-projection.json'] = cli['valid-projection.json']!
    delete cli['valid-validation.json']
    delete cli['valid-projection.json']
    for (const [file, content] of Object.entries(cli)) expect(run.files[`trace/${file}`], file).toBe(content)
    expect(JSON.parse(run.files['trace/bad-validation.json']!)).toMatchObject({ valid: false, issues: [{ key: 'alpha', type: 'multiple-success', line: 3 }, { key: 'delta', line: 4 }] })
  })

  test('gives two traces with one base name distinct report files', () => {
    expect(Object.keys(run.files).filter((f) => /^trace\/.*valid(\.ndjson)?-/.test(f))).toEqual([
      'trace/traces__valid.ndjson-projection.json',
      'trace/traces__valid.ndjson-validation.json',
      'trace/valid-projection.json',
      'trace/valid-validation.json',
    ])
    expect(JSON.parse(run.files['trace/valid-projection.json']!)).toMatchObject({ format: 'ndjson' })
  })

  test('writes the origin’s adapter summary when `adapterSummary` is on', () => {
    const adapter = JSON.parse(run.files['vitest/summary.json']!)
    expect(adapter).toMatchObject({ adapter: 'vitest', status: 'error', summary: 'Vitest: 33 passed, 3 failed' })
    expect(adapter.details).toContainEqual({ file: 'traces/bad.ndjson', passed: 5, failed: 2 })
    expect(adapter.details).toContainEqual({ file: 'src/plain.test.ts', passed: 1, failed: 0 })
  })

  test('leaves no temporary file behind', () => {
    expect(Object.keys(run.files).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})

describe('summary.md', () => {
  test('starts with the PR comment marker and shows counts, failing rules with file:line and first failures', () => {
    const lines = run.markdown.split('\n')
    expect(lines[0]).toBe('<!-- vitest-spec-ci -->')
    expect(lines[1]).toBe('## ❌ vitest-spec-ci: failed')
    expect(run.markdown).toContain('**37 tests** in 6 files: 33 passed, 3 failed, 1 skipped.')
    expect(run.markdown).toContain('| conformance | failed | 5 | 35 | 32 | 3 | 0 |')
    expect(run.markdown).toContain('| <code>traces/bad.ndjson:3</code> | <code>multiple-success</code> | 1 | alpha |')
    expect(run.markdown).toContain('### First failures')
  })

  test('renders a hostile trace key as inert text: no HTML, no mention, no marker, no code span, no broken table', () => {
    const md = run.markdown
    expect(md).not.toMatch(/<img/i)
    expect(md).not.toContain('@everyone')
    expect(md).toContain('@&#8203;everyone')
    expect(md.split('<!-- vitest-spec-ci -->')).toHaveLength(2)
    expect(md).not.toContain('`')
    expect(md).not.toMatch(/^#+ heading/m)
    const hostileRow = md.split('\n').find((l) => l.includes('traces/hostile.ndjson:2</code> | <code>multiple-success'))!
    // Every row of the table has the header's 5 cells: the input's `|` did not add one.
    expect(hostileRow.split('|')).toHaveLength(7)
    expect(hostileRow).toContain('&#60;img src=x onerror=alert&#40;1&#41;&#62; @&#8203;everyone &#60;&#33;-- vitest-spec-ci --&#62; &#96;x&#96; a&#124;b ↵ &#35;&#35; heading')
    expect(run.summary.conformance.traces[1]!.issues[0]!.key).toBe(HOSTILE_KEY)
  })

  test('is appended to $GITHUB_STEP_SUMMARY', () => {
    expect(stepSummary).toBe(`${run.markdown}\n`)
  })

  test('the run’s status and counts reach $GITHUB_OUTPUT, the path in a heredoc', () => {
    const [head, body] = [githubOutput.split('\n').slice(0, 3), githubOutput.split('\n').slice(3)]
    expect(head).toEqual(['status=failed', 'failed=3', 'tests=37'])
    expect(body[0]).toMatch(/^summary-md<<ghadelimiter_[0-9a-f-]{36}$/)
    expect(body[1]).toBe(path.join(run.dir, 'spec-ci/summary.md'))
    expect(body[2]).toBe(body[0]!.slice('summary-md<<'.length))
  })
})

describe('a passing run', () => {
  test('writes status "passed", an ok adapter summary, and only the traces that ran', async () => {
    const passing = await runWithReport(FIXTURE, ['run', 'traces/valid.ndjson', 'src/'])
    expect(passing.code).toBe(0)
    expect(passing.summary).toMatchObject({ status: 'passed', totals: { files: 2, tests: 9, passed: 8, failed: 0, skipped: 1 }, failures: [] })
    expect(passing.summary.conformance.traces).toEqual([
      expect.objectContaining({ file: 'traces/valid.ndjson', valid: true, events: 2, issues: [] }),
    ])
    expect(JSON.parse(passing.files['vitest/summary.json']!)).toEqual({
      adapter: 'vitest',
      status: 'ok',
      summary: 'Vitest: 8 passed, 0 failed',
      details: [
        { file: 'traces/valid.ndjson', passed: 7, failed: 0 },
        { file: 'src/plain.test.ts', passed: 1, failed: 0 },
      ],
    })
    expect(passing.markdown.split('\n')[1]).toBe('## ✅ vitest-spec-ci: passed')
    expect(passing.markdown).not.toContain('### First failures')
  })
})

describe('determinism and interruption', () => {
  test('an identical second run gives identical bytes except generatedAt and durations', async () => {
    const again = await runWithReport(FIXTURE, ['run'])
    expect(withoutVolatile(again.summaryText)).toBe(withoutVolatile(run.summaryText))
    expect(again.markdown).toBe(run.markdown)
    const origin = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([f]) => !f.startsWith('spec-ci/')))
    expect(origin(again.files)).toEqual(origin(run.files))
  })

  test('a run stopped by --bail writes status "interrupted" with what finished', async () => {
    const bailed = await runWithReport(FIXTURE, ['run', '--bail=1', '--maxWorkers=1', '--no-file-parallelism'])
    expect(bailed.code).toBe(1)
    expect(bailed.summary.status).toBe('interrupted')
    expect(bailed.summary.totals.failed).toBeGreaterThanOrEqual(1)
    expect(bailed.markdown.split('\n')[1]).toBe('## ⏹️ vitest-spec-ci: interrupted (results below are what finished)')
  })
})

describe('next to Vitest’s own reporters', () => {
  test('json, junit and github-actions keep working, and a failing rule is annotated at its trace line', async () => {
    const dir = tempDir('builtins')
    const jsonFile = path.join(dir, 'results.json')
    const junitFile = path.join(dir, 'junit.xml')
    const r = await runWithReport(FIXTURE, [
      'run',
      '--reporter=json',
      '--reporter=junit',
      '--reporter=github-actions',
      `--outputFile.json=${jsonFile}`,
      `--outputFile.junit=${junitFile}`,
    ])
    const trace = path.join(fixturesDir, FIXTURE, 'traces/bad.ndjson')
    expect(r.stdout).toContain(`::error file=${trace},title=[conformance] traces/bad.ndjson > bad.ndjson > rule multiple-success,line=3,column=1::RuleViolation`)
    expect(r.stdout).toContain(`::error file=${trace},title=[conformance] traces/bad.ndjson > bad.ndjson > rule duplicate-without-success,line=4,column=1::`)
    const json = JSON.parse(readFileSync(jsonFile, 'utf8'))
    expect(json).toMatchObject({ numTotalTests: 37, numFailedTests: 3 })
    expect(readFileSync(junitFile, 'utf8')).toContain('<testcase classname="traces/bad.ndjson" name="bad.ndjson &gt; rule multiple-success"')
    // The user's --reporter flags replaced the default output, and our summary is still written.
    expect(r.stdout).not.toContain('Test Files')
    expect(r.summary.totals).toMatchObject({ tests: 37, failed: 3 })
  })
})
