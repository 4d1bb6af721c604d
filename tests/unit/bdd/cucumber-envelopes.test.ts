import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Envelope } from '@cucumber/messages'
import { describe, expect, test } from 'vitest'
import { writeChunksAtomic } from '../../../src/atomic-write.ts'
import { compileFeature } from '../../../src/bdd/compile-feature.ts'
import { cucumberEnvelopes, type FeatureRun, type MessagesRun } from '../../../src/bdd/messages/cucumber-envelopes.ts'
import type { FeatureSource } from '../../../src/bdd/messages/feature-source.ts'
import { runMeta } from '../../../src/bdd/messages/meta.ts'
import type { AttemptRecord, CucumberStatus, RegistryRecord, ScenarioRunRecord, TestStepRecord } from '../../../src/bdd/run-record.ts'

function source(uri: string, text: string): FeatureSource {
  const compiled = compileFeature(text, uri)
  if (!compiled.ok) throw new Error('bad feature')
  return { uri, data: text, mediaType: 'text/x.cucumber.gherkin+plain', gherkinDocument: compiled.gherkinDocument!, pickles: compiled.pickles! }
}

const registry: RegistryRecord = {
  stepDefinitions: [
    { id: 'def-b', pattern: 'b', patternType: 'CUCUMBER_EXPRESSION', source: { uri: 'steps.ts', line: 9 } },
    { id: 'def-a', pattern: 'a', patternType: 'CUCUMBER_EXPRESSION', source: { uri: 'steps.ts', line: 3 } },
  ],
  hooks: [
    { id: 'before-all', type: 'BEFORE_TEST_RUN', source: { uri: 'steps.ts', line: 1 } },
    { id: 'after-all', type: 'AFTER_TEST_RUN', source: { uri: 'steps.ts', line: 20 } },
  ],
  parameterTypes: [],
  undefinedParameterTypes: [],
}

const step = (stepIndex: number, status: CucumberStatus, defs: string[] = ['def-a']): TestStepRecord => ({
  kind: 'step',
  stepIndex,
  stepDefinitionIds: defs,
  stepMatchArgumentsLists: defs.map(() => []),
  startedMs: 1000,
  result: { status, durationNs: 2_500_000 },
  attachments: [],
})
const attempt = (n: number, steps: TestStepRecord[], willBeRetried = false): AttemptRecord => ({ attempt: n, startedMs: 1000 + n, finishedMs: 1010 + n, willBeRetried, steps })
const scenario = (scenarioIndex: number, attempts: AttemptRecord[]): ScenarioRunRecord => ({ scenarioIndex, status: 'PASSED', attempts, suggestions: [] })

const one = source('features/one.feature', 'Feature: one\n  Scenario: s1\n    Given a\n    And b\n  Scenario: s2\n    Given a\n')
const two = source('features/two.feature', 'Feature: two\n  Scenario: t1\n    Given a\n')

function run(runs: FeatureRun[], extra: Partial<MessagesRun> = {}): Envelope[] {
  return [...cucumberEnvelopes({ meta: runMeta({ name: 'vitest-spec-ci', version: '0.1.0' }, {}), sources: [one, two], runs, startedMs: 1000, finishedMs: 2000, strict: true, ...extra })]
}
const kinds = (envelopes: Envelope[]) => envelopes.map((e) => Object.keys(e)[0])
const finished = (envelopes: Envelope[]) => envelopes.find((e) => e.testRunFinished)!.testRunFinished!

