import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { runSpecCi } from './run-cli.ts'

const cwd = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-usage-'))
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

describe('spec-ci usage', () => {
  test('with no arguments: a usage error (exit 2) listing both commands, then each command’s usage', async () => {
    const r = await runSpecCi([], { cwd })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^spec-ci: no command given; the commands are "trace validate", "generate check", "otlp receive" and "report serve\|open"\n/)
    expect(r.stderr).toContain('Commands:\n  trace validate FILE ')
    expect(r.stderr).toContain('\n  generate check MANIFEST... ')
    const trace = r.stderr.indexOf('Usage: spec-ci trace validate FILE [options]')
    const generate = r.stderr.indexOf('Usage: spec-ci generate check MANIFEST... [options]')
    expect(trace).toBeGreaterThan(r.stderr.indexOf('Commands:'))
    expect(generate).toBeGreaterThan(trace)
  })

  test('--help prints the same to stdout and exits 0', async () => {
    const r = await runSpecCi(['--help'], { cwd })
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^Usage: spec-ci <command> \[options\]\n/)
    expect(r.stdout).toContain('Usage: spec-ci generate check MANIFEST... [options]')
  })

  test('an unknown --spec is named as given with the built-ins, never as a path resolved in the working directory', async () => {
    for (const spec of ['nope', 'specs/missing.ts']) {
      const r = await runSpecCi(['trace', 'validate', 'x.ndjson', '--spec', spec], { cwd })
      expect(r.code).toBe(2)
      const first = r.stderr.split('\n')[0]
      expect(first).toBe(`spec-ci: --spec ${spec}: not a built-in spec (kvonce, inventory, register, kv) and no file of that name; give a built-in's name or the path of a module default-exporting defineSpec(...)`)
      expect(r.stderr).not.toContain(cwd)
    }
  })
})
