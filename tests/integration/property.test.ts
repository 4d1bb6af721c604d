import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runWithReport } from './reporter-helpers.ts'
import { runVitestCli } from './run-cli.ts'
import { fixturesDir, parseFixture, runFixture, type FixtureRun } from './run-fixture.ts'

const SEED = '1'
const PROPERTIES = [
  'emitted events conform to kvonce',
  'observable state matches the model',
  'invariant: a key is written at most once',
  'invariant: a written value never changes',
  'concurrent clients: the history is linearizable',
]
/** The line of a fixture's describeSpecProperties call, where its tests and failures are placed. */
const callLine = (file: string): number =>
  readFileSync(path.join(fixturesDir, 'property', file), 'utf8').split('\n').findIndex((l) => l.startsWith('describeSpecProperties(')) + 1

let run: FixtureRun
const savedSeed = process.env.SPEC_CI_SEED
beforeAll(async () => {
  process.env.SPEC_CI_SEED = SEED
  run = await runFixture('property')
})
afterAll(() => {
  if (savedSeed === undefined) delete process.env.SPEC_CI_SEED
  else process.env.SPEC_CI_SEED = savedSeed
})

const states = (file: string) => Object.fromEntries(run.cases.filter((c) => c.file === file).map((c) => [c.name.replace('kvonce properties > ', ''), c.state]))
const meta = (file: string, name: string) => run.get(file, name).meta.specCi as Record<string, unknown>

describe('describeSpecProperties declares one test per property', () => {
  test('the correct sample store passes every property, under stable names', () => {
    expect(states('correct.property.ts')).toEqual(Object.fromEntries(PROPERTIES.map((p) => [p, 'passed'])))
  })

  test('static collection (the VS Code explorer) lists the same tests, at the call, without running them', async () => {
    const parsed = await parseFixture('property')
    const collected = parsed.cases.filter((c) => c.file === 'correct.property.ts').map((c) => [c.name, c.location?.line])
    const line = callLine('correct.property.ts')
    expect(collected).toEqual(PROPERTIES.map((p) => [`kvonce properties > ${p}`, line]))
    expect(run.cases.filter((c) => c.file === 'correct.property.ts').map((c) => c.location?.line)).toEqual(PROPERTIES.map(() => line))
  })

  test('a call the transform cannot expand (options in a variable) registers the same tests when it runs; only the explorer misses them', async () => {
    expect(states('dynamic.property.ts')).toEqual(Object.fromEntries(PROPERTIES.map((p) => [p, 'passed'])))
    const parsed = await parseFixture('property')
    expect(parsed.cases.filter((c) => c.file === 'dynamic.property.ts')).toEqual([])
  })

  test('another spec brings its own command set as `model`; its invariants are checked by the engine and named in the failure', () => {
    expect(states('inventory.property.ts')).toEqual({ 'inventory properties > emitted events conform to inventory': 'passed' })
    const oversold = run.get('overselling.property.ts', 'emitted events conform to inventory')
    expect(oversold.state).toBe('failed')
    expect(meta('overselling.property.ts', 'emitted events conform to inventory')).toMatchObject({ rule: 'allocated-exceeds-on-hand', counterexample: '[{"op":"reserve","sku":"s1","quantity":1}]' })
    // Registered at run time (the options name a model), yet the failure is placed at the call.
    expect(oversold.errors[0]).toMatchObject({ file: 'overselling.property.ts', line: callLine('overselling.property.ts') })
  })

  test('a spec without a command set fails its file with what to pass instead', () => {
    const module = run.modules.find((m) => m.moduleId.endsWith('no-model.property.ts'))!
    expect(module.errors().map((e) => e.message)).toEqual([
      'describeSpecProperties: spec "orders" declares no `operations`; declare them in its defineSpec (docs/property.md, "Declaring operations"), or pass `model` (a SpecPropertyModel: its commands and properties)',
    ])
  })

  test('a plain @fast-check/vitest test.prop file in the project keeps working', () => {
    const plain = run.cases.filter((c) => c.file === 'plain-fast-check.property.ts')
    expect(plain.map((c) => [c.name.replace(/ \(with seed=-?\d+\)$/, ''), c.state])).toEqual([['concatenation keeps both lengths', 'passed']])
  })
})

