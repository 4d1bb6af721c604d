import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Pickle } from '@cucumber/messages'
import { beforeAll, describe, expect, test } from 'vitest'
import { compileFeature } from '../../src/bdd/compile-feature.ts'
import { vitestTagName } from '../../src/bdd/vitest-tags.ts'
import { fixturesDir, parseFixture, runFixture, type CaseResult, type FixtureRun } from './run-fixture.ts'

/**
 * Cucumber's own Gherkin acceptance data (cucumber/gherkin testdata at release 42.0.1, copied into
 * tests/fixtures/gherkin-oracle as it is): every good feature's tests are its pickles, every bad
 * feature fails at the lines of its expected parse errors.
 */
const FIXTURE = 'gherkin-oracle'
const root = path.join(fixturesDir, FIXTURE)
const features = (kind: 'good' | 'bad') => readdirSync(path.join(root, 'features', kind)).filter((f) => f.endsWith('.feature')).sort()
const ndjson = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T)
const picklesOf = (name: string) => ndjson<{ pickle: Pickle }>(path.join(root, 'expected/good', `${name}.pickles.ndjson`)).map((e) => e.pickle)
const errorsOf = (name: string) =>
  ndjson<{ parseError: { message: string; source: { location: { line: number; column?: number } } } }>(path.join(root, 'expected/bad', `${name}.errors.ndjson`)).map((e) => e.parseError)

type RecordedArgument = { docString: string } | { dataTable: string[][] }
interface RecordedStep {
  text: string
  arguments: RecordedArgument[]
}


let run: FixtureRun
beforeAll(async () => {
  run = await runFixture(FIXTURE)
})

const scenarioTests = (r: FixtureRun, file: string) =>
  r.cases.filter((c) => c.file === `features/good/${file}` && (c.meta.specCi as { kind?: string } | undefined)?.kind !== 'generate-no-scenarios' && c.name !== 'step definitions are all used')
const tagsByName = (r: FixtureRun) => new Map(r.modules.flatMap((m) => [...m.children.allTests()]).map((t) => [`${path.relative(root, t.module.moduleId)} > ${t.fullName}`, t.tags]))

/**
 * The test's own title for a pickle: its name, or, when several tests of one block share it, the name
 * with a row label (`name (Example #2)`) or a number (`name (2)`); an unnamed scenario or row is titled
 * by where it is.
 */
