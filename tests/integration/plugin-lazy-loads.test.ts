// Every run's main process imports the plugin. The heavy parts only some kinds need (the contract
// parser's regex engine, the drift diff, Cucumber Messages) load when a run uses them, not with it.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, test } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const scratch = mkdtempSync(path.join(tmpdir(), 'spec-ci-lazy-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function modulesLoadedBy(script: string): string[] {
  const log = path.join(scratch, `${Math.random().toString(36).slice(2)}.log`)
  execFileSync(process.execPath, ['--import', path.join(repoRoot, 'tests/fixtures/module-load-log/register.mjs'), '--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, MODULE_LOAD_LOG: log },
  })
  return readFileSync(log, 'utf8').split('\n').filter(Boolean)
}

// The package a module URL belongs to: the name after its last node_modules/ (pnpm's .pnpm/ store included).
const packageOf = (url: string) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]

test('importing the plugin and configuring a conformance project loads no contract, drift-diff or Cucumber Messages code', () => {
  const loaded = modulesLoadedBy(
    `const { specCiProjects } = await import(${JSON.stringify(path.join(repoRoot, 'dist/plugin/index.js'))}); specCiProjects({ conformance: { traces: ['samples/trace/**/*.ndjson'] } })`,
  )
  const packages = new Set(loaded.map(packageOf).filter(Boolean))
  // The log sees the plugin's own dependencies (so an empty log cannot pass this test)…
  expect(packages).toContain('picomatch')
  // …and none of these.
  for (const heavy of ['re2js', 'diff', '@cucumber/messages']) expect(packages, `${heavy} was loaded`).not.toContain(heavy)
})

test('`spec-ci trace validate` of a KvOnce trace loads no drift or canonical-JSON code, and still checks the trace', () => {
  const trace = path.join(scratch, 'one.ndjson')
  writeFileSync(trace, '{"type":"success","key":"k"}\n')
  const bin = path.join(repoRoot, 'dist/cli/bin.js')
  const loaded = modulesLoadedBy(
    `process.argv = [process.argv[0], ${JSON.stringify(bin)}, 'trace', 'validate', ${JSON.stringify(trace)}, '--quiet', '--out', ${JSON.stringify(path.join(scratch, 'out'))}]; await import(${JSON.stringify(bin)})`,
  )
  expect(loaded.some((url) => url.endsWith('/dist/cli/bin.js'))).toBe(true)
  expect(readFileSync(path.join(scratch, 'out', 'one-validation.json'), 'utf8')).toContain('"valid": true')
  const packages = new Set(loaded.map(packageOf).filter(Boolean))
  for (const heavy of ['json-stable-stringify', 'yaml', 'diff']) expect(packages, `${heavy} was loaded`).not.toContain(heavy)
})

test('a whole `vitest run` of a conformance project, reporter included, loads no Cucumber Messages, contract or drift-diff code', () => {
  const log = path.join(scratch, 'run.log')
  const fixture = path.join(repoRoot, 'tests/fixtures/conformance-rules')
  const env: NodeJS.ProcessEnv = { ...process.env, MODULE_LOAD_LOG: log, SPEC_CI_REPORT_DIR: path.join(scratch, 'run-reports') }
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
  const vitest = path.join(repoRoot, 'node_modules/vitest/vitest.mjs')
  // The fixture has failing traces on purpose: the run exits 1, and its summary is what shows it ran.
  spawnSync(process.execPath, ['--import', path.join(repoRoot, 'tests/fixtures/module-load-log/register.mjs'), vitest, 'run', '--project', 'conformance', '--reporter=dot'], { cwd: fixture, env, encoding: 'utf8' })
  const summary = JSON.parse(readFileSync(path.join(scratch, 'run-reports', 'spec-ci', 'summary.json'), 'utf8')) as { totals: { tests: number } }
  expect(summary.totals.tests).toBeGreaterThan(0)
  const packages = new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean).map(packageOf).filter(Boolean))
  expect(packages).toContain('vitest')
  for (const heavy of ['@cucumber/messages', '@cucumber/gherkin', 're2js', 'diff', 'json-stable-stringify']) expect(packages, `${heavy} was loaded`).not.toContain(heavy)
})
