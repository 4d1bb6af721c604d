import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { repoRoot, runSpecCi } from './run-cli.ts'

const features = 'tests/fixtures/conformance-features/traces'
let out: string
afterEach(() => rmSync(out, { recursive: true, force: true }))
const tmp = () => (out = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-cli-')))

describe('spec-ci trace validate', () => {
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
    expect(badSpec.stderr).toMatch(/--spec nope: not a built-in spec \(kvonce, inventory\)/)
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
