import { beforeAll, describe, expect, test } from 'vitest'
import type { FeatureFileMeta, FeatureScenarioMeta } from '../../src/bdd/test-meta.ts'
import type { TestStepRecord } from '../../src/bdd/run-record.ts'
import { runFixture, type FixtureRun } from './run-fixture.ts'

let run: FixtureRun
let lenient: FixtureRun
let failingBeforeAll: FixtureRun
let strictRetry: FixtureRun
beforeAll(async () => {
  strictRetry = await runFixture('bdd-run-retry')
  run = await runFixture('bdd-run')
  lenient = await runFixture('bdd-run-lenient')
  failingBeforeAll = await runFixture('bdd-run-beforeall')
}, 120_000)

const STATUSES = 'features/statuses.feature'
const HOOKS = 'features/hooks.feature'
const WORLD = 'features/world.feature'
const AIRPORTS = 'features/airports.feature'

const scenarioMeta = (r: FixtureRun, file: string, name: string) => r.get(file, name).meta.specCi as FeatureScenarioMeta
const lastAttempt = (r: FixtureRun, file: string, name: string) => scenarioMeta(r, file, name).run!.attempts.at(-1)!
/** The test steps of a scenario's last attempt, without the untagged Before hook of steps/cucumber-style.steps.ts (it runs for every scenario). */
function ownSteps(r: FixtureRun, file: string, name: string): TestStepRecord[] {
  const everywhere = fileMeta(r, file).registry.hooks.find((h) => h.convention === 'cucumber' && h.type === 'BEFORE_TEST_CASE')?.id
  return lastAttempt(r, file, name).steps.filter((s) => s.hookId === undefined || s.hookId !== everywhere)
}
const statusesOf = (steps: TestStepRecord[]) => steps.map((s) => `${s.kind}:${s.result.status}`)
/** The note Vitest keeps for a skipped test (context.skip's reason). */
function skipNote(r: FixtureRun, name: string): string | undefined {
  const t = r.modules.flatMap((m) => [...m.children.allTests()]).find((x) => x.fullName.endsWith(name))!
  return (t.result() as { note?: string }).note
}
function fileMeta(r: FixtureRun, file: string): FeatureFileMeta {
  const m = r.modules.find((x) => x.moduleId.endsWith(file))!
  return (m.meta() as { specCiFeatureFile: FeatureFileMeta }).specCiFeatureFile
}

