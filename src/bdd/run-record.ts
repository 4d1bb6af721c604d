// What running one scenario produced, in the terms of Cucumber Messages (protocol 33/34), so that the
// scenario's Vitest outcome, summary.json and the Cucumber Messages NDJSON are all read from one record.
// The harness fills it while the scenario runs and puts it on the scenario test's meta (`run`); the
// reporter writes the messages from it (ids made unique per run there, not here).

/** A step's, hook's or test case's status, as `TestStepResultStatus` of @cucumber/messages names it. */
export type CucumberStatus = 'UNKNOWN' | 'PASSED' | 'SKIPPED' | 'PENDING' | 'UNDEFINED' | 'AMBIGUOUS' | 'FAILED'

/** Where a step definition, hook or parameter type was written: relative to the project root, with `/`. */
export interface SourceRecord {
  uri: string
  line: number
  column?: number
}

/** A step definition of the registry; `id` is stable for one definition within a run (same in every worker). */
export interface StepDefinitionRecord {
  id: string
  pattern: string
  patternType: 'CUCUMBER_EXPRESSION' | 'REGULAR_EXPRESSION'
  source?: SourceRecord
  /** Which entry registered it: `vitest-spec-ci/bdd` (world-first) or `vitest-spec-ci/cucumber`. */
  convention?: 'world-first' | 'cucumber'
}

export type HookType = 'BEFORE_TEST_RUN' | 'AFTER_TEST_RUN' | 'BEFORE_TEST_CASE' | 'AFTER_TEST_CASE' | 'BEFORE_TEST_STEP' | 'AFTER_TEST_STEP'

export interface HookRecord {
  id: string
  type: HookType
  name?: string
  tagExpression?: string
  source?: SourceRecord
  convention?: 'world-first' | 'cucumber'
}

export interface ParameterTypeRecord {
  id: string
  name: string
  regularExpressions: string[]
  preferForRegularExpressionMatch: boolean
  useForSnippets: boolean
  source?: SourceRecord
}

/** A definition whose expression names a parameter type nobody defined: it matches no step. */
export interface UndefinedParameterTypeRecord {
  expression: string
  name: string
}

/** What the step files of a feature file registered, once per feature file (not per scenario). */
export interface RegistryRecord {
  stepDefinitions: StepDefinitionRecord[]
  hooks: HookRecord[]
  parameterTypes: ParameterTypeRecord[]
  undefinedParameterTypes: UndefinedParameterTypeRecord[]
}

export interface StepResultRecord {
  status: CucumberStatus
  durationNs: number
  /** For FAILED (the error's text), PENDING/SKIPPED (the reason given), AMBIGUOUS (the definitions). */
  message?: string
  exception?: { type: string; message?: string; stackTrace?: string }
}

export interface AttachmentRecord {
  body: string
  contentEncoding: 'IDENTITY' | 'BASE64'
  mediaType: string
  fileName?: string
  /** `link()`: the URL (mediaType `text/uri-list`). */
  url?: string
  timestampMs: number
  /** Set when the body was cut to 1 MiB (src/bdd/attachment.ts): the body's length before. */
  truncatedFrom?: number
}

/** A capture group's match, as `Group` of @cucumber/messages. */
export interface ArgumentGroupRecord {
  start?: number
  value?: string
  children: ArgumentGroupRecord[]
}

export interface StepMatchArgumentRecord {
  group: ArgumentGroupRecord
  parameterTypeName?: string
}

/** One test step of an attempt: a hook run or a pickle step. */
export interface TestStepRecord {
  kind: 'hook' | 'step'
  /** kind 'hook': the HookRecord's id. */
  hookId?: string
  /** kind 'step': index into the scenario's `steps` (the pickle's steps, Background included). */
  stepIndex?: number
  /** kind 'step': every definition that matches (none: UNDEFINED; several: AMBIGUOUS). */
  stepDefinitionIds?: string[]
  /** kind 'step': the arguments of each matching definition, in the order of `stepDefinitionIds`. */
  stepMatchArgumentsLists?: StepMatchArgumentRecord[][]
  startedMs: number
  result: StepResultRecord
  attachments: AttachmentRecord[]
}

/** Snippet code offered for an undefined step (Cucumber's `suggestion` message). */
export interface SuggestionRecord {
  stepIndex: number
  snippets: Array<{ language: string; code: string }>
}

/** One attempt of a scenario (several when `retry` re-ran it). */
export interface AttemptRecord {
  /** 0 for the first run. */
  attempt: number
  startedMs: number
  finishedMs: number
  willBeRetried: boolean
  steps: TestStepRecord[]
}

export interface ScenarioRunRecord {
  /** The scenario's index in its CompiledFeature's `scenarios` (the pickle's place in the file). */
  scenarioIndex: number
  /** Worst status of the last attempt's steps (Cucumber's rule). */
  status: CucumberStatus
  attempts: AttemptRecord[]
  suggestions: SuggestionRecord[]
}

/** A BeforeAll/AfterAll hook's run (Cucumber's `testRunHookStarted`/`testRunHookFinished`). */
export interface TestRunHookRecord {
  hookId: string
  startedMs: number
  result: StepResultRecord
  attachments: AttachmentRecord[]
}
