import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { runVitestCli } from './run-cli.ts'
import { fixturesDir, parseFixture, runFixture, type FixtureRun } from './run-fixture.ts'

const expectedLines = JSON.parse(readFileSync(path.join(fixturesDir, 'conformance-rules/expected-lines.json'), 'utf8')) as Record<
  'kvonce' | 'inventory',
  Record<string, number>
>
const ruleIds = {
  kvonce: ['event-schema', 'multiple-success', 'duplicate-without-success', 'retry-bound-exceeded', 'retry-attempt-out-of-sequence', 'retry-context-missing', 'success-attempt-mismatch'],
  inventory: ['event-schema', 'available-mismatch', 'validation-failed', 'allocated-exceeds-on-hand', 'on-hand-below-minimum'],
}

describe('conformance project: one test per rule per trace, through real Vitest', () => {
  let run: FixtureRun
  beforeAll(async () => {
    run = await runFixture('conformance-rules')
  })

  for (const spec of ['kvonce', 'inventory'] as const) {
    for (const [rule, line] of Object.entries(expectedLines[spec])) {
      const file = `traces/${spec}/${rule}.ndjson`
      test(`${spec}: a trace breaking ${rule} at line ${line} fails exactly that rule, located at line ${line}`, () => {
        const cases = run.cases.filter((c) => c.file === file)
        expect(cases.map((c) => c.name)).toEqual(ruleIds[spec].map((id) => `${rule}.ndjson > rule ${id}`))
        for (const c of cases) expect(c.state, c.name).toBe(c.name.endsWith(`rule ${rule}`) ? 'failed' : 'passed')
        // Every rule test, passed or failed, is declared at line 1 of the trace.
        for (const c of cases) expect(c.location, c.name).toEqual({ line: 1, column: 1 })
        const failed = run.get(file, `rule ${rule}`)
        expect(failed.errors).toHaveLength(1)
        expect(failed.errors[0]!.message).toContain(`rule ${rule}: 1 violation in ${file}`)
        expect(failed.errors[0]!.message).toContain(`${file}:${line} `)
        expect(failed.errors[0]).toMatchObject({ name: 'RuleViolation', file, line })
        expect(failed.location).toEqual({ line: 1, column: 1 })
        expect(failed.meta.specCi).toMatchObject({ kind: 'conformance', rule, severity: 'error', count: 1, trace: { file, spec, format: 'ndjson', valid: false } })
      })
      test(`${spec}: the close trace that keeps ${rule} passes every rule`, () => {
        const cases = run.cases.filter((c) => c.file === `traces/${spec}/${rule}-kept.ndjson`)
        expect(cases).toHaveLength(ruleIds[spec].length)
        expect(cases.filter((c) => c.state !== 'passed')).toEqual([])
      })
    }
  }
})

describe('static collection sees every rule test without running it', () => {
  test('experimental_parseSpecifications (the VS Code extension) lists each rule, located in the trace', async () => {
    const parsed = await parseFixture('conformance-rules')
    const one = parsed.cases.filter((c) => c.file === 'traces/kvonce/multiple-success.ndjson')
    expect(one.map((c) => c.name)).toEqual(ruleIds.kvonce.map((id) => `multiple-success.ndjson > rule ${id}`))
    for (const c of one) {
      expect(c.location?.line).toBe(1)
      expect(c.state).toBe('pending')
    }
    expect(parsed.cases).toHaveLength(14 * ruleIds.kvonce.length + 10 * ruleIds.inventory.length)
  })
})

describe('what the command line shows', () => {
  test('`vitest list --json` lists each rule test with its trace and location', async () => {
    const { stdout, code } = await runVitestCli('conformance-rules', ['list', 'traces/kvonce/multiple-success.ndjson', '--json'])
    expect(code).toBe(0)
    const listed = JSON.parse(stdout) as Array<{ name: string; file: string; location?: { line: number } }>
    expect(listed.map((t) => t.name)).toEqual(ruleIds.kvonce.map((id) => `multiple-success.ndjson > rule ${id}`))
    for (const t of listed) {
      expect(t.file).toBe(path.join(fixturesDir, 'conformance-rules/traces/kvonce/multiple-success.ndjson'))
      expect(t.location?.line).toBe(1)
    }
  })

  test('the github-actions reporter annotates the violating line of the trace', async () => {
    const { stdout, code } = await runVitestCli('conformance-rules', ['run', '--reporter=github-actions', 'traces/kvonce/retry-bound-exceeded.ndjson'], {
      GITHUB_ACTIONS: 'true',
    })
    expect(code).toBe(1)
    const file = path.join(fixturesDir, 'conformance-rules/traces/kvonce/retry-bound-exceeded.ndjson')
    const annotation = stdout.split('\n').find((l) => l.startsWith(`::error file=${file},`))
    expect(annotation).toMatch(/title=.*traces\/kvonce\/retry-bound-exceeded\.ndjson > retry-bound-exceeded\.ndjson > rule retry-bound-exceeded,line=4,column=1::/)
    expect(annotation).toContain('retry 4 for key "a" exceeds maxRetries 3')
  })

  test('the default reporter prints a code frame of the violating trace line', async () => {
    const { stdout, stderr } = await runVitestCli('conformance-rules', ['run', 'traces/kvonce/multiple-success.ndjson'])
    const out = stdout + stderr
    expect(out).toContain('RuleViolation: rule multiple-success: 1 violation in traces/kvonce/multiple-success.ndjson')
    expect(out).toMatch(/❯ rule multiple-success traces\/kvonce\/multiple-success\.ndjson:3:1/)
    expect(out).toMatch(/3\| \{"type":"success","key":"a"\}\n\s+\|\s*\^/)
  })
})