describe('statuses, with Cucumber’s worst-status rule, strict by default', () => {
  test('a broken step definition (it throws) is FAILED at its line; the steps after it are SKIPPED', () => {
    const c = run.get(STATUSES, 'a broken step definition')
    expect(c.state).toBe('failed')
    expect(c.errors[0]).toMatchObject({ name: 'TypeError', file: STATUSES, line: 5, message: 'When a step throws a TypeError (features/statuses.feature:5) FAILED: the definition is broken' })
    const steps = lastAttempt(run, STATUSES, 'a broken step definition').steps.filter((s) => s.kind === 'step')
    expect(steps.map((s) => s.result.status)).toEqual(['PASSED', 'FAILED', 'SKIPPED'])
    expect(steps[1]!.result).toMatchObject({ message: 'the definition is broken', exception: { type: 'TypeError', message: 'the definition is broken', stackTrace: expect.stringContaining('statuses.steps.ts') } })
    expect(scenarioMeta(run, STATUSES, 'a broken step definition')).toMatchObject({ status: 'FAILED', passedSteps: 1, failedStep: { line: 5 } })
  })

  test('a pending step (returning "pending") fails in strict mode at its line, naming the step', () => {
    const c = run.get(STATUSES, 'a pending step')
    expect(c.state).toBe('failed')
    expect(c.errors[0]).toMatchObject({ name: 'PendingStep', file: STATUSES, line: 10 })
    expect(c.errors[0]!.message).toMatch(/^Pending step at features\/statuses\.feature:10: When a step is pending\n/)
    expect(statusesOf(lastAttempt(run, STATUSES, 'a pending step').steps).filter((s) => s.startsWith('step'))).toEqual(['step:PASSED', 'step:PENDING', 'step:SKIPPED'])
  })

  test('a PendingException is PENDING with its message', () => {
    const c = run.get(STATUSES, 'a pending exception')
    expect(c.errors[0]!.message).toContain('When a step throws a PendingException: waiting for the payments API')
    expect(scenarioMeta(run, STATUSES, 'a pending exception').status).toBe('PENDING')
  })

  test('a skipped step (returning "skipped") skips the scenario with the reason; the rest are SKIPPED', () => {
    expect(run.get(STATUSES, 'a skipped step').state).toBe('skipped')
    expect(skipNote(run, 'a skipped step')).toBe('SKIPPED at When a step is skipped (features/statuses.feature:18)')
    expect(scenarioMeta(run, STATUSES, 'a skipped step').status).toBe('SKIPPED')
  })

  test('the steps before an undefined step run; the ones after are SKIPPED; a snippet is suggested', () => {
    const meta = scenarioMeta(run, STATUSES, 'steps before an undefined step run')
    expect(meta.status).toBe('UNDEFINED')
    expect(meta.passedSteps).toBe(1)
    expect(ownSteps(run, STATUSES, 'steps before an undefined step run').map((s) => s.result.status)).toEqual(['PASSED', 'UNDEFINED', 'SKIPPED'])
    expect(meta.run!.suggestions).toEqual([{ stepIndex: 1, snippets: [{ language: 'typescript', code: expect.stringContaining("When('nobody defined this step', (world) => {") }] }])
    expect(run.get(STATUSES, 'steps before an undefined step run').errors[0]).toMatchObject({ name: 'UndefinedStep', line: 23 })
  })

  test('AMBIGUOUS outranks UNDEFINED: the scenario fails as ambiguous, at the ambiguous step', () => {
    const c = run.get(STATUSES, 'ambiguous outranks undefined')
    expect(c.errors[0]).toMatchObject({ name: 'AmbiguousStep', file: STATUSES, line: 28 })
    const steps = ownSteps(run, STATUSES, 'ambiguous outranks undefined')
    expect(steps.map((s) => s.result.status)).toEqual(['UNDEFINED', 'AMBIGUOUS'])
    expect(steps[1]!.stepDefinitionIds).toHaveLength(2)
    expect(scenarioMeta(run, STATUSES, 'ambiguous outranks undefined').status).toBe('AMBIGUOUS')
  })

  test('a step over its timeout fails, naming the step, its line and the timeout, before Vitest’s own timeout', () => {
    const c = run.get(STATUSES, 'a step times out')
    expect(c.errors[0]).toMatchObject({ name: 'StepTimeoutError', file: STATUSES, line: 31 })
    expect(c.errors[0]!.message).toBe('Given a step that takes too long (features/statuses.feature:31) FAILED: the step timed out after 100 ms (give its definition { timeout } or call setDefaultTimeout)')
  })

  test('a passing scenario records every step with its definition and argument groups', () => {
    expect(run.get(STATUSES, 'every step passes').state).toBe('passed')
    const attempt = lastAttempt(run, STATUSES, 'every step passes')
    expect(attempt).toMatchObject({ attempt: 0, willBeRetried: false })
    expect(attempt.steps.every((s) => s.result.status === 'PASSED' && s.result.durationNs >= 0 && s.startedMs > 0)).toBe(true)
    const world = lastAttempt(run, WORLD, 'cucumber-js style steps and hooks').steps.find((s) => s.kind === 'step')!
    expect(world.stepMatchArgumentsLists).toEqual([[{ group: { start: 27, value: '7', children: [] }, parameterTypeName: 'int' }]])
    const ids = new Set(fileMeta(run, WORLD).registry.stepDefinitions.map((d) => d.id))
    expect(ids.has(world.stepDefinitionIds![0]!)).toBe(true)
  })
})

