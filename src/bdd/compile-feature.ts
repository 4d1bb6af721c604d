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

/** Which row of which Examples block: `<examples name> #<row in the block>`, or `Example #<n>` for an unnamed block. */
function exampleRowLabel(row: { examples: Examples; row: number; ordinal: number }): string {
  const name = row.examples.name.trim()
  return name ? `${name} #${row.row}` : `Example #${row.ordinal}`
}

/**
 * The test titles of an outline's rows: the pickle's name (placeholders filled in, as Cucumber names
 * it). Rows whose names are alike (an outline name without placeholders, or rows with equal values)
 * each get their row label, `name (Example #2)`, so every title is unique and depends on the file only;
 * a row with an empty name is titled by its label alone.
 */
export function exampleRowTitles(rows: ReadonlyArray<{ name: string; label: string }>): string[] {
  const count = new Map<string, number>()
  for (const { name } of rows) count.set(name.trim(), (count.get(name.trim()) ?? 0) + 1)
  return rows.map(({ name, label }) => {
    const trimmed = name.trim()
    if (!trimmed) return label
    return count.get(trimmed)! > 1 ? `${trimmed} (${label})` : trimmed
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
  // Cucumber accepts a file without a Feature (empty, or only comments): it has no pickles.
  if (!feature) return { ok: true, feature: { withoutFeature: true, name: '', line: 1, language: 'en', tags: [], children: [], scenarios: [] }, gherkinDocument: { ...document, uri }, pickles: [] }

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
    if (argument?.dataTable && argument.docString && (argument.docString.argumentIndex ?? 0) < (argument.dataTable.argumentIndex ?? 0)) step.docStringFirst = true
    return step
  }
  const addScenario = (pickle: Pickle, title: string, line: number, example?: FeatureScenario['example']): number => {
    const tags = pickle.tags.map((t) => t.name)
    const scenario: FeatureScenario = { title, name: pickle.name, line, tags, mode: modeOf(tags), steps: pickle.steps.map(toStep) }
    if (example) scenario.example = example
    scenarios.push(scenario)
    return scenarios.length - 1
  }

  const scenarioNodes = (scenario: Scenario, inherited: string[]): FeatureNode[] => {
    const compiled = picklesByScenario.get(scenario.id) ?? []
    const name = scenario.name.trim() || `${scenario.keyword} at line ${scenario.location.line}`
    if (scenario.examples.length === 0) {
      const pickle = compiled[0]
      return pickle ? [{ kind: 'scenario', index: addScenario(pickle, name, scenario.location.line) }] : []
    }
    const rows = compiled.map((pickle) => ({ pickle, row: rowsById.get(pickle.astNodeIds[1]!)! }))
    const titles = exampleRowTitles(rows.map(({ pickle, row }) => ({ name: pickle.name, label: exampleRowLabel(row) })))
    const children: FeatureNode[] = rows.map(({ pickle, row }, i): FeatureNode => {
      const cells = row.examples.tableBody[row.row - 1]!.cells.map((c) => c.value)
      const headers = row.examples.tableHeader?.cells.map((c) => c.value) ?? []
      const values = Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']))
      const line = row.examples.tableBody[row.row - 1]!.location.line
      return { kind: 'scenario', index: addScenario(pickle, titles[i]!, line, { examples: row.examples.name, row: row.row, values }) }
    })
    uniqueChildTitles(children, scenarios)
    return [{ kind: 'outline', title: name, line: scenario.location.line, children, tags: [...inherited, ...scenario.tags.map((t) => t.name)] }]
  }

  const childNodes = (children: ReadonlyArray<FeatureChild | RuleChild>, inherited: string[]): FeatureNode[] => {
    const nodes: FeatureNode[] = []
    for (const child of children) {
      if (child.scenario) nodes.push(...scenarioNodes(child.scenario, inherited))
      if ('rule' in child && child.rule) {
        const rule = child.rule
        const tags = [...inherited, ...rule.tags.map((t) => t.name)]
        nodes.push({ kind: 'rule', title: rule.name.trim() || `Rule at line ${rule.location.line}`, line: rule.location.line, children: childNodes(rule.children, tags), tags })
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
    children: childNodes(feature.children, feature.tags.map((t) => t.name)),
    scenarios,
  }
  return { ok: true, feature: compiled, gherkinDocument: { ...document, uri }, pickles }
}