describe('cucumberEnvelopes', () => {
  test("two files' registries are one set of definitions, in source order, and every id is unique in the run", () => {
    const envelopes = run([
      { uri: one.uri, registry, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [step(0, 'PASSED'), step(1, 'PASSED', ['def-b'])])])] },
      { uri: two.uri, registry, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [step(0, 'PASSED')])])] },
    ])
    expect(envelopes.filter((e) => e.stepDefinition).map((e) => e.stepDefinition!.pattern.source)).toEqual(['a', 'b'])
    expect(envelopes.filter((e) => e.hook)).toHaveLength(2)
    const ids = envelopes.flatMap((e) => {
      const body = Object.values(e)[0] as { id?: string }
      return body.id === undefined ? [] : [body.id]
    })
    const gherkinIds = JSON.stringify(envelopes.filter((e) => e.gherkinDocument)).match(/"id":"\d+"/g)!
    expect(new Set([...ids, ...gherkinIds]).size).toBe(ids.length + gherkinIds.length)
    // The testCase of file two names its own pickle, not file one's pickle with the same file-local id.
    const pickleIds = envelopes.filter((e) => e.pickle).map((e) => e.pickle!.id)
    expect(envelopes.filter((e) => e.testCase).map((e) => e.testCase!.pickleId)).toEqual([pickleIds[0], pickleIds[2]])
    expect(finished(envelopes).success).toBe(true)
  })

  test('timestamps and durations come from the records', () => {
    const envelopes = run([{ uri: one.uri, registry, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [step(0, 'PASSED')])])] }])
    const stepFinished = envelopes.find((e) => e.testStepFinished)!.testStepFinished!
    expect(stepFinished.testStepResult.duration).toEqual({ seconds: 0, nanos: 2_500_000 })
    expect(stepFinished.timestamp).toEqual({ seconds: 1, nanos: 2_500_000 })
    expect(envelopes.find((e) => e.testRunStarted)!.testRunStarted!.timestamp).toEqual({ seconds: 1, nanos: 0 })
  })

  test('strict mode decides whether an undefined or pending scenario fails the run; a retried attempt never does', () => {
    const pending = [{ uri: one.uri, registry, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [step(0, 'PENDING')])])] }]
    expect(finished(run(pending)).success).toBe(false)
    expect(finished(run(pending, { strict: false })).success).toBe(true)
    const retried = [{ uri: one.uri, registry, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [step(0, 'FAILED')], true), attempt(1, [step(0, 'PASSED')])])] }]
    const envelopes = run(retried)
    expect(finished(envelopes).success).toBe(true)
    // Both attempts run the same test step of the one test case.
    const started = envelopes.filter((e) => e.testStepStarted).map((e) => e.testStepStarted!.testStepId)
    expect(started).toHaveLength(2)
    expect(started[0]).toBe(started[1])
    expect(envelopes.filter((e) => e.testCaseStarted).map((e) => e.testCaseStarted!.attempt)).toEqual([0, 1])
  })

  test('BeforeAll runs come before the test cases, AfterAll after them; a failed one fails the run', () => {
    const hook = (hookId: string, status: CucumberStatus) => ({ hookId, startedMs: 1000, result: { status, durationNs: 0 }, attachments: [] })
    const envelopes = run([{ uri: one.uri, registry, testRunHooks: [hook('before-all', 'PASSED'), hook('after-all', 'FAILED')], scenarios: [scenario(1, [attempt(0, [step(0, 'PASSED')])])] }])
    const order = kinds(envelopes).filter((k) => k === 'testRunHookStarted' || k === 'testCase' || k === 'testCaseStarted')
    expect(order).toEqual(['testRunHookStarted', 'testCase', 'testCaseStarted', 'testRunHookStarted'])
    expect(finished(envelopes).success).toBe(false)
  })

  test("Cucumber's reference shapes: no test case for a scenario that never started, no message for an ambiguous step, a link as its body, no stepDefinition for an expression with an undefined parameter type", () => {
    const withUnknown: RegistryRecord = {
      ...registry,
      stepDefinitions: [...registry.stepDefinitions, { id: 'def-airport', pattern: '{airport} is closed', patternType: 'CUCUMBER_EXPRESSION', source: { uri: 'steps.ts', line: 30 } }],
      undefinedParameterTypes: [{ expression: '{airport} is closed', name: 'airport' }],
    }
    const ambiguous: TestStepRecord = { ...step(0, 'AMBIGUOUS', ['def-a', 'def-b']), result: { status: 'AMBIGUOUS', durationNs: 0, message: 'matches 2 definitions' } }
    const linked: TestStepRecord = { ...step(1, 'PASSED'), attachments: [{ body: 'https://cucumber.io', contentEncoding: 'IDENTITY', mediaType: 'text/uri-list', url: 'https://cucumber.io', timestampMs: 1000 }] }
    const envelopes = run([{ uri: one.uri, registry: withUnknown, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [ambiguous, linked])]), scenario(1, [])] }])
    expect(envelopes.filter((e) => e.testCase)).toHaveLength(1)
    expect(envelopes.find((e) => e.testStepFinished)!.testStepFinished!.testStepResult).toEqual({ status: 'AMBIGUOUS', duration: { seconds: 0, nanos: 0 } })
    expect(envelopes.find((e) => e.attachment)!.attachment).not.toHaveProperty('url')
    expect(envelopes.filter((e) => e.stepDefinition).map((e) => e.stepDefinition!.pattern.source)).toEqual(['a', 'b'])
    expect(envelopes.filter((e) => e.undefinedParameterType)).toHaveLength(1)
  })

  test("after a failed BeforeAll the file's scenarios have no test case (the harness records them as one step-less attempt)", () => {
    const failed = { hookId: 'before-all', startedMs: 1000, result: { status: 'FAILED' as const, durationNs: 0, message: 'boom' }, attachments: [] }
    const envelopes = run([
      { uri: one.uri, registry, testRunHooks: [failed], scenarios: [scenario(0, [attempt(0, [])])] },
      { uri: two.uri, registry, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [step(0, 'PASSED')])])] },
    ])
    const pickleIds = envelopes.filter((e) => e.pickle).map((e) => e.pickle!.id)
    expect(envelopes.filter((e) => e.testCase).map((e) => e.testCase!.pickleId)).toEqual([pickleIds[2]])
    expect(finished(envelopes).success).toBe(false)
  })

  test('two runs of one feature file (two projects) are one source and pickle set with a test case per run', () => {
    const envelopes = [...cucumberEnvelopes({ meta: runMeta({ name: 'vitest-spec-ci', version: '0.1.0' }, {}), sources: [two], startedMs: 0, finishedMs: 1, strict: true,
      runs: [
        { uri: two.uri, registry, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [step(0, 'PASSED')])])] },
        { uri: two.uri, registry, testRunHooks: [], scenarios: [scenario(0, [attempt(0, [step(0, 'PASSED')])])] },
      ] })]
    const pickleId = envelopes.find((e) => e.pickle)!.pickle!.id
    expect(envelopes.filter((e) => e.source)).toHaveLength(1)
    expect(envelopes.filter((e) => e.testCase).map((e) => e.testCase!.pickleId)).toEqual([pickleId, pickleId])
  })

  test('a run error ends the run unsuccessfully with the exception', () => {
    const envelopes = run([], { runError: { type: 'Error', message: 'cannot import steps.ts' } })
    expect(finished(envelopes)).toMatchObject({ success: false, message: 'cannot import steps.ts', exception: { type: 'Error', message: 'cannot import steps.ts' } })
  })

  test("a feature file that does not parse is its source and Gherkin's parse errors, and the run does not succeed", () => {
    const compiled = compileFeature('Feature: bad\n  Scenario: s\n    Given a\n  Oops\n', 'features/bad.feature')
    expect(compiled.ok).toBe(false)
    const bad: FeatureSource = { uri: 'features/bad.feature', data: '', mediaType: 'text/x.cucumber.gherkin+plain', pickles: [], parseErrors: compiled.ok ? [] : compiled.problems }
    const envelopes = run([], { sources: [bad] })
    expect(kinds(envelopes).slice(0, 3)).toEqual(['meta', 'source', 'parseError'])
    expect(envelopes[2]!.parseError).toEqual({ source: { uri: 'features/bad.feature', location: { line: 4, column: 3 } }, message: expect.stringMatching(/^\(4:3\): expected: /) })
    expect(finished(envelopes).success).toBe(false)
  })

  test('a record naming a scenario the file does not have is an error naming the file', () => {
    expect(() => run([{ uri: one.uri, registry, testRunHooks: [], scenarios: [scenario(5, [attempt(0, [])])] }])).toThrow('features/one.feature: a run record names scenario 5, but the file has 2 pickles')
  })
})