describe('an unknown parameter type', () => {
  test('only the steps that would use that definition are undefined; the other scenarios and features run', () => {
    expect(run.get(AIRPORTS, 'flying uses a definition with an unknown parameter type')).toMatchObject({ state: 'failed', errors: [{ name: 'UndefinedStep', line: 5 }] })
    expect(run.get(AIRPORTS, 'walking does not').state).toBe('passed')
    expect(run.get(STATUSES, 'every step passes').state).toBe('passed')
  })

  test('is recorded and warned about once per feature file, naming the definition’s file and line', () => {
    expect(fileMeta(run, AIRPORTS).registry.undefinedParameterTypes).toEqual([{ expression: 'I fly to {airport}', name: 'airport' }])
    const warning = "Step definition When('I fly to {airport}') steps/airports.steps.ts:3 uses the parameter type {airport}, which no defineParameterType defines: it matches no step"
    const warned = run.cases.filter((c) => c.file === AIRPORTS && c.annotations.some((a) => a.type === 'warning' && a.message === warning))
    expect(warned).toHaveLength(1)
  })
})

describe('hooks', () => {
  test('a tagged Before hook runs only for the scenarios its tag expression matches', () => {
    expect(run.get(HOOKS, 'a tagged hook runs for a matching scenario').state).toBe('passed')
    expect(run.get(HOOKS, 'a tagged hook does not run for another scenario').state).toBe('passed')
    const hooks = fileMeta(run, HOOKS).registry.hooks
    expect(hooks.find((h) => h.name === 'open the database')).toMatchObject({ type: 'BEFORE_TEST_CASE', tagExpression: '@db', source: { uri: 'steps/hooks.steps.ts' } })
    const untagged = lastAttempt(run, HOOKS, 'a tagged hook does not run for another scenario').steps
    expect(untagged.some((s) => s.hookId === hooks.find((h) => h.name === 'open the database')!.id)).toBe(false)
  })

  test('Before in definition order, BeforeStep, the step, AfterStep and After in reverse order of definition', () => {
    expect(run.get(HOOKS, "hooks run in Cucumber's order").annotations).toEqual([
      { type: 'log', message: 'before 1 > before 2 > before step a counted step > after step 2 > after step 1 > before step a counted step > after step 2 > after step 1 > after 2 > after 1' },
    ])
    const names = new Map(fileMeta(run, HOOKS).registry.hooks.map((h) => [h.id, h.name]))
    const order = ownSteps(run, HOOKS, "hooks run in Cucumber's order").map((s) => (s.kind === 'hook' ? names.get(s.hookId!) : 'step'))
    expect(order).toEqual(['before 1', 'before 2', 'step', 'step', 'after 2', 'after 1'])
  })

  test('the same function registered twice through a helper is two hooks, and both run', () => {
    const hooks = fileMeta(run, HOOKS).registry.hooks.filter((h) => h.type === 'AFTER_TEST_CASE' && h.tagExpression === '@helper')
    expect(hooks).toHaveLength(3)
    expect(hooks[0]!.source).toEqual(hooks[1]!.source)
    expect(hooks[0]!.id).not.toBe(hooks[1]!.id)
    const ran = ownSteps(run, HOOKS, 'hooks registered through a helper all run').filter((s) => s.kind === 'hook')
    expect(ran.map((s) => s.hookId)).toEqual([hooks[2]!.id, hooks[1]!.id, hooks[0]!.id])
    expect(ran.every((s) => s.result.status === 'PASSED')).toBe(true)
  })

  test('a Before hook returning "skipped" skips the scenario', () => {
    expect(run.get(HOOKS, 'a Before hook returning skipped skips the scenario').state).toBe('skipped')
    expect(statusesOf(ownSteps(run, HOOKS, 'a Before hook returning skipped skips the scenario'))).toEqual(['hook:SKIPPED', 'step:SKIPPED'])
  })

  test('a failing Before hook fails the scenario at its line, skips the steps, and the After hooks still run', () => {
    const c = run.get(HOOKS, 'a failing Before hook skips the steps, the After hooks still run')
    expect(c.errors[0]).toMatchObject({ name: 'BeforeHookFailed', file: HOOKS, line: 24, message: 'Before hook at steps/hooks.steps.ts:56 FAILED (features/hooks.feature:24): Error: cannot connect' })
    expect(statusesOf(ownSteps(run, HOOKS, 'a failing Before hook skips the steps, the After hooks still run'))).toEqual(['hook:FAILED', 'step:SKIPPED', 'hook:PASSED'])
    expect(c.annotations).toEqual([{ type: 'log', message: 'the After hook ran after the failing Before hook' }])
  })

  test('BeforeAll and AfterAll run once per feature file; their runs are on the file’s meta', () => {
    for (const file of [HOOKS, STATUSES]) {
      const meta = fileMeta(run, file)
      const types = new Map(meta.registry.hooks.map((h) => [h.id, h.type]))
      expect(meta.testRunHooks.map((h) => [types.get(h.hookId), h.result.status])).toEqual([
        ['BEFORE_TEST_RUN', 'PASSED'],
        ['AFTER_TEST_RUN', 'PASSED'],
      ])
    }
    expect(run.modules.every((m) => m.errors().length === 0)).toBe(true)
  })

  test('a failing BeforeAll fails every scenario of the file clearly, at its line', () => {
    for (const [name, line] of [['first', 3], ['second', 6]] as const) {
      const c = failingBeforeAll.get('features/global.feature', name)
      expect(c.state).toBe('failed')
      expect(c.errors[0]).toMatchObject({ name: 'BeforeAllHookFailed', line, message: 'BeforeAll hook at steps/global.steps.ts:3 FAILED, so no scenario of features/global.feature ran: Error: BeforeAll hook went wrong' })
    }
    expect(fileMeta(failingBeforeAll, 'features/global.feature').testRunHooks.map((h) => h.result.status)).toEqual(['FAILED', 'PASSED', 'PASSED'])
  })
})

