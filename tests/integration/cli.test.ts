import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { repoRoot, runSpecCi } from './run-cli.ts'

const features = 'tests/fixtures/conformance-features/traces'
const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const tmp = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-cli-'))
  made.push(dir)
  return dir
}

describe('spec-ci trace validate', () => {
  test('--partition-by ATTR (repeatable): keys are per partition of the OTLP resources', async () => {
    const trace = 'tests/fixtures/conformance-partition/traces/two-runs.otlp.json'
    const merged = await runSpecCi(['trace', 'validate', trace, '--out', tmp()])
    expect(merged.code).toBe(1)
    expect(merged.stdout).toContain('rule multiple-success: 1 violation')
    const split = await runSpecCi(['trace', 'validate', trace, '--partition-by', 'service.instance.id', '--out', tmp()])
    expect(split.stderr).toBe('')
    expect(split.code).toBe(0)
    expect(split.stdout).toContain('two-runs.otlp.json: valid (kvonce, otlp-json, 2 events)')
    const bad = await runSpecCi(['trace', 'validate', 'tests/fixtures/conformance-partition/traces/bad-run.otlp.json', '--partition-by', 'service.name', '--partition-by', 'service.instance.id', '--out', tmp()])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('(partition service.name=kvonce, service.instance.id=run-2)')
    const empty = await runSpecCi(['trace', 'validate', trace, '--partition-by', ''])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain('--partition-by: expected an OTLP resource attribute name')
  })

  test('--max-search-steps N (and --max-window-events, --max-states): a bound too small leaves a race undecided, which is invalid', async () => {
    const trace = 'tests/fixtures/conformance-concurrency/traces/three-writers.ndjson'
    const decided = await runSpecCi(['trace', 'validate', trace, '--out', tmp()])
    expect(decided.stderr).toBe('')
    expect(decided.code).toBe(0)
    const bounded = await runSpecCi(['trace', 'validate', trace, '--max-search-steps', '1', '--out', tmp()])
    expect(bounded.code).toBe(1)
    expect(bounded.stdout).toContain('undecided: whether some order of the 3 overlapping events of key "order-42" at lines 1, 2, 3 fits the spec is not known: the search reached its bound of 1 steps (maxSearchSteps)')
    const window = await runSpecCi(['trace', 'validate', trace, '--max-window-events', '2', '--out', tmp()])
    expect(window.code).toBe(1)
    expect(window.stdout).toContain('maxWindowEvents')
    const bad = await runSpecCi(['trace', 'validate', trace, '--max-states', '0'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--max-states 0: expected a positive whole number')
  })

  test('a valid trace: exit 0, verdict line, both origin reports', async () => {
    const dir = tmp()
    const r = await runSpecCi(['trace', 'validate', 'samples/trace/kvonce-valid.ndjson', '--out', dir])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('samples/trace/kvonce-valid.ndjson: valid (kvonce, ndjson, 8 events)')
    expect(JSON.parse(readFileSync(path.join(dir, 'kvonce-valid-validation.json'), 'utf8'))).toEqual({ valid: true, issues: [] })
    const projection = JSON.parse(readFileSync(path.join(dir, 'kvonce-valid-projection.json'), 'utf8'))
    expect(projection).toMatchObject({ format: 'ndjson', spec: 'kvonce', events: 8, keys: 3, eventsByType: { retry: 4, success: 2, failure: 2 } })
    expect(projection.perKey.alpha).toEqual({ retry: 1, success: 1, failure: 1 })
  })

  test('an invalid trace: exit 1, the violations listed, issues with rule ids as type', async () => {
    const dir = tmp()
    const r = await runSpecCi(['trace', 'validate', 'samples/trace/kvonce-sample.ndjson', '--out', dir])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('samples/trace/kvonce-sample.ndjson: invalid (kvonce, ndjson, 5 events)')
    expect(r.stdout).toContain('samples/trace/kvonce-sample.ndjson:4 "beta" — failure "duplicate" for key "beta", which has no earlier success')
    expect(JSON.parse(readFileSync(path.join(dir, 'kvonce-sample-validation.json'), 'utf8'))).toEqual({
      valid: false,
      issues: [{ key: 'beta', type: 'duplicate-without-success', message: 'failure "duplicate" for key "beta", which has no earlier success', line: 4 }],
    })
  })

  test('--max-retries and --spec change the verdict; OTLP and gzip are read too', async () => {
    const dir = tmp()
    const bound = await runSpecCi(['trace', 'validate', 'samples/trace/kvonce-valid.otlp.json', '--max-retries', '2', '--out', dir, '--quiet'])
    expect(bound.code).toBe(1)
    expect(bound.stdout.trim()).toBe('samples/trace/kvonce-valid.otlp.json: invalid (kvonce, otlp-json, 8 events)')
    const inventory = await runSpecCi(['trace', 'validate', 'samples/trace/inventory/inventory-valid.ndjson', '--spec', 'inventory', '--out', dir])
    expect(inventory.code).toBe(0)
    const gz = await runSpecCi(['trace', 'validate', `${features}/bad/whole.ndjson.gz`, '--out', dir])
    expect(gz.stdout).toContain('invalid (kvonce, ndjson gzip, 203 events)')
    expect(existsSync(path.join(dir, 'whole-validation.json'))).toBe(true)
  })

  test('findings about the trace are exit 1, unusable input or arguments exit 2', async () => {
    const dir = tmp()
    expect((await runSpecCi(['trace', 'validate', `${features}/bad/empty.ndjson`, '--out', dir])).code).toBe(1)
    expect((await runSpecCi(['trace', 'validate', `${features}/bad/truncated.ndjson.gz`, '--out', dir])).code).toBe(1)
    const missing = await runSpecCi(['trace', 'validate', 'no/such/trace.ndjson', '--out', dir])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no/such/trace.ndjson')
    const badSpec = await runSpecCi(['trace', 'validate', 'samples/trace/kvonce-valid.ndjson', '--spec', 'nope', '--out', dir])
    expect(badSpec.code).toBe(2)
    expect(badSpec.stderr).toMatch(/--spec nope: not a built-in spec \(kvonce, inventory, register, kv\)/)
    const badOption = await runSpecCi(['trace', 'validate', 'samples/trace/kvonce-valid.ndjson', '--spec', 'inventory', '--max-retries', '2', '--out', dir])
    expect(badOption.code).toBe(2)
    expect(badOption.stderr).toContain('spec "inventory" has no option "maxRetries"; known options: minOnHand')
    const badFlag = await runSpecCi(['trace', 'validate', 'x.ndjson', '--colour'])
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toContain("Unknown option '--colour'")
    expect((await runSpecCi([])).code).toBe(2)
    expect((await runSpecCi(['--help'])).code).toBe(0)
  })

  test('the report directory defaults to $SPEC_CI_REPORT_DIR/trace', async () => {
    const dir = tmp()
    const r = await runSpecCi(['trace', 'validate', path.join(repoRoot, 'samples/trace/kvonce-valid.ndjson')], { cwd: dir, env: { SPEC_CI_REPORT_DIR: 'reports' } })
    expect(r.code).toBe(0)
    expect(existsSync(path.join(dir, 'reports/trace/kvonce-valid-validation.json'))).toBe(true)
  })
})

describe('spec-ci generate check', () => {
  const fixture = path.join(repoRoot, 'tests/fixtures/generate-drift')

  test('drift of each target, with A/M/D files: exit 1 and the origin report, nothing in the tree changed', async () => {
    const dir = tmp()
    const r = await runSpecCi(['generate', 'check', 'manifests/cases.generate.yml', '--out', dir], { cwd: fixture })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('targets/clean: up to date\n')
    expect(r.stdout).toContain('targets/modified: drift: 1 file changed, 1 insertion(+), 1 deletion(-)\n  M targets/modified/schema.json\n')
    expect(r.stdout).toContain('targets/deleted: drift: 1 file changed, 1 deletion(-)\n  D targets/deleted/old.txt\n')
    expect(r.stdout).toContain('targets/volatile: up to date\n')
    const report = JSON.parse(readFileSync(path.join(dir, 'generate-artifacts-diff.json'), 'utf8')) as { targets: Array<{ path: string; files: unknown[] }> }
    expect(report.targets.map((t) => t.path)).toEqual(['targets/clean', 'targets/modified', 'targets/added', 'targets/deleted', 'targets/volatile', 'targets/formatting', 'targets/crlf', 'targets/many'])
    expect(readFileSync(path.join(fixture, 'targets/modified/schema.json'), 'utf8')).toContain('"maxRetries": 3')
  })

  test('--update rewrites the drifted targets like vitest -u; the next check is clean', async () => {
    const copy = mkdtempSync(path.join(repoRoot, 'tests/fixtures/.tmp-cli-'))
    made.push(copy)
    cpSync(fixture, copy, { recursive: true, verbatimSymlinks: true })
    const update = await runSpecCi(['generate', 'check', 'manifests/cases.generate.yml', '--update', '--out', tmp()], { cwd: copy })
    expect(update.code).toBe(0)
    expect(update.stdout).toContain('targets/modified: updated: 1 written, 0 removed\n  wrote targets/modified/schema.json\n')
    expect(update.stdout).toContain('targets/deleted: updated: 0 written, 1 removed\n  removed targets/deleted/old.txt\n')
    expect(existsSync(path.join(copy, 'targets/deleted/old.txt'))).toBe(false)
    const again = await runSpecCi(['generate', 'check', 'manifests/cases.generate.yml', '--out', tmp(), '--quiet'], { cwd: copy })
    expect(again.code).toBe(0)
    expect(again.stdout.trim().split('\n').every((l) => l.endsWith(': up to date'))).toBe(true)
  })

  test('the sample pipeline is up to date: exit 0', async () => {
    const r = await runSpecCi(['generate', 'check', 'samples/kvonce.generate.yml', '--out', tmp(), '--quiet'])
    expect(r.stdout).toBe('samples/artifacts/kvonce: up to date\n')
    expect(r.code).toBe(0)
  })

  test('a failing generator and refused targets: exit 1, each named; a manifest that is not YAML: exit 2 at its line', async () => {
    const failing = await runSpecCi(['generate', 'check', 'manifests/failing.generate.yml', 'manifests/refused.generate.yml', '--out', tmp(), '--quiet'], { cwd: fixture })
    expect(failing.code).toBe(1)
    expect(failing.stdout).toContain('targets/clean: failed: generator exited with code 1\n')
    expect(failing.stdout).toContain('targets/clean: failed: generator did not finish within 1000 ms (timeout); its process group was killed\n')
    expect(failing.stdout).toContain('../outside: failed: target path "../outside" is outside the project root')
    expect(failing.stdout).toContain('manifests/refused.generate.yml:10: targets/clean: unknown field "colour"')
    const broken = await runSpecCi(['generate', 'check', 'manifests/broken.generate.yml', '--out', tmp()], { cwd: fixture })
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('spec-ci: manifests/broken.generate.yml:4: Map keys must be unique')
    expect(broken.stderr).toContain('Usage: spec-ci generate check MANIFEST...')
  })
})
