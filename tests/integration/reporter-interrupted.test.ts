import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import type { Summary } from '../../src/report/summary-types.ts'
import { expectValidSummary, tempDir } from './reporter-helpers.ts'
import { repoRoot } from './run-cli.ts'
import { fixturesDir } from './run-fixture.ts'

test('Ctrl-C during a run writes an interrupted summary of what finished', async () => {
  const dir = tempDir('interrupted')
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', SPEC_CI_REPORT_DIR: dir }
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') delete env[key]
  const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run'], {
    cwd: path.join(fixturesDir, 'reporter-interrupted'),
    env,
  })
  let out = ''
  const bothTracesDone = new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      // eslint-disable-next-line no-control-regex
      out += d.toString().replace(/\u001b\[[0-9;]*m/g, '')
      if (/traces\/ok\.ndjson \(7 tests/.test(out) && /traces\/twice\.ndjson \(7 tests/.test(out)) resolve()
    })
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  try {
    await bothTracesDone
  } finally {
    child.kill('SIGINT')
  }
  expect(await exited).not.toBe(0)

  const summary = JSON.parse(readFileSync(path.join(dir, 'spec-ci/summary.json'), 'utf8')) as Summary & {
    conformance: { traces: Array<{ file: string; valid: boolean }> }
  }
  expectValidSummary(summary)
  expect(summary.status).toBe('interrupted')
  expect(summary.conformance.traces.map((t) => [t.file, t.valid])).toEqual([
    ['traces/ok.ndjson', true],
    ['traces/twice.ndjson', false],
  ])
  // The slow test may or may not have been collected when the signal came; it neither passed nor failed.
  expect(summary.totals).toMatchObject({ passed: 13, failed: 1 })
  expect(readFileSync(path.join(dir, 'spec-ci/summary.md'), 'utf8')).toContain('interrupted')
  // Written whole: no temporary files left beside the summary; the dashboard of the interrupted run too.
  expect(readdirSync(path.join(dir, 'spec-ci')).sort()).toEqual(['history.json', 'index.html', 'summary.json', 'summary.md'])
  expect(readFileSync(path.join(dir, 'spec-ci/index.html'), 'utf8')).toContain('"status":"interrupted"')
  expect(existsSync(path.join(dir, 'trace/twice-validation.json'))).toBe(true)
})