describe('the World', () => {
  test('setWorldConstructor’s class, with generate.worldParameters', () => {
    expect(run.get(WORLD, 'the world is the class set by setWorldConstructor, with the parameters').state).toBe('passed')
  })

  test('attach, log and link are Vitest annotations with attachments and attachment records', () => {
    const c = run.get(WORLD, 'attach, log and link become annotations and attachments')
    expect(c.state).toBe('passed')
    expect(c.annotations).toEqual([
      { type: 'attachment', message: 'attachment (application/json)' },
      { type: 'attachment', message: 'attachment bytes.bin (application/octet-stream)' },
      { type: 'log', message: 'a log line' },
      { type: 'link', message: 'https://example.com/order/1' },
    ])
    const t = run.modules.flatMap((m) => [...m.children.allTests()]).find((x) => x.name === 'attach, log and link become annotations and attachments')!
    expect(t.annotations()[1]!.attachment).toMatchObject({ contentType: 'application/octet-stream', body: 'AQID', bodyEncoding: 'base64' })
    const step = lastAttempt(run, WORLD, 'attach, log and link become annotations and attachments').steps.find((s) => s.kind === 'step')!
    expect(step.attachments.map(({ timestampMs, ...a }) => (expect(timestampMs).toBeGreaterThan(0), a))).toEqual([
      { body: '{"order":1}', contentEncoding: 'IDENTITY', mediaType: 'application/json' },
      { body: 'AQID', contentEncoding: 'BASE64', mediaType: 'application/octet-stream', fileName: 'bytes.bin' },
      { body: 'a log line', contentEncoding: 'IDENTITY', mediaType: 'text/x.cucumber.log+plain' },
      { body: 'https://example.com/order/1', contentEncoding: 'IDENTITY', mediaType: 'text/uri-list', url: 'https://example.com/order/1' },
    ])
  })

  test('vitest-spec-ci/cucumber: cucumber-js signatures (this = world, { pickle } in hooks), same registry', () => {
    expect(run.get(WORLD, 'cucumber-js style steps and hooks').state).toBe('passed')
    const defs = fileMeta(run, WORLD).registry.stepDefinitions
    expect(defs.find((d) => d.pattern === 'a cucumber-style step with {int}')).toMatchObject({ convention: 'cucumber' })
    expect(defs.find((d) => d.pattern === 'a counted step')).toMatchObject({ convention: 'world-first' })
  })
})

