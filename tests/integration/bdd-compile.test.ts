import path from 'node:path'
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createVitest } from 'vitest/node'
import { runVitestCli } from './run-cli.ts'
import { fixturesDir, parseFixture, runFixture, type FixtureRun } from './run-fixture.ts'

const FIXTURE = 'bdd-compile'
let run: FixtureRun
beforeAll(async () => {
  run = await runFixture(FIXTURE)
})

const names = (r: FixtureRun, file: string) =>
  r.cases.filter((c) => c.file === `features/${file}` && c.name !== 'step definitions are all used').map((c) => [c.name, c.state])
const tagsOf = (r: FixtureRun) =>
  Object.fromEntries(r.modules.flatMap((m) => [...m.children.allTests()]).filter((t) => t.module.moduleId.endsWith('tagged.feature')).map((t) => [t.name, t.tags]))

describe('every file Cucumber accepts is accepted', () => {
  test('an empty file and a comment-only file: one skipped test each, titled so a person sees there is nothing to run', () => {
    expect(names(run, 'empty.feature')).toEqual([['empty.feature > no scenarios (the file has no Feature)', 'skipped']])
    expect(names(run, 'comments.feature')).toEqual([['comments.feature > no scenarios (the file has no Feature)', 'skipped']])
    expect(run.get('empty.feature', 'no scenarios (the file has no Feature)').meta.specCi).toMatchObject({
      kind: 'generate-no-scenarios',
      file: 'features/empty.feature',
      reason: 'no-feature',
    })
  })

  test('a Feature without scenarios, an Outline whose Examples have no rows and a Rule with none: a skipped placeholder each, never a pass', () => {
    expect(names(run, 'no-scenarios.feature')).toEqual([['Nothing to run yet > no scenarios', 'skipped']])
    expect(names(run, 'empty-blocks.feature')).toEqual([
      ['Empty blocks > something runs', 'passed'],
      ['Empty blocks > checkout with <card> > no examples rows', 'skipped'],
      ['Empty blocks > refunds > no scenarios', 'skipped'],
    ])
    expect(run.get('empty-blocks.feature', 'no examples rows')).toMatchObject({ location: { line: 6, column: expect.any(Number) } })
    expect(run.get('empty-blocks.feature', 'no examples rows').meta.specCi).toMatchObject({ kind: 'generate-no-scenarios', reason: 'no-examples-rows', line: 6 })
    expect(run.cases.filter((c) => c.state === 'failed')).toEqual([])
  })

  test('the explorer (static collection) sees the same tests at the same lines', async () => {
    const parsed = await parseFixture(FIXTURE)
    const at = (r: FixtureRun) => r.cases.map((c) => [c.file, c.name, c.location?.line]).sort()
    expect(at(parsed)).toEqual(at(run))
  })
})

describe('outline rows are named as Cucumber names the pickle', () => {
  test('placeholders filled in; rows whose names are alike get their Examples name and row', () => {
    expect(names(run, 'tagged.feature').filter(([n]) => (n as string).includes('pay by card'))).toEqual([
      ['Tagged > pay by card > pay by card (common #1)', 'passed'],
      ['Tagged > pay by card > pay by card (common #2)', 'passed'],
      ['Tagged > pay by card > pay by card (Example #3)', 'passed'],
    ])
  })
})

