import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { runSpecCi } from './run-cli.ts'
import { runFixture, type CaseResult, type FixtureRun } from './run-fixture.ts'

const SLOW = 'traces/slow/big.ndjson'
const SLOW_EVENTS = 300
const CRASH = 'traces/throws/crash.ndjson'

let project: HostileProject
let run: FixtureRun
beforeAll(async () => {
  project = hostileProject('hostile-conformance')
  // 300 events of a spec that spends 2 ms on each: at least 600 ms of checking against a 1 ms limit.
  project.write(SLOW, Array.from({ length: SLOW_EVENTS }, (_, i) => JSON.stringify({ type: 'tick', key: `k${i}` })).join('\n') + '\n')
  // Vitest creates node_modules/ for its cache (node_modules/.vite*, which the guard skips); made here so the
  // folder itself is no change, while anything else written into it still is.
  mkdirSync(path.join(project.dir, 'node_modules'), { recursive: true })
  run = await project.guard(() => runFixture(project.name), { boundMs: 90_000 })
})
afterAll(() => project.remove())

const ruleTests = (file: string): CaseResult[] => run.cases.filter((c) => c.file === file)

/** The one failure all rule tests of `file` share: asserts none passed and all failed alike. */
function sharedFailure(file: string): { name?: string; message: string; line?: number; column?: number; file?: string } {
  const tests = ruleTests(file)
  expect(tests.map((c) => c.name.replace(/^.* > /, ''))).toEqual(['rule event-schema', 'rule first-rule', 'rule second-rule', 'rule third-rule'])
  expect(tests.map((c) => c.state)).toEqual(['failed', 'failed', 'failed', 'failed'])
  const failures = tests.map((c) => c.errors[0]!)
  for (const failure of failures) expect(failure).toEqual(failures[0])
  return failures[0]!
}

describe('one verdict per trace: when the single pass fails, every rule test fails alike and none passes', () => {
  test('a trace slower than its time limit: every rule test fails with the trace’s own timeout message, not Vitest’s', () => {
    const failure = sharedFailure(SLOW)
    expect(failure.name).toBe('TraceTimeout')
    const reached = /reading stopped (?:after line (\d+)|before its first record \(line 1\)) when its time limit of 1 ms ran out/.exec(failure.message)
    expect(reached, failure.message).not.toBeNull()
    const line = Number(reached![1] ?? 1)
    expect(line).toBeLessThan(SLOW_EVENTS)
    expect(failure.message).toContain(`${SLOW} was not checked to the end`)
    expect(failure.message).toContain('(conformance.timeout, or the timeout of its trace group)')
    expect(failure.message).not.toContain('Test timed out')
    expect(failure).toMatchObject({ file: SLOW, line })
  })

  test('a spec that throws while reading: every rule test fails with its message at the line it was checking', () => {
    const failure = sharedFailure(CRASH)
    expect(failure).toEqual({
      name: 'SpecRuntimeError',
      file: CRASH,
      line: 3,
      column: 1,
      message: `${CRASH} could not be checked: spec "throws" threw while checking line 3: Cannot read properties of undefined (reading "total"). Every rule test of this trace fails alike.`,
    })
  })

  test('a pass that fails before any rule test runs (small traces are read as they are collected) leaves no unhandled rejection', () => {
    expect(run.unhandledErrors).toEqual([])
  })

  test('the other traces of the run are checked as usual', () => {
    const ok = ruleTests('traces/ok.ndjson')
    expect(ok).toHaveLength(7)
    expect(ok.every((c) => c.state === 'passed')).toBe(true)
  })
})

describe('per-key state does not grow with events', () => {
  test('thousands of attempt-less retries of one key, found late: the count is exact, the first lines are listed', async () => {
    const cli = hostileProject(undefined, 'retries')
    try {
      const retries = 3000
      const lines = [...Array.from({ length: retries }, () => JSON.stringify({ type: 'retry', key: 'k' })), JSON.stringify({ type: 'retry', key: 'k', context: { attempt: retries + 1 } })]
      cli.write('traces/retries.ndjson', lines.join('\n') + '\n')
      const result = await cli.guard(() => runSpecCi(['trace', 'validate', 'traces/retries.ndjson', '--out', 'hermetic-reports/trace'], { cwd: cli.dir }))
      expect(result.code).toBe(1)
      const listed = Array.from({ length: 20 }, (_, i) => `    traces/retries.ndjson:${i + 1} "k" — retry for key "k" has no attempt number, but the retry at line ${retries + 1} carries one`)
      expect(result.stdout).toContain(['rule retry-context-missing: 3000 violations in traces/retries.ndjson', ...listed, '    … 2980 more'].join('\n'))
      expect(result.stdout).toContain('rule retry-bound-exceeded: 2998 violations in traces/retries.ndjson')
    } finally {
      cli.remove()
    }
  })
})
