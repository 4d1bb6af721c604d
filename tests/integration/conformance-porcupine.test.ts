import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { etcdLogToEdn } from '../fixtures/porcupine/etcd-log-to-edn.mjs'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { expectValidSummary } from './reporter-helpers.ts'
import { runSpecCi } from './run-cli.ts'
import { fixturesDir, runFixture, type FixtureRun } from './run-fixture.ts'

// Issue 14's acceptance on Porcupine's oracle: every history gets Porcupine's verdict through a real
// Vitest run of the conformance project (each history a test file, its `rule linearizable` passed or
// failed) and through the built CLI (exit code 0 or 1). The etcd logs are in an older Jepsen log format,
// converted to history.edn lines here (test code only); the kv histories are EDN already.

const ORACLE = path.join(fixturesDir, 'porcupine')
const expected = (JSON.parse(readFileSync(path.join(ORACLE, 'expected.json'), 'utf8')) as { linearizable: Record<string, boolean> }).linearizable
const names = Object.keys(expected)

/** Where a history goes in the project: `histories/etcd/etcd_000.edn`, `histories/kv/c01-ok.edn`. */
function traceOf(name: string): string {
  return name.startsWith('jepsen/') ? `histories/etcd/${path.basename(name, '.log')}.edn` : `histories/kv/${path.basename(name, '.txt')}.edn`
}

const CONFIG = `import { defineConfig } from 'vitest/config'
import { specCi } from 'vitest-spec-ci'

export default defineConfig({
  plugins: [
    specCi({
      conformance: {
        traces: [
          { include: 'histories/etcd/**/*.edn', spec: 'register' },
          { include: 'histories/kv/**/*.edn', spec: 'kv' },
          { include: 'histories/gz/**/*.edn.gz', spec: 'register' },
        ],
      },
    }),
  ],
})
`

let project: HostileProject
let run: FixtureRun
let vitestMs = 0
beforeAll(async () => {
  project = hostileProject(undefined, 'porcupine')
  project.write('vitest.config.ts', CONFIG)
  for (const name of names) {
    const text = readFileSync(path.join(ORACLE, name), 'utf8')
    project.write(traceOf(name), name.startsWith('jepsen/') ? etcdLogToEdn(text) : text)
  }
  project.write('histories/gz/etcd_000.edn.gz', gzipSync(etcdLogToEdn(readFileSync(path.join(ORACLE, 'jepsen/etcd_000.log'), 'utf8'))))
  const started = performance.now()
  run = await runFixture(project.name)
  vitestMs = performance.now() - started
}, 120_000)
afterAll(() => project.remove())

describe("Porcupine's oracle through a real Vitest run of the conformance project", () => {
  test('108 histories, each a test file with the rules event-schema and linearizable; 23 + 3 pass, 79 + 3 fail', () => {
    const files = new Set(run.cases.map((c) => c.file))
    expect(files.size).toBe(names.length + 1)
    const states = names.map((name) => [name, run.get(traceOf(name), 'rule linearizable').state])
    expect(states).toEqual(names.map((name) => [name, expected[name] ? 'passed' : 'failed']))
    for (const name of names) expect(run.get(traceOf(name), 'rule event-schema').state, name).toBe('passed')
    expect(states.filter(([name, s]) => name!.startsWith('jepsen/') && s === 'passed')).toHaveLength(23)
    expect(states.filter(([name, s]) => name!.startsWith('jepsen/') && s === 'failed')).toHaveLength(79)
    console.log(`conformance run over ${files.size} histories: ${Math.round(vitestMs)} ms`)
  })

  test('a failing history fails at the completion of the operation that cannot be placed, naming the race', () => {
    const c = run.get('histories/etcd/etcd_000.edn', 'rule linearizable')
    expect(c.errors[0]).toMatchObject({ file: 'histories/etcd/etcd_000.edn', line: 86 })
    const message = c.errors[0]!.message
    expect(message).toContain('no order of the ')
    expect(message).toContain('read() -> 2 (line 86, invoked at line 85, actor ')
    expect(message).toContain('cannot be placed. The longest order that fits has 43 operations, ending … (37 earlier), ')
    expect(message).toContain('the register then holds 0')
    expect(c.meta.specCi).toMatchObject({ kind: 'conformance', rule: 'linearizable', count: 1, trace: { spec: 'register', format: 'jepsen-edn', valid: false }, violations: [{ rule: 'linearizable', line: 86 }] })
  })

  test('summary.json is valid against the schema, each history a trace of format jepsen-edn with its verdict', () => {
    const summary = JSON.parse(readFileSync(path.join(project.dir, 'hermetic-reports/spec-ci/summary.json'), 'utf8')) as { conformance: { traces: Array<{ file: string; format: string; valid: boolean }> } }
    expectValidSummary(summary)
    const traces = summary.conformance.traces
    expect(traces).toHaveLength(names.length + 1)
    for (const name of names) expect(traces.find((t) => t.file.endsWith(traceOf(name))), name).toMatchObject({ format: 'jepsen-edn', valid: expected[name] })
  })

  test('a gzip history (.edn.gz) is read the same', () => {
    const c = run.get('histories/gz/etcd_000.edn.gz', 'rule linearizable')
    expect(c.state).toBe('failed')
    expect(c.meta.specCi).toMatchObject({ trace: { format: 'jepsen-edn', gzip: true }, violations: [{ line: 86 }] })
  })
})