describe('generate.strict: false, generate.retry, and step files evaluated again in one worker', () => {
  const A = 'features/a-lenient.feature'

  test('pending and undefined steps skip the scenario with the reason', () => {
    expect(lenient.get(A, 'a pending step skips the scenario').state).toBe('skipped')
    expect(skipNote(lenient, 'a pending step skips the scenario')).toBe('PENDING (generate.strict is false) at When a step is pending (features/a-lenient.feature:5)')
    expect(lenient.get(A, 'an undefined step skips the scenario').state).toBe('skipped')
    expect(skipNote(lenient, 'an undefined step skips the scenario')).toBe('UNDEFINED (generate.strict is false) at When nobody defined this step (features/a-lenient.feature:9)')
  })

  test('a failing scenario is retried; each attempt is recorded with willBeRetried', () => {
    const flaky = scenarioMeta(lenient, A, 'a flaky step passes on its third attempt')
    expect(lenient.get(A, 'a flaky step passes on its third attempt').state).toBe('passed')
    expect(flaky.run!.attempts.map((a) => [a.attempt, a.willBeRetried, a.steps.find((x) => x.kind === 'step')!.result.status])).toEqual([
      [0, true, 'FAILED'],
      [1, true, 'FAILED'],
      [2, false, 'PASSED'],
    ])
    expect(flaky.status).toBe('PASSED')
    const failing = scenarioMeta(lenient, A, 'a failing step fails every attempt')
    expect(failing.run!.attempts.map((a) => a.willBeRetried)).toEqual([true, true, false])
    expect(failing.status).toBe('FAILED')
  })

  test('a step file evaluated again for a later feature file replaces its definitions: nothing is ambiguous or doubled', () => {
    const c = lenient.get('features/b-again.feature', 'the step files ran again and nothing is doubled')
    // the setup file reset the modules: the step file really was evaluated a second time in this worker
    expect(c.annotations).toEqual([{ type: 'log', message: 'step file evaluations: 2' }])
    expect(c.state).toBe('passed')
    const before = fileMeta(lenient, 'features/b-again.feature').registry.hooks.filter((h) => h.type === 'BEFORE_TEST_CASE')
    expect(before).toHaveLength(2)
  })
})

describe('generate.retry in strict mode', () => {
  test('only a FAILED scenario is retried; PENDING, UNDEFINED and AMBIGUOUS fail once', () => {
    const F = 'features/retry.feature'
    const attempts = (name: string) => scenarioMeta(strictRetry, F, name).run!.attempts.map((a) => a.willBeRetried)
    expect(attempts('a failing step is retried')).toEqual([true, true, false])
    expect(strictRetry.get(F, 'a failing step is retried').errors).toHaveLength(3)
    for (const name of ['a pending step is not retried', 'an undefined step is not retried', 'an ambiguous step is not retried']) {
      expect(strictRetry.get(F, name).state).toBe('failed')
      expect(attempts(name)).toEqual([false])
      expect(strictRetry.get(F, name).errors).toHaveLength(1)
    }
  })
})

describe('meta stays JSON-serialisable', () => {
  test('every scenario’s meta and every file’s meta round-trip through JSON', () => {
    for (const r of [run, lenient]) {
      for (const c of r.cases) expect(JSON.parse(JSON.stringify(c.meta))).toEqual(c.meta)
      for (const m of r.modules) expect(JSON.parse(JSON.stringify(m.meta()))).toEqual(m.meta())
    }
  })
})
