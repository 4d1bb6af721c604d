import { AstBuilder, compile, GherkinClassicTokenMatcher, GherkinInMarkdownTokenMatcher, Parser } from '@cucumber/gherkin'
import { IdGenerator, type Examples, type FeatureChild, type Pickle, type RuleChild, type Scenario, type Step } from '@cucumber/messages'
import type { CompiledFeature, FeatureCompilation, FeatureNode, FeatureScenario, FeatureStep, GherkinProblem, ScenarioMode, StepKeywordType } from './types.ts'
import { uniqueTitles } from '../unique-titles.ts'

interface ErrorWithLocation {
  message: string
  location?: { line: number; column?: number }
}

/** Gherkin prefixes each message with `(line:column): `; the caller adds its own `file:line:`. */
function problemOf(error: ErrorWithLocation): GherkinProblem {
  const line = error.location?.line ?? 1
  const column = error.location?.column ?? 1
  return { line, column, message: error.message.replace(/^\(\d+:\d+\): /, '') }
}

function modeOf(tags: readonly string[]): ScenarioMode {
  if (tags.includes('@skip')) return 'skip'
  if (tags.includes('@todo')) return 'todo'
  return 'run'
}

/** Titles unique within one describe block (see {@link uniqueTitles}). */
function uniqueChildTitles(children: FeatureNode[], scenarios: FeatureScenario[]): void {
  const titles = uniqueTitles(children.map((child) => (child.kind === 'scenario' ? scenarios[child.index]!.title : child.title)))
  children.forEach((child, i) => {
    if (child.kind === 'scenario') scenarios[child.index]!.title = titles[i]!
    else child.title = titles[i]!
  })
}

/** A feature file written in Markdown with Gherkin. */
export function isMarkdownFeature(file: string): boolean {
  return file.endsWith('.feature.md')
}

/**
 * Parses a .feature file and compiles it into the tests it declares: one per Scenario and one per
 * Examples row of a Scenario Outline, with Background steps applied, each placed at its line.
 */
export function compileFeature(text: string, uri: string): FeatureCompilation {
  const newId = IdGenerator.incrementing()
  let document
  try {
    // Markdown with Gherkin (`.feature.md`), as Cucumber reads it; every other file is classic Gherkin.
    const matcher = isMarkdownFeature(uri) ? new GherkinInMarkdownTokenMatcher() : new GherkinClassicTokenMatcher()
    document = new Parser(new AstBuilder(newId), matcher).parse(text)
  } catch (error) {
    const errors = (error as { errors?: ErrorWithLocation[] }).errors
    const list = errors && errors.length > 0 ? errors : [error as ErrorWithLocation]
    return { ok: false, problems: list.map(problemOf) }
  }
  const feature = document.feature
  if (!feature) return { ok: false, problems: [{ line: 1, column: 1, message: 'no "Feature:" line found; a feature file starts with "Feature: <name>"' }] }

  const pickles = compile(document, uri, newId)
  const stepsById = new Map<string, Step>()
  const rowsById = new Map<string, { examples: Examples; row: number; ordinal: number }>()
  const collectSteps = (steps: readonly Step[]) => steps.forEach((s) => stepsById.set(s.id, s))
  const collectScenario = (scenario: Scenario) => {
    collectSteps(scenario.steps)
    let ordinal = 0
    for (const examples of scenario.examples)
      examples.tableBody.forEach((row, i) => rowsById.set(row.id, { examples, row: i + 1, ordinal: ++ordinal }))
  }
  const collectChild = (child: FeatureChild | RuleChild) => {
    if (child.background) collectSteps(child.background.steps)
    if (child.scenario) collectScenario(child.scenario)
    if ('rule' in child && child.rule) child.rule.children.forEach(collectChild)
  }
  feature.children.forEach(collectChild)

  const picklesByScenario = new Map<string, Pickle[]>()
  for (const pickle of pickles) {
    const list = picklesByScenario.get(pickle.astNodeIds[0]!) ?? []
    list.push(pickle)
    picklesByScenario.set(pickle.astNodeIds[0]!, list)
  }

  const scenarios: FeatureScenario[] = []
  const toStep = (pickleStep: Pickle['steps'][number]): FeatureStep => {
    const ast = stepsById.get(pickleStep.astNodeIds[0]!)
    const step: FeatureStep = {
      keyword: ast?.keyword.trim() ?? '*',
      type: (pickleStep.type ?? 'Unknown') as StepKeywordType,
      text: pickleStep.text,
      line: ast?.location.line ?? 1,
    }
    const argument = pickleStep.argument
    if (argument?.dataTable) step.dataTable = argument.dataTable.rows.map((r) => r.cells.map((c) => c.value))
    if (argument?.docString)
      step.docString = argument.docString.mediaType
        ? { content: argument.docString.content, mediaType: argument.docString.mediaType }
        : { content: argument.docString.content }
    return step
  }
  const addScenario = (pickle: Pickle, title: string, line: number, example?: FeatureScenario['example']): number => {
    const tags = pickle.tags.map((t) => t.name)
    const scenario: FeatureScenario = { title, name: pickle.name, line, tags, mode: modeOf(tags), steps: pickle.steps.map(toStep) }
    if (example) scenario.example = example
    scenarios.push(scenario)
    return scenarios.length - 1
  }

  const scenarioNodes = (scenario: Scenario): FeatureNode[] => {
    const compiled = picklesByScenario.get(scenario.id) ?? []
    const name = scenario.name.trim() || `${scenario.keyword} at line ${scenario.location.line}`
    if (scenario.examples.length === 0) {
      const pickle = compiled[0]
      return pickle ? [{ kind: 'scenario', index: addScenario(pickle, name, scenario.location.line) }] : []
    }
    const children: FeatureNode[] = compiled.map((pickle): FeatureNode => {
      const row = rowsById.get(pickle.astNodeIds[1]!)!
      const cells = row.examples.tableBody[row.row - 1]!.cells.map((c) => c.value)
      const headers = row.examples.tableHeader?.cells.map((c) => c.value) ?? []
      const label = row.examples.name.trim() ? `${row.examples.name.trim()} #${row.row}` : `Example #${row.ordinal}`
      const values = Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']))
      const line = row.examples.tableBody[row.row - 1]!.location.line
      return { kind: 'scenario', index: addScenario(pickle, `${label}: ${cells.join(' | ')}`, line, { examples: row.examples.name, row: row.row, values }) }
    })
    uniqueChildTitles(children, scenarios)
    return [{ kind: 'outline', title: name, line: scenario.location.line, children }]
  }

  const childNodes = (children: ReadonlyArray<FeatureChild | RuleChild>): FeatureNode[] => {
    const nodes: FeatureNode[] = []
    for (const child of children) {
      if (child.scenario) nodes.push(...scenarioNodes(child.scenario))
      if ('rule' in child && child.rule) {
        const rule = child.rule
        nodes.push({ kind: 'rule', title: rule.name.trim() || `Rule at line ${rule.location.line}`, line: rule.location.line, children: childNodes(rule.children) })
      }
    }
    uniqueChildTitles(nodes, scenarios)
    return nodes
  }

  const compiled: CompiledFeature = {
    name: feature.name.trim(),
    line: feature.location.line,
    language: feature.language,
    tags: feature.tags.map((t) => t.name),
    children: childNodes(feature.children),
    scenarios,
  }
  return { ok: true, feature: compiled, gherkinDocument: { ...document, uri }, pickles }
}