describe('deliberately broken stores fail with a shrunk counterexample naming the rule', () => {
  test.each([
    ['overwriting.property.ts', 'emitted events conform to kvonce', 'multiple-success'],
    ['unbounded-retries.property.ts', 'emitted events conform to kvonce', 'retry-bound-exceeded'],
    ['duplicate-first.property.ts', 'emitted events conform to kvonce', 'duplicate-without-success'],
    ['attempts-from-zero.property.ts', 'emitted events conform to kvonce', 'retry-attempt-out-of-sequence'],
    ['racy.property.ts', 'concurrent clients: the history is linearizable', 'multiple-success'],
  ])('%s fails "%s" with %s', (file, property, rule) => {
    const result = run.get(file, property)
    expect(result.state).toBe('failed')
    expect(meta(file, property)).toMatchObject({ kind: 'property', name: property, rule, seed: Number(SEED), seedSource: 'SPEC_CI_SEED' })
    const message = result.errors[0]!.message
    expect(message).toContain(`Property "${property}" failed`)
    expect(message).toContain(`${rule}`)
    expect(message).toContain(`Counterexample (shrunk):\n  ${meta(file, property).counterexample as string}`)
    expect(message).toContain(`Replay: SPEC_CI_SEED=${SEED} `)
    // The failure is placed at the describeSpecProperties call (code frame, annotations).
    expect(result.errors[0]).toMatchObject({ line: callLine(file), file })
  })

  test('the overwriting store breaks the model and both invariants; its shrunk counterexample is two puts of one key', () => {
    expect(states('overwriting.property.ts')).toEqual({
      'emitted events conform to kvonce': 'failed',
      'observable state matches the model': 'failed',
      'invariant: a key is written at most once': 'failed',
      'invariant: a written value never changes': 'failed',
      'concurrent clients: the history is linearizable': 'failed',
    })
    expect(meta('overwriting.property.ts', 'emitted events conform to kvonce').counterexample).toMatch(/^put\("(\w)", "v0"\),put\("\1", "v0"\) /)
    const message = run.get('overwriting.property.ts', 'emitted events conform to kvonce').errors[0]!.message
    expect(message).toMatch(/Offending events \(emitted NDJSON, numbered as trace lines\):\n  1: \{"type":"success","key":"(\w)","value":"v0","context":\{"attempt":1\}\}\n  2: \{"type":"success","key":"\1"/)
    expect(run.get('overwriting.property.ts', 'observable state matches the model').errors[0]!.message).toMatch(
      /put\("(\w)", "v0"\) returned "written", but the model expects "duplicate": key "\1" already holds "v0"/,
    )
  })

  test('the check-then-set race is found only by the concurrent property, through fast-check’s scheduler', () => {
    expect(states('racy.property.ts')).toEqual({
      'emitted events conform to kvonce': 'passed',
      'observable state matches the model': 'passed',
      'invariant: a key is written at most once': 'passed',
      'invariant: a written value never changes': 'passed',
      'concurrent clients: the history is linearizable': 'failed',
    })
    const message = run.get('racy.property.ts', 'the history is linearizable').errors[0]!.message
    // The events are checked by the engine with the writers' real intervals: the two successes overlap,
    // and no order of them fits.
    expect(message).toMatch(/multiple-success: second success for key "(\w)"; the first was at line \d+ — the 2 events of key "\1" at lines \d+, \d+ overlap in time, and no order of them that real time allows fits the spec/)
    // The clients' operations follow as a timeline, and the events name the client that emitted each.
    expect(message).toMatch(/\nHistory \(per client, real-time order\):\n  client 1 +client 2 +client 3\n/)
    expect(message).toMatch(/\n  \d+: \{"type":"success",[^\n]*\}  ← client \d: put\("\w", "v\d"\)\n  \d+: \{"type":"success"/)
    expect(message).toContain('schedulerFor()')
  })

  test('a correct store whose winner reports its success after the loser’s duplicate passes: racing writers are decided over the orders real time allows', () => {
    // In emission order its events break duplicate-without-success (tests/unit/property/concurrent-property.test.ts shows the runs).
    expect(states('late-report.property.ts')).toEqual(Object.fromEntries(PROPERTIES.map((p) => [p, 'passed'])))
  })

  test('the same SPEC_CI_SEED gives the identical message and counterexample again', async () => {
    const again = await runFixture('property', { filters: ['overwriting', 'racy'] })
    for (const c of again.cases) {
      const first = run.get(c.file, c.name)
      expect(c.errors.map((e) => e.message)).toEqual(first.errors.map((e) => e.message))
      expect(c.meta).toEqual(first.meta)
    }
    expect(again.cases.filter((c) => c.state === 'failed')).toHaveLength(6)
  })
})

describe('seeds, run counts and the report', () => {
  test('the replay command printed in a failure runs that property alone and fails the same way', async () => {
    const failure = meta('unbounded-retries.property.ts', 'emitted events conform to kvonce')
    const replay = failure.replay as string
    expect(replay).toMatch(/^SPEC_CI_SEED=1 \S+ vitest run --project property unbounded-retries.property.ts -t '/)
    const pattern = /-t '(.*)'$/.exec(replay)![1]!
    const result = await runVitestCli('property', ['run', '--project', 'property', 'unbounded-retries.property.ts', '-t', pattern], { SPEC_CI_SEED: '1' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('1 failed | 4 skipped')
    expect(result.stdout + result.stderr).toContain(`Counterexample (shrunk):\n  ${failure.counterexample as string}`)
  })

  test('without SPEC_CI_SEED the seed is Vitest’s --sequence.seed, SPEC_CI_NUM_RUNS sets the runs, and summary.json lists each property', async () => {
    const report = await runWithReport('property', ['run', 'correct', 'overwriting', '--sequence.seed=1234'], { SPEC_CI_SEED: undefined, SPEC_CI_NUM_RUNS: '25' })
    const section = report.summary.property!
    const correct = section.properties.filter((p) => p.file === 'correct.property.ts')
    expect(correct.map((p) => [p.name, p.status, p.numRuns, p.runs, p.seed, p.seedSource, p.counterexample])).toEqual(
      PROPERTIES.map((p) => [p, 'passed', 25, 25, 1234, 'sequence.seed', null]),
    )
    const broken = section.properties.find((p) => p.file === 'overwriting.property.ts' && p.name === 'emitted events conform to kvonce')!
    expect(broken).toMatchObject({ status: 'failed', seed: 1234, rule: 'multiple-success', line: callLine('overwriting.property.ts') })
    expect(broken.counterexample).toMatch(/^put\(/)
    expect(broken.replay).toContain('SPEC_CI_SEED=1234 SPEC_CI_NUM_RUNS=25 ')
    expect(report.markdown).toContain('### Properties')
    expect(report.markdown).toMatch(/\| <code>overwriting\.property\.ts<\/code> \| emitted events conform to kvonce \| failed \| 25 \| 1234 \| <code>put&#40;/)
    expect(report.markdown).toContain('Replay a failure:')
  })
})