function titleFits(title: string, pickleName: string): boolean {
  const name = pickleName.trim()
  if (title === name) return true
  if (name === '') return /^(.+ at line \d+|.+ #\d+|Example #\d+)( \(\d+\))?$/.test(title)
  return title.startsWith(`${name} (`) && /\((.+ #\d+|\d+)\)$/.test(title)
}

/** The pickle step's arguments in the file's order (`argumentIndex`). */
function expectedArguments(step: Pickle['steps'][number]): Array<RecordedArgument & { index: number }> {
  const argument = step.argument
  const list: Array<RecordedArgument & { index: number }> = []
  if (argument?.dataTable) list.push({ dataTable: argument.dataTable.rows.map((r) => r.cells.map((c) => c.value)), index: argument.dataTable.argumentIndex ?? 0 })
  if (argument?.docString) list.push({ docString: argument.docString.content, index: argument.docString.argumentIndex ?? 0 })
  return list.sort((a, b) => a.index - b.index)
}

const withoutIndex = ({ index: _, ...a }: RecordedArgument & { index: number }): RecordedArgument => a

describe('good features: the tests are the pickles', () => {
  test.for(features('good'))('%s', (file) => {
    const pickles = picklesOf(file)
    const tests = scenarioTests(run, file)
    const tags = tagsByName(run)
    expect(tests.map((t) => t.state)).toEqual(pickles.map(() => 'passed'))
    tests.forEach((t, i) => {
      const pickle = pickles[i]!
      const at = `${file} test ${i + 1}: ${t.name}`
      expect(titleFits(t.name.split(' > ').pop()!, pickle.name), `${at} is titled for the pickle "${pickle.name}"`).toBe(true)
      expect(t.location?.line, at).toBe(pickle.location?.line)
      const ran = (t.meta.oracleSteps as RecordedStep[] | undefined) ?? []
      const expected = pickle.steps.map((s) => ({ text: s.text, arguments: expectedArguments(s).map(withoutIndex) }))
      // Arguments in the file's order (a step may have a data table and a doc string, either first).
      expect(ran, at).toEqual(expected)
      expect(t.meta.specCi, at).toMatchObject({ kind: 'generate-feature', tags: pickle.tags.map((tag) => tag.name), steps: pickle.steps.length, passedSteps: pickle.steps.length })
      const vitestTags = [...new Set(pickle.tags.map((tag) => vitestTagName(tag.name)).filter((n) => n !== undefined))]
      expect(tags.get(`features/good/${file} > ${t.name}`), at).toEqual(vitestTags)
    })
    // a file without pickles declares one skipped placeholder and nothing fails
    const all = run.cases.filter((c) => c.file === `features/good/${file}` && c.name !== 'step definitions are all used')
    if (pickles.length === 0) expect(all.map((c) => [c.state, (c.meta.specCi as { kind: string }).kind])).toEqual([['skipped', 'generate-no-scenarios']])
    expect(all.filter((c) => c.state === 'failed')).toEqual([])
  })

  test('compiled without Vitest, every step keeps its doc string’s media type and every test its pickle’s name', () => {
    for (const file of features('good')) {
      const compiled = compileFeature(readFileSync(path.join(root, 'features/good', file), 'utf8'), file)
      expect(compiled.ok, file).toBe(true)
      if (!compiled.ok) continue
      const pickles = picklesOf(file)
      expect(compiled.feature.scenarios.map((s) => s.name), file).toEqual(pickles.map((p) => p.name))
      expect(
        compiled.feature.scenarios.map((s) => s.steps.map((st) => st.docString?.mediaType)),
        file,
      ).toEqual(pickles.map((p) => p.steps.map((st) => st.argument?.docString?.mediaType)))
      expect(compiled.feature.scenarios.map((s) => s.steps.map((st) => st.type)), file).toEqual(pickles.map((p) => p.steps.map((st) => st.type)))
      expect(
        compiled.feature.scenarios.map((s) => s.steps.map((st) => (st.dataTable && st.docString ? (st.docStringFirst ? 'docString' : 'dataTable') : undefined))),
        `${file}: which argument comes first`,
      ).toEqual(pickles.map((p) => p.steps.map((st) => (st.argument?.dataTable && st.argument.docString ? Object.keys(withoutIndex(expectedArguments(st)[0]!))[0] : undefined))))
    }
  })
})

describe('bad features: one failing test at the first expected error, listing every expected error', () => {
  test.for(features('bad'))('%s', (file) => {
    const expected = errorsOf(file)
    const tests = run.cases.filter((c) => c.file === `features/bad/${file}` && c.name !== 'step definitions are all used')
    expect(tests.map((c) => [c.name.split(' > ').pop(), c.state])).toEqual([['feature file can be parsed', 'failed']])
    const [c] = tests as [CaseResult]
    const lines = expected.map((e) => e.source.location.line)
    expect(c.location?.line).toBe(lines[0])
    expect(c.errors[0]).toMatchObject({ name: 'GherkinSyntaxError', file: `features/bad/${file}`, line: lines[0] })
    const problems = (c.meta.specCi as { syntaxErrors: Array<{ line: number; column: number; message: string }> }).syntaxErrors
    expect(problems.map((p) => p.line)).toEqual(lines)
    // the message is Gherkin's own, without its `(line:column): ` prefix
    expect(problems.map((p) => p.message)).toEqual(expected.map((e) => e.message.replace(/^\(\d+:\d+\): /, '')))
  })
})

test('static collection (the explorer) sees every test of the oracle at the same line as the run', async () => {
  const parsed = await parseFixture(FIXTURE)
  const at = (r: FixtureRun) => r.cases.map((c) => `${c.file} > ${c.name} :${c.location?.line}`).sort()
  expect(at(parsed)).toEqual(at(run))
  expect(tagsByName(parsed)).toEqual(tagsByName(run))
})
