import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { kv } from '../../src/built-in-specs/kv/spec.ts'
import { register } from '../../src/built-in-specs/register/spec.ts'
import { checkTraceFile } from '../../src/conformance/check-trace.ts'
import type { PropertyHistoryMeta } from '../../src/property/test-meta.ts'
import { runWithReport } from './reporter-helpers.ts'
import { fixturesDir, parseFixture, runFixture, type FixtureRun } from './run-fixture.ts'

const SEED = '1'
const SEQUENTIAL = 'observable state matches the model'
const CONCURRENT = 'concurrent clients: the history is linearizable'
const root = path.join(fixturesDir, 'property-operations')

let run: FixtureRun
const savedSeed = process.env.SPEC_CI_SEED
beforeAll(async () => {
  rmSync(path.join(root, 'hermetic-reports'), { recursive: true, force: true })
  process.env.SPEC_CI_SEED = SEED
  run = await runFixture('property-operations')
})
afterAll(() => {
  if (savedSeed === undefined) delete process.env.SPEC_CI_SEED
  else process.env.SPEC_CI_SEED = savedSeed
})

const states = (file: string) => Object.fromEntries(run.cases.filter((c) => c.file === file).map((c) => [c.name.replace(/^\w+ properties > /, ''), c.state]))
const meta = (file: string, name: string) => run.get(file, name).meta.specCi as Record<string, unknown>

describe('properties generated from a spec’s declared operations', () => {
  test.each([
    ['register.property.ts', [SEQUENTIAL, CONCURRENT]],
    ['kv.property.ts', [SEQUENTIAL, CONCURRENT]],
    ['bank.property.ts', [SEQUENTIAL, CONCURRENT]],
    ['inventory.property.ts', ['emitted events conform to inventory', SEQUENTIAL, CONCURRENT]],
    ['kvonce.property.ts', ['emitted events conform to kvonce', SEQUENTIAL, 'invariant: a key is written at most once', 'invariant: a written value never changes', CONCURRENT]],
  ])('the correct %s passes every generated property with 1,000 runs', (file, names) => {
    expect(states(file)).toEqual(Object.fromEntries(names.map((n) => [n, 'passed'])))
    for (const name of names) expect(meta(file, name)).toMatchObject({ numRuns: 1000, runs: 1000, seed: Number(SEED) })
  })

  test('the explorer lists the built-in specs’ generated properties without running them; a custom spec’s register when the file runs', async () => {
    const parsed = await parseFixture('property-operations')
    expect(parsed.cases.filter((c) => c.file === 'register.property.ts').map((c) => c.name)).toEqual([`register properties > ${SEQUENTIAL}`, `register properties > ${CONCURRENT}`])
    expect(parsed.cases.filter((c) => c.file === 'bank.property.ts')).toEqual([])
  })
})

describe('deliberately broken implementations fail with a shrunk history', () => {
  test.each([
    ['register-stale-read.property.ts', SEQUENTIAL, 'observable state'],
    ['register-stale-read.property.ts', CONCURRENT, 'linearizable'],
    ['register-non-atomic-cas.property.ts', CONCURRENT, 'linearizable'],
    ['register-lost-write.property.ts', CONCURRENT, 'linearizable'],
    ['kv-lost-update.property.ts', CONCURRENT, 'linearizable'],
    ['kv-reordered-appends.property.ts', SEQUENTIAL, 'observable state'],
    ['kv-reordered-appends.property.ts', CONCURRENT, 'linearizable'],
    ['bank-non-atomic-withdraw.property.ts', CONCURRENT, 'linearizable'],
  ])('%s fails "%s" (%s), with the per-client history and the replay command', (file, name, rule) => {
    const result = run.get(file, name)
    expect(result.state).toBe('failed')
    const m = meta(file, name)
    expect(m).toMatchObject({ kind: 'property', rule, seed: Number(SEED), seedSource: 'SPEC_CI_SEED' })
    const history = m.history as PropertyHistoryMeta
    expect(history.operations.length).toBeGreaterThan(0)
    expect(history.operations.length).toBeLessThanOrEqual(12)
    const message = result.errors[0]!.message
    expect(message).toContain(`Replay: SPEC_CI_SEED=${SEED} `)
    if (name === CONCURRENT) {
      expect(message).toMatch(/^linearizable: no order of the \d+ operations/m)
      expect(message).toMatch(/\nHistory \(per client, real-time order\):\n {2}client 1 +client 2 +client 3\n/)
      for (const op of history.operations) expect(message).toContain(`┌ ${op.call}`)
    } else {
      expect(message).toMatch(/ returned .*, but the model expects /)
      expect(message).toContain('Steps and results:\n  1. ')
    }
  })

  test.each([
    ['register-non-atomic-cas.property.ts', register],
    ['register-lost-write.property.ts', register],
    ['kv-lost-update.property.ts', kv],
  ])('%s writes its failing history as a trace that the conformance engine also fails', async (file, spec) => {
    const m = meta(file, CONCURRENT)
    expect(m.historyFile).toMatch(/^hermetic-reports\/histories\/[\w-]+-seed-1\.ndjson$/)
    const traceFile = path.join(root, m.historyFile as string)
    expect(existsSync(traceFile)).toBe(true)
    expect(run.get(file, CONCURRENT).errors[0]!.message).toContain(`Failing history written to ${traceFile.split(path.sep).join('/')}`)
    const result = await checkTraceFile(traceFile, spec)
    const failing = result.rules.filter((r) => r.severity === 'error' && r.count > 0).map((r) => r.rule)
    expect(failing).toEqual(['linearizable'])
  })

  test('an overselling warehouse breaks the inventory spec’s invariant in its events, and the model, sequentially and concurrently', () => {
    expect(states('inventory-overselling.property.ts')).toEqual({ 'emitted events conform to inventory': 'failed', [SEQUENTIAL]: 'failed', [CONCURRENT]: 'failed' })
    expect(meta('inventory-overselling.property.ts', 'emitted events conform to inventory')).toMatchObject({ rule: 'allocated-exceeds-on-hand', counterexample: expect.stringMatching(/^reserve\("s\d", 1\)/) })
    expect(meta('inventory-overselling.property.ts', SEQUENTIAL)).toMatchObject({ rule: 'observable state' })
  })

  test('the bank account, a custom spec with no command code, fails on a non-atomic withdraw; its history is NDJSON of its operations', () => {
    expect(states('bank-non-atomic-withdraw.property.ts')).toEqual({ [SEQUENTIAL]: 'passed', [CONCURRENT]: 'failed' })
    const history = meta('bank-non-atomic-withdraw.property.ts', CONCURRENT).history as PropertyHistoryMeta
    expect(history.operations.some((o) => o.call.startsWith('withdraw('))).toBe(true)
  })
})

test('summary.json lists a failing generated property with its per-client history and its trace file (schema-checked)', async () => {
  const report = await runWithReport('property-operations', ['run', 'register-lost-write'], { SPEC_CI_SEED: '1' })
  const failed = report.summary.property!.properties.find((p) => p.name === CONCURRENT)!
  expect(failed).toMatchObject({ status: 'failed', rule: 'linearizable', historyFile: expect.stringMatching(/^hermetic-reports\/histories\//) })
  expect(failed.history!.clients).toBe(3)
  expect(failed.history!.operations[0]).toEqual({ client: expect.any(Number), call: expect.any(String), result: expect.any(String), invoke: expect.any(Number), complete: expect.any(Number) })
  const passed = report.summary.property!.properties.find((p) => p.name === SEQUENTIAL)!
  expect(passed.status).toBe('passed')
  expect(passed).not.toHaveProperty('history')
})