describe('Gherkin tags are Vitest test tags', () => {
  test('each scenario test carries its pickle’s tags (feature, rule, scenario, examples) without the @; a tag Vitest cannot name is left off', () => {
    expect(tagsOf(run)).toEqual({
      'quick look': ['shop', 'smoke'],
      'long walk': ['shop', 'slow'],
      'quick but slow': ['shop', 'smoke', 'slow'],
      'pay by card (common #1)': ['shop', 'smoke'],
      'pay by card (common #2)': ['shop', 'smoke'],
      'pay by card (Example #3)': ['shop'],
      'return a gift': ['shop', 'smoke', 'skip'],
    })
    // meta keeps the Gherkin tags as written
    expect(run.get('tagged.feature', 'long walk').meta.specCi).toMatchObject({ tags: ['@shop', '@slow', '@issue(12)'] })
  })

  test('static collection reads the tags too', async () => {
    const parsed = await parseFixture(FIXTURE)
    expect(tagsOf(parsed)).toEqual(tagsOf(run))
  })

  test('`vitest --project generate --tags-filter` runs the tagged scenarios only', async () => {
    const { code, stdout, stderr } = await runVitestCli(FIXTURE, ['run', '--project', 'generate', '--tags-filter', 'smoke && !slow', '--reporter', 'verbose'])
    expect(stderr).not.toMatch(/not defined|does't define/)
    expect(code).toBe(0)
    expect(stdout).toMatch(/✓ .*features\/tagged\.feature:5:1 > Tagged > quick look/)
    expect(stdout).toMatch(/✓ .*Tagged > pay by card > pay by card \(common #2\)/)
    expect(stdout).not.toMatch(/✓ .*(long walk|quick but slow|Example #3|something runs)/)
  })

  test('`vitest --list-tags` lists the feature files’ tags', async () => {
    const { stdout } = await runVitestCli(FIXTURE, ['--list-tags'])
    for (const tag of ['shop', 'smoke', 'slow', 'skip', 'draft']) expect(stdout).toContain(tag)
    expect(stdout).not.toContain('issue(12)')
  })
})

describe('a Cucumber tag expression selects the scenarios (generate.tags, SPEC_CI_BDD_TAGS)', () => {
  afterEach(() => {
    delete process.env.SPEC_CI_BDD_TAGS
  })

  async function runConfig(configFile: string): Promise<Array<{ name: string; state: string; file: string }>> {
    const root = path.join(fixturesDir, FIXTURE)
    const vitest = await createVitest('test', { root, config: path.join(root, configFile), watch: false, reporters: [{}] })
    try {
      const { testModules } = await vitest.start()
      return testModules.flatMap((m) => [...m.children.allTests()].map((t) => ({ name: t.fullName, state: t.result().state, file: path.relative(root, t.module.moduleId) })))
    } finally {
      await vitest.close()
    }
  }

  test('generate.tags: scenarios it does not match are left out, as cucumber-js leaves them out; a file with none left says so', async () => {
    const cases = await runConfig('vitest.tags.config.ts')
    expect(cases.filter((c) => c.file === 'features/tagged.feature').map((c) => [c.name, c.state])).toEqual([
      ['Tagged > quick look', 'passed'],
      ['Tagged > pay by card > pay by card (common #1)', 'passed'],
      ['Tagged > pay by card > pay by card (common #2)', 'passed'],
      ['Tagged > returns > return a gift', 'skipped'],
    ])
    expect(cases.filter((c) => c.file === 'features/empty-blocks.feature').map((c) => [c.name, c.state])).toEqual([
      ['Empty blocks > no scenario matches the tag expression @smoke and not @slow', 'skipped'],
    ])
  })

  test('SPEC_CI_BDD_TAGS overrides generate.tags', async () => {
    process.env.SPEC_CI_BDD_TAGS = '@slow and not @smoke'
    const cases = await runConfig('vitest.tags.config.ts')
    expect(cases.filter((c) => c.file === 'features/tagged.feature').map((c) => [c.name, c.state])).toEqual([['Tagged > long walk', 'passed']])
  })

  test('SPEC_CI_BDD_TAGS selects by a tag Vitest cannot name', async () => {
    process.env.SPEC_CI_BDD_TAGS = '@issue\\(12\\)'
    const r = await runFixture(FIXTURE)
    expect(names(r, 'tagged.feature')).toEqual([['Tagged > long walk', 'passed']])
  })

  test('an invalid expression fails the config load, naming the variable and the problem', async () => {
    process.env.SPEC_CI_BDD_TAGS = '@smoke and'
    await expect(runFixture(FIXTURE)).rejects.toThrow(/SPEC_CI_BDD_TAGS is "@smoke and", not a Cucumber tag expression: .*Expected operand/)
  })
})
