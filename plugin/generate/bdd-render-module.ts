import { RETRIED_FAILURE } from '../../src/bdd/status.ts'
import { scenarioTestMeta, type FeatureScenarioMeta } from '../../src/bdd/test-meta.ts'
import type { CompiledFeature, FeatureNode, GherkinProblem } from '../../src/bdd/types.ts'
import { ModuleWriter, type RenderedModule } from '../module-writer.ts'

export interface FeatureModuleInput {
  file: string
  displayFile: string
  root: string
  harness: string
  /** Step definition files (absolute), imported so that editing one re-runs the feature. */
  stepFiles: string[]
  /** The compiled feature, or the Gherkin syntax errors that stop it from compiling. */
  feature: CompiledFeature | { problems: GherkinProblem[] }
  /** Set in the one feature file that also checks every step definition is used: all features. */
  stepUsage: string[] | undefined
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

function renderNodes(out: ModuleWriter, input: FeatureModuleInput, feature: CompiledFeature, nodes: FeatureNode[]): void {
  for (const node of nodes) {
    if (node.kind !== 'scenario') {
      out.describe(node.title, node.line, () => renderNodes(out, input, feature, node.children))
      continue
    }
    const scenario = feature.scenarios[node.index]!
    if (scenario.mode === 'skip') out.skip(scenario.title, skippedMeta(input, feature, node.index), scenario.line)
    else if (scenario.mode === 'todo') out.todo(scenario.title, skippedMeta(input, feature, node.index), scenario.line)
    else out.test(scenario.title, `(context) => feature.run(context, ${node.index})`, scenarioTestPlace(input, scenario.line))
  }
}

/**
 * A scenario test runs without Vitest's timeout (each step and hook has its own, 5 s by default, which
 * fails it at the step first) and with `generate.retry`, for FAILED scenarios only (as cucumber-js).
 */
function scenarioTestPlace(input: FeatureModuleInput, line: number) {
  const retry = input.run?.retry ?? 0
  return { line, options: retry > 0 ? `{ timeout: 0, retry: { count: ${retry}, condition: ${String(RETRIED_FAILURE)} } }` : '{ timeout: 0 }' }
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
  const out = new ModuleWriter(input.displayFile, 'edit the feature or its step files')
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
    out.statement(`const feature = bddFeature(${str(config)})`)
    renderTestRunHooks(out)
    out.describe(feature.name || fileName, feature.line, () => renderNodes(out, input, feature, feature.children))
  }
  if (input.stepUsage) out.test(STEP_USAGE_TITLE, `(context) => checkStepUsage(context, ${str({ root: input.root, features: input.stepUsage })})`)
  // Step files evaluated again in a later module of this worker replace what they registered here.
  out.statement('endStepFileGeneration()')
  // Vite reads the .feature into the map, so a code frame can show its lines.
  return out.toModule({ file: input.file, readByVite: true })
}