describe("compileFeature's document and pickles", () => {
  test('come from its one parse, with pickles[i] the pickle of scenarios[i] (Background, Rule and Outline rows included)', () => {
    const text = 'Feature: f\n  Background:\n    Given a\n  Scenario: s\n    Given b\n  Rule: r\n    Scenario Outline: o <x>\n      Given <x>\n      Examples:\n        | x |\n        | 1 |\n        | 2 |\n'
    const compiled = compileFeature(text, 'f.feature')
    if (!compiled.ok) throw new Error('parse')
    expect(compiled.gherkinDocument?.uri).toBe('f.feature')
    expect(compiled.pickles!.map((p) => p.name)).toEqual(compiled.feature.scenarios.map((s) => s.name))
    expect(compiled.pickles!.map((p) => p.steps.map((st) => st.text))).toEqual(compiled.feature.scenarios.map((s) => s.steps.map((st) => st.text)))
    expect(compiled.pickles!.map((p) => p.location?.line)).toEqual(compiled.feature.scenarios.map((s) => s.line))
  })
})

describe('writeChunksAtomic', () => {
  test('streams the lines into the file and leaves no temporary file, also when the source fails', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-lines-'))
    const file = path.join(dir, 'deep', 'out.ndjson')
    await writeChunksAtomic(file, (function* () {
      for (let i = 0; i < 20_000; i++) yield `{"n":${i}}\n`
    })())
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(20_001)
    await expect(
      writeChunksAtomic(file, (function* () {
        yield 'partial\n'
        throw new Error('source broke')
      })()),
    ).rejects.toThrow('source broke')
    expect(readFileSync(file, 'utf8').startsWith('{"n":0}')).toBe(true)
    expect(readdirSync(path.dirname(file))).toEqual(['out.ndjson'])
  })
})
