import { beforeAll, describe, expect, test } from 'vitest'
import type { GenerateBddSection } from '../../src/report/sections/generate-bdd.ts'
import { runWithReport } from './reporter-helpers.ts'
import { runVitestCli } from './run-cli.ts'
import { parseFixture, runFixture, type FixtureRun } from './run-fixture.ts'

let run: FixtureRun
beforeAll(async () => {
  run = await runFixture('generate-bdd')
})

const CART = 'features/cart.feature'
const PROBLEMS = 'features/problems.feature'
const BROKEN = 'features/broken.feature'

describe('a .feature file is a test file of the generate project', () => {
  test('Feature, Rule and Outline become describe blocks; each scenario and example row a test, a row named as Cucumber names its pickle', () => {
    const names = run.cases.filter((c) => c.file === CART).map((c) => [c.name, c.state])
    expect(names).toEqual([
      ['Shopping cart > add items from a table', 'passed'],
      ['Shopping cart > every scenario starts with a fresh world', 'passed'],
      ['Shopping cart > a doc string reaches the step', 'passed'],
      ['Shopping cart > add <count> <colour> boxes > add 1 red boxes', 'passed'],
      ['Shopping cart > add <count> <colour> boxes > add 4 blue boxes', 'passed'],
      ['Shopping cart > gift wrapping', 'skipped'],
      ['Shopping cart > coupons', 'skipped'],
      ['Shopping cart > checkout needs items > checkout of a full cart', 'passed'],
    ])
  })

  test('each test is located at its scenario’s line, or its example row’s line, when run', () => {
    const lines = Object.fromEntries(run.cases.filter((c) => c.file === CART).map((c) => [c.name.split(' > ').pop(), c.location?.line]))
    expect(lines).toEqual({
      'add items from a table': 7,
      'every scenario starts with a fresh world': 15,
      'a doc string reaches the step': 19,
      'add 1 red boxes': 32,
      'add 4 blue boxes': 33,
      'gift wrapping': 36,
      coupons: 40,
      'checkout of a full cart': 44,
    })
  })

  test('static collection (the VS Code explorer) sees the same tests at the same lines without running them', async () => {
    const parsed = await parseFixture('generate-bdd')
    const collected = parsed.cases.filter((c) => c.file === CART).map((c) => [c.name, c.location?.line])
    expect(collected).toEqual(run.cases.filter((c) => c.file === CART).map((c) => [c.name, c.location?.line]))
  })

  test('@skip declares test.skip and @todo declares test.todo', () => {
    const todo = run.modules.flatMap((m) => [...m.children.allTests()]).find((t) => t.name === 'coupons')!
    expect(todo.options.mode).toBe('todo')
    const skipped = run.modules.flatMap((m) => [...m.children.allTests()]).find((t) => t.name === 'gift wrapping')!
    expect(skipped.options.mode).toBe('skip')
    expect(run.get(CART, 'gift wrapping').meta.specCi).toMatchObject({ kind: 'generate-feature', mode: 'skip', tags: ['@cart', '@skip'] })
  })

  test('Background steps, data tables, doc strings, parameter types, hooks and a fresh world per scenario reach the steps', () => {
    // the steps assert these themselves; here: they ran, with the Background counted
    expect(run.get(CART, 'add items from a table').meta.specCi).toMatchObject({
      kind: 'generate-feature',
      file: CART,
      feature: 'Shopping cart',
      line: 7,
      steps: 4,
      passedSteps: 4,
      undefinedSteps: [],
    })
    expect(run.get(CART, 'add 4 blue boxes').meta.specCi).toMatchObject({ example: { row: 2, values: { count: '4', colour: 'blue' } } })
  })
})