describe("Porcupine's oracle through the built CLI", () => {
  test('spec-ci trace validate --spec register|kv: exit 0 for every linearizable history, 1 for every other', async () => {
    const started = performance.now()
    const codes: Array<[string, number | null]> = []
    const queue = [...names]
    const worker = async (): Promise<void> => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const spec = name.startsWith('jepsen/') ? 'register' : 'kv'
        const result = await runSpecCi(['trace', 'validate', '--spec', spec, traceOf(name), '--quiet', '--out', 'hermetic-reports/trace'], { cwd: project.dir })
        if (result.code === 2) throw new Error(`${name}: ${result.stderr}`)
        expect(result.stdout).toMatch(new RegExp(`^${traceOf(name)}: (valid|invalid) \\(${spec}, jepsen-edn, \\d+ events\\)\\n$`))
        codes.push([name, result.code])
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker))
    codes.sort(([a], [b]) => (a < b ? -1 : 1))
    expect(codes).toEqual(names.map((name) => [name, expected[name] ? 0 : 1] as [string, number]).sort(([a], [b]) => (a < b ? -1 : 1)))
    console.log(`CLI over ${codes.length} histories (6 at a time): ${Math.round(performance.now() - started)} ms`)
  }, 120_000)

  test('the failure listing names the rule, the line and the race', async () => {
    const result = await runSpecCi(['trace', 'validate', '--spec', 'register', 'histories/etcd/etcd_000.edn', '--out', 'hermetic-reports/trace'], { cwd: project.dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('histories/etcd/etcd_000.edn: invalid (register, jepsen-edn, ')
    expect(result.stdout).toContain('rule linearizable')
    expect(result.stdout).toContain('histories/etcd/etcd_000.edn:86')
    expect(result.stdout).toContain('read() -> 2 (line 86, invoked at line 85')
  })

  test('a Jepsen history without --spec exits 2 asking for register or kv (kvonce, the default, has no such operations)', async () => {
    const result = await runSpecCi(['trace', 'validate', 'histories/etcd/etcd_002.edn', '--out', 'hermetic-reports/trace'], { cwd: project.dir })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('spec-ci: histories/etcd/etcd_002.edn is a Jepsen history (jepsen-edn); name the model its operations are checked against: --spec register (read, write, cas) or --spec kv (get, put, append)')
  })

  test('undecided past --option maxSteps=N exits 1 with the word and the bound', async () => {
    const result = await runSpecCi(['trace', 'validate', '--spec', 'register', 'histories/etcd/etcd_002.edn', '--option', 'maxSteps=10', '--out', 'hermetic-reports/trace'], { cwd: project.dir })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('undecided: the search of the ')
    expect(result.stdout).toContain('maxSteps 10 (model steps over all keys)')
  })
})
