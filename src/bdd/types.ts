import type { GherkinDocument, Pickle } from '@cucumber/messages'

/** What a step's keyword means once `And`/`But`/`*` take the meaning of the step before them. */
export type StepKeywordType = 'Context' | 'Action' | 'Outcome' | 'Unknown'

/** A step of a scenario as it runs: Background steps included, Outline placeholders filled in. */
export interface FeatureStep {
  /** The keyword as written, trimmed: `Given`, `And`, `*`, … */
  keyword: string
  type: StepKeywordType
  text: string
  /** 1-based line of the step in the .feature file. */
  line: number
  dataTable?: string[][]
  docString?: { content: string; mediaType?: string }
  /**
   * Set when a step has both arguments and the doc string comes first in the file (the pickle's
   * `argumentIndex`): the step function gets its arguments in the file's order.
   */
  docStringFirst?: true
}

/** How a scenario is declared: `@skip` → `test.skip`, `@todo` → `test.todo`. */
export type ScenarioMode = 'run' | 'skip' | 'todo'

/** One test of a feature file: a Scenario, or one row of a Scenario Outline's Examples. */
export interface FeatureScenario {
  /** The test title, unique within its describe block. */
  title: string
  /** The scenario's name, placeholders filled in. */
  name: string
  /** The scenario's line; for an example row, the row's line. */
  line: number
  /** Tags of the scenario and everything around it (feature, rule, examples), e.g. `@smoke`. */
  tags: string[]
  mode: ScenarioMode
  steps: FeatureStep[]
  /** Set for an example row: which Examples block and row, and its values by column. */
  example?: { examples: string; row: number; values: Record<string, string> }
}

/** The describe/test tree of a feature file; scenarios are referenced by their index. */
export type FeatureNode =
  | { kind: 'scenario'; index: number }
  | {
      kind: 'rule' | 'outline'
      title: string
      line: number
      children: FeatureNode[]
      /** The tags its scenarios inherit from it and around it (feature, rule, outline; not examples). */
      tags?: string[]
    }

export interface CompiledFeature {
  /**
   * Set for a file Cucumber accepts that has no `Feature:` at all (empty, or only comments and blank
   * lines); then `name` is empty and there are no scenarios.
   */
  withoutFeature?: true
  name: string
  /** Line of the `Feature:` keyword. */
  line: number
  language: string
  tags: string[]
  children: FeatureNode[]
  /** Every test of the file in document order; `children` point into this list. */
  scenarios: FeatureScenario[]
}

/** A Gherkin syntax error, at its place in the file. */
export interface GherkinProblem {
  line: number
  column: number
  message: string
}

/**
 * A parsed feature file: the tests it declares, and Gherkin's own document and pickles (ids from one
 * incrementing generator per file; `pickles[i]` is the pickle of `feature.scenarios[i]`), which the
 * Cucumber Messages writer reuses rather than parsing the file again (absent: no pickles).
 */
export type FeatureCompilation =
  | { ok: true; feature: CompiledFeature; gherkinDocument?: GherkinDocument; pickles?: readonly Pickle[] }
  | { ok: false; problems: GherkinProblem[] }
