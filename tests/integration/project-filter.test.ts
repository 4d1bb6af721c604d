import { describe, expect, test } from 'vitest'
import { runVitestCli } from './run-cli.ts'
import { runFixture } from './run-fixture.ts'

/** `project:file` of every test file that ran, in a fixture run through Vitest's Node API. */
async function ran(fixture: string, project?: string[]): Promise<string[]> {
  const run = await runFixture(fixture, project ? { project } : {})
  expect(run.cases.every((c) => c.state === 'passed'), JSON.stringify(run.cases.map((c) => [c.name, c.state, c.errors]))).toBe(true)
  return [...new Set(run.cases.map((c) => `${c.project}:${c.file}`))].sort()
}

describe('specCi() next to a config with its own tests', () => {
  test('a run without --project runs the config\'s own tests and every spec project', async () => {
    expect(await ran('projects-mixed')).toEqual(['conformance:traces/ok.ndjson', 'default:src/sum.test.ts'])
  })

  test('--project conformance runs only the traces; --project default only the config\'s own tests', async () => {
    expect(await ran('projects-mixed', ['conformance'])).toEqual(['conformance:traces/ok.ndjson'])
    expect(await ran('projects-mixed', ['default'])).toEqual(['default:src/sum.test.ts'])
  })

  test('the `vitest run --project` command line does the same (one child process)', async () => {
    const { stdout, code } = await runVitestCli('projects-mixed', ['run', '--project', 'conformance'])
    expect(code).toBe(0)
    const files = [...stdout.matchAll(/^ *[✓×↓] (?:\|(\S+)\| )?(\S+)/gm)].map((m) => `${m[1] ?? ''}:${m[2]}`)
    expect(files).toEqual(['conformance:traces/ok.ndjson'])
  })
})

describe('specCi() next to a config that lists its own projects', () => {
  test('the spec projects join the list, and `--project` picks among all of them', async () => {
    expect(await ran('projects-listed')).toEqual(['conformance:traces/ok.ndjson', 'lib:lib/sum.test.ts'])
    expect(await ran('projects-listed', ['lib'])).toEqual(['lib:lib/sum.test.ts'])
  })
})