describe('failures point at the .feature line', () => {
  test('a failing step fails its scenario at the step’s line, keeping the assertion’s message', () => {
    const c = run.get(PROBLEMS, 'a step fails')
    expect(c.state).toBe('failed')
    expect(c.errors[0]).toMatchObject({ file: PROBLEMS, line: 6 })
    expect(c.errors[0]!.message).toBe('Then the cart has 5 items (features/problems.feature:6) FAILED: expected 2 to be 5 // Object.is equality')
    expect(c.meta.specCi).toMatchObject({ passedSteps: 2, failedStep: { line: 6, text: 'Then the cart has 5 items' } })
  })

  test('an undefined step fails at its line with a paste-ready snippet; the steps before it run, those after are skipped', () => {
    const c = run.get(PROBLEMS, 'a step is undefined')
    expect(c.errors[0]).toMatchObject({ name: 'UndefinedStep', file: PROBLEMS, line: 10 })
    expect(c.errors[0]!.message).toContain('Undefined step at features/problems.feature:10: When I pay with 3 "gift" cards')
    expect(c.errors[0]!.message).toContain("When('I pay with {int} {string} cards', (world, int, string) => {\n  // Write code here")
    expect(c.meta.specCi).toMatchObject({ status: 'UNDEFINED', passedSteps: 1, undefinedSteps: [{ line: 10, text: 'I pay with 3 "gift" cards' }] })
    const record = (c.meta.specCi as { run: { attempts: Array<{ steps: Array<{ result: { status: string } }> }> } }).run
    expect(record.attempts[0]!.steps.map((s) => s.result.status)).toEqual(['PASSED', 'PASSED', 'UNDEFINED', 'SKIPPED', 'PASSED'])
  })

  test('an ambiguous step fails listing every matching definition with its file and line', () => {
    const c = run.get(PROBLEMS, 'a step is ambiguous')
    expect(c.errors[0]).toMatchObject({ name: 'AmbiguousStep', file: PROBLEMS, line: 15 })
    expect(c.errors[0]!.message).toContain(
      "It matches 2 step definitions:\n  When('I ship it {word}') steps/shipping.steps.ts:3\n  When('I ship it express') steps/shipping.steps.ts:4",
    )
  })

  test('a Gherkin syntax error is one failing test at the error’s line; the other features still run', () => {
    const c = run.get(BROKEN, 'feature file can be parsed')
    expect(c.state).toBe('failed')
    expect(c.location?.line).toBe(5)
    expect(c.errors[0]).toMatchObject({ name: 'GherkinSyntaxError', file: BROKEN, line: 5 })
    expect(c.errors[0]!.message).toContain("features/broken.feature:5:3: expected: #EOF")
    expect(run.cases.filter((x) => x.file === CART && x.state === 'passed')).toHaveLength(6)
  })
})

describe('step definitions', () => {
  test('a definition no feature uses is annotated as a warning and listed in meta', () => {
    const c = run.cases.find((x) => x.name.endsWith('step definitions are all used'))!
    expect(c.state).toBe('passed')
    expect(c.annotations).toEqual([
      { type: 'warning', message: "Unused step definition: When('I gift wrap everything') steps/shipping.steps.ts:6 matches no step of the 2 feature files" },
    ])
    expect(c.meta.specCi).toMatchObject({ kind: 'generate-steps', features: 2, unused: [{ keyword: 'When', pattern: 'I gift wrap everything', file: 'steps/shipping.steps.ts', line: 6 }] })
  })

  test('a step file is in the import graph of the features, so editing it re-runs them (`vitest related`)', async () => {
    const { stdout } = await runVitestCli('generate-bdd', ['related', 'steps/shipping.steps.ts', '--run'])
    expect(stdout).toMatch(/features\/cart\.feature \(8 tests/)
    expect(stdout).toMatch(/features\/problems\.feature \(3 tests/)
  })
})

describe('summary.json', () => {
  test('lists each feature with its scenario counts, undefined steps, syntax errors and the unused step definitions', async () => {
    const report = await runWithReport('generate-bdd-report', ['run'])
    expect(report.code).toBe(1)
    const generate = report.summary.generate as GenerateBddSection
    expect(generate.features).toEqual([
      {
        file: 'features/broken.feature',
        feature: '',
        scenarios: 0,
        passed: 0,
        failed: 1,
        skipped: 0,
        undefinedSteps: 0,
        ambiguousSteps: 0,
        statuses: { passed: 0, failed: 0, pending: 0, undefined: 0, ambiguous: 0, skipped: 0 },
        syntaxErrors: [{ line: 4, column: 3, message: expect.stringContaining("got 'not gherkin'") }],
        failures: [],
      },
      {
        file: 'features/counter.feature',
        feature: 'Counter',
        scenarios: 3,
        passed: 1,
        failed: 1,
        skipped: 1,
        undefinedSteps: 1,
        ambiguousSteps: 0,
        statuses: { passed: 1, failed: 0, pending: 0, undefined: 1, ambiguous: 0, skipped: 1 },
        failures: [{ scenario: 'Counter > an undefined step', line: 10, message: 'UndefinedStep: Undefined step at features/counter.feature:10: When it is doubled' }],
        scenarioStatuses: [
          { scenario: 'counting up', line: 3, status: 'passed' },
          { scenario: 'an undefined step', line: 8, status: 'undefined' },
          { scenario: 'later', line: 13, status: 'skipped' },
        ],
      },
    ])
    expect(generate.unusedSteps).toEqual([{ keyword: 'When', pattern: 'it is reset', file: 'steps/counter.steps.ts', line: 13 }])
    expect(report.markdown).toContain('### BDD features')
    expect(report.markdown).toContain('Unused step definitions (1):')
  })
})
