import { describe, expect, test } from 'vitest'
import { runVitestCli } from './run-cli.ts'

const ran = (stdout: string): string[] =>
  [...stdout.matchAll(/^ *[✓×↓] (?:\|(\S+)\| )?(\S+)/gm)].map((m) => `${m[1] ?? ''}:${m[2]}`).sort()

describe('specCi() next to a config with its own tests', () => {
  test('`vitest run` runs the config\'s own tests and every spec project', async () => {
    const { stdout, code } = await runVitestCli('projects-mixed', ['run'])
    expect(code).toBe(0)
    expect(ran(stdout)).toEqual(['conformance:traces/ok.ndjson', 'default:src/sum.test.ts'])
  })

  test('`vitest run --project conformance` runs only the traces', async () => {
    const { stdout, code } = await runVitestCli('projects-mixed', ['run', '--project', 'conformance'])
    expect(code).toBe(0)
    expect(ran(stdout)).toEqual(['conformance:traces/ok.ndjson'])
  })

  test('`vitest run --project default` runs only the config\'s own tests', async () => {
    const { stdout, code } = await runVitestCli('projects-mixed', ['run', '--project', 'default'])
    expect(code).toBe(0)
    expect(ran(stdout)).toEqual(['default:src/sum.test.ts'])
  })
})

describe('specCi() next to a config that lists its own projects', () => {
  test('the spec projects join the list, and `--project` picks among all of them', async () => {
    const all = await runVitestCli('projects-listed', ['run'])
    expect(all.code).toBe(0)
    expect(ran(all.stdout)).toEqual(['conformance:traces/ok.ndjson', 'lib:lib/sum.test.ts'])
    const lib = await runVitestCli('projects-listed', ['run', '--project', 'lib'])
    expect(ran(lib.stdout)).toEqual(['lib:lib/sum.test.ts'])
  })
})
