import { noScenariosMeta } from '../../src/bdd/no-scenarios-meta.ts'
import { RETRIED_FAILURE } from '../../src/bdd/status.ts'
import { scenarioTestMeta, type FeatureScenarioMeta } from '../../src/bdd/test-meta.ts'
import { testPlan, type TestPlanNode } from '../../src/bdd/test-plan.ts'
import type { CompiledFeature, GherkinProblem } from '../../src/bdd/types.ts'
import { vitestTagName } from '../../src/bdd/vitest-tags.ts'
import { ModuleWriter, type RenderedModule } from '../module-writer.ts'

export interface FeatureModuleInput {
  file: string
  /** The feature file's text (for the source map, so Vite does not read it again). */
  source?: string
  displayFile: string
  root: string
  harness: string
  /** Step definition files (absolute), imported so that editing one re-runs the feature. */
  stepFiles: string[]
  /** The compiled feature, or the Gherkin syntax errors that stop it from compiling. */
  feature: CompiledFeature | { problems: GherkinProblem[] }
  /** Set in the one feature file that also checks every step definition is used: all features. */
  stepUsage: string[] | undefined
  /** `generate.tags` / `SPEC_CI_BDD_TAGS`: only the scenarios it matches are declared. */
  tagFilter?: { expression: string; matches(tags: readonly string[]): boolean } | undefined
  /**
   * The Vitest tags the project's config declares (see bdd-tags-plugin.ts). A scenario carries the
   * Vitest tag of each of its Gherkin tags that is declared; one that is not (a feature file created
   * after the config loaded, in watch mode) is left off, as Vitest would refuse the test for it.
   */
  declaredTags?: ReadonlySet<string>
  /** How scenarios run (`generate.strict`, `retry`, `worldParameters`); defaults when absent. */
  run?: ScenarioRunOptions
}

export interface ScenarioRunOptions {
  strict: boolean
  retry: number
  worldParameters: Record<string, unknown>
}

/** Stable titles, so filters and history keep working. */
export const SYNTAX_ERROR_TITLE = 'feature file can be parsed'
export const STEP_USAGE_TITLE = 'step definitions are all used'

const str = JSON.stringify

function renderImports(out: ModuleWriter, input: FeatureModuleInput): void {
  out.importVitest(['afterAll', 'beforeAll', 'describe', 'test'])
  out.importFrom(input.harness, ['bddFeature', 'checkStepUsage', 'endStepFileGeneration', 'gherkinSyntaxError'])
  for (const stepFile of input.stepFiles) out.importFrom(stepFile)
}

function skippedMeta(input: FeatureModuleInput, feature: CompiledFeature, index: number): { specCi: FeatureScenarioMeta } {
  const s = feature.scenarios[index]!
  return { specCi: scenarioTestMeta(input.displayFile, feature.name, s, s.mode === 'todo' ? 'todo' : 'skip') }
}

/** The Vitest tags of a test with these Gherkin tags: each one's Vitest name, when declared. */
function vitestTags(input: FeatureModuleInput, gherkinTags: readonly string[]): string[] {
  const names = gherkinTags.map(vitestTagName).filter((n): n is string => n !== undefined && (input.declaredTags?.has(n) ?? false))
  return [...new Set(names)]
}

function renderNodes(out: ModuleWriter, input: FeatureModuleInput, feature: CompiledFeature, nodes: TestPlanNode[]): void {
  for (const node of nodes) {
    if (node.kind === 'describe') {
      out.describe(node.title, node.line, () => renderNodes(out, input, feature, node.children))
      continue
    }
    if (node.kind === 'no-scenarios') {
      const meta = noScenariosMeta(input.displayFile, feature.name, node.line, node.reason, input.tagFilter?.expression)
      out.skip(node.title, { specCi: meta }, node.line, vitestTags(input, node.tags))
      continue
    }
    const scenario = feature.scenarios[node.index]!
    const tags = vitestTags(input, scenario.tags)
    if (scenario.mode === 'skip') out.skip(scenario.title, skippedMeta(input, feature, node.index), scenario.line, tags)
    else if (scenario.mode === 'todo') out.todo(scenario.title, skippedMeta(input, feature, node.index), scenario.line, tags)
    else out.test(scenario.title, `(context) => feature.run(context, ${node.index})`, { ...scenarioTestPlace(input, scenario.line), tags })
  }
}

/**
 * A scenario test runs without Vitest's timeout (each step and hook has its own, 5 s by default, which
 * fails it at the step first) and with `generate.retry`, for FAILED scenarios only (as cucumber-js).
 */
function scenarioTestPlace(input: FeatureModuleInput, line: number) {
  const retry = input.run?.retry ?? 0
  return { line, options: retry > 0 ? `timeout: 0, retry: { count: ${retry}, condition: ${String(RETRIED_FAILURE)} }` : 'timeout: 0' }
}

/** BeforeAll/AfterAll once per feature file's module (no Vitest hook timeout: each hook has its own), and the registry's record on the file's meta. */
function renderTestRunHooks(out: ModuleWriter): void {
  out.statement('beforeAll(({}, suite) => feature.beforeAll(suite), 0)')
  out.statement('afterAll(({}, suite) => feature.afterAll(suite), 0)')
}

/**
 * The test module of one .feature file: literal describe/test calls (Feature, Rule and Scenario
 * Outline → describe; Scenario and each Examples row → test), each mapped by the source map to its
 * line in the .feature, so static collection, the explorer and reporters place every scenario there.
 */
export function renderFeatureModule(input: FeatureModuleInput): RenderedModule {
  const out = new ModuleWriter(input.displayFile, 'edit the feature or its step files', input.harness)
  renderImports(out, input)
  const fileName = input.displayFile.split('/').pop() ?? input.displayFile
  if ('problems' in input.feature) {
    const { problems } = input.feature
    out.describe(fileName, 1, () => {
      out.test(SYNTAX_ERROR_TITLE, `(context) => gherkinSyntaxError(context, ${str({ file: input.file, displayFile: input.displayFile, problems })})`, { line: problems[0]!.line })
    })
  } else {
    const feature = input.feature
    const config = { file: input.file, displayFile: input.displayFile, root: input.root, feature: feature.name, scenarios: feature.scenarios, ...input.run }
    // The feature's data as one JSON string: one literal for Vite's SSR transform to parse and walk
    // instead of an object literal of every step (~2 ms a feature file of 15 scenarios in the main
    // process), and JSON.parse in the worker.
    out.statement(`const feature = bddFeature(JSON.parse(${str(str(config))}))`)
    const plan = testPlan(feature, fileName, input.tagFilter)
    renderTestRunHooks(out)
    out.describe(plan.title, plan.line, () => renderNodes(out, input, feature, plan.children))
  }
  if (input.stepUsage) out.test(STEP_USAGE_TITLE, `(context) => checkStepUsage(context, ${str({ root: input.root, features: input.stepUsage })})`)
  // Step files evaluated again in a later module of this worker replace what they registered here.
  out.statement('endStepFileGeneration()')
  // The .feature's text goes into the map, so a code frame can show its lines.
  return out.toModule({ file: input.file, readByVite: true, ...(input.source === undefined ? {} : { content: input.source }) })
}
