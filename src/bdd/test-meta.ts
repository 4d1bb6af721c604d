import type { CucumberStatus, RegistryRecord, ScenarioRunRecord, TestRunHookRecord } from './run-record.ts'
import type { AmbiguousStep, UndefinedStep } from './step-problems.ts'
import type { FeatureScenario, GherkinProblem } from './types.ts'

/** What each scenario test of a .feature file puts on `task.meta.specCi`. */
export interface FeatureScenarioMeta {
  kind: 'generate-feature'
  /** The .feature file, relative to the project root, with `/`. */
  file: string
  feature: string
  scenario: string
  line: number
  tags: string[]
  example?: FeatureScenario['example']
  /** Steps of the scenario, Background included. */
  steps: number
  passedSteps: number
  undefinedSteps: UndefinedStep[]
  ambiguousSteps: AmbiguousStep[]
  failedStep?: { line: number; text: string }
  /** The step definitions this scenario's steps resolved to, as `Given('…') file:line`. */
  definitions: string[]
  /** Set on tests declared `@skip`/`@todo`, which never run. */
  mode?: 'skip' | 'todo'
  /** Set on the one failing test of a file with Gherkin syntax errors. */
  syntaxErrors?: GherkinProblem[]
  /** The scenario's Cucumber status (worst of its last attempt's steps); absent on tests that never ran. */
  status?: CucumberStatus
  /** What running the scenario produced, every attempt (src/bdd/run-record.ts); absent on tests that never ran. */
  run?: ScenarioRunRecord
}

/**
 * What a feature file's test module records once (not per scenario): the step files' registry and
 * the BeforeAll/AfterAll runs. It is the meta of the file's task: `task.file.meta.specCiFeatureFile` in
 * the worker, `testModule.meta().specCiFeatureFile` in a reporter. Vitest 4.1 sends a suite's (and the
 * file's) meta to the main process with the suite's updates, the last one after its afterAll hooks,
 * so the AfterAll records are there when `onTestModuleEnd` runs.
 */
export interface FeatureFileMeta {
  kind: 'generate-feature-file'
  file: string
  registry: RegistryRecord
  testRunHooks: TestRunHookRecord[]
}

/** What the step-usage test puts on `task.meta.specCi`. */
export interface StepUsageMeta {
  kind: 'generate-steps'
  /** Feature files read (those that parse). */
  features: number
  definitions: number
  unused: Array<{ keyword: string; pattern: string; file: string | undefined; line: number | undefined }>
}

/**
 * A scenario test's meta before any step ran: what the plugin puts on a `@skip`/`@todo` test (with its
 * `mode`) and what the harness starts from and fills in as the scenario runs.
 */
export function scenarioTestMeta(
  file: string,
  feature: string,
  scenario: Pick<FeatureScenario, 'title' | 'line' | 'tags' | 'steps' | 'example'>,
  mode?: FeatureScenarioMeta['mode'],
): FeatureScenarioMeta {
  const meta: FeatureScenarioMeta = {
    kind: 'generate-feature',
    file,
    feature,
    scenario: scenario.title,
    line: scenario.line,
    tags: scenario.tags,
    steps: scenario.steps.length,
    passedSteps: 0,
    undefinedSteps: [],
    ambiguousSteps: [],
    definitions: [],
  }
  if (mode) meta.mode = mode
  if (scenario.example) meta.example = scenario.example
  return meta
}

/** The meta of the one test of a .feature file with Gherkin syntax errors, at the first error's line. */
export function syntaxErrorTestMeta(file: string, title: string, problems: GherkinProblem[], line: number): FeatureScenarioMeta {
  return { ...scenarioTestMeta(file, '', { title, line, tags: [], steps: [] }), syntaxErrors: problems }
}
