import type { CucumberStatus } from '../src/bdd/run-record.ts'
import type { HookDefinition, ScenarioInfo, StepDefinition } from '../src/bdd/step-registry.ts'
import type { FeatureScenario, FeatureStep } from '../src/bdd/types.ts'

/** The scenario as cucumber-js hands it to Before/After/BeforeStep/AfterStep (`ITestCaseHookParameter`). */
export interface CucumberHookParameter {
  pickle: { id: string; name: string; uri: string; tags: Array<{ name: string }>; steps: Array<{ text: string }> }
  gherkinDocument?: { uri: string; feature: { name: string } }
  testCaseStartedId: string
  result?: { status: CucumberStatus; message?: string }
  willBeRetried?: boolean
}

/** BeforeStep/AfterStep of cucumber-js: the scenario and the step (`ITestStepHookParameter`). */
export interface CucumberStepHookParameter extends CucumberHookParameter {
  pickleStep: { text: string; type: string }
  testStepId: string
}

/** A step as world-first BeforeStep/AfterStep hooks (`vitest-spec-ci/bdd`) receive it. */
export interface StepInfo {
  keyword: string
  text: string
  line: number
  scenario: ScenarioInfo
  /** AfterStep: the step's status. */
  status?: CucumberStatus
}

export function cucumberHookParameter(displayFile: string, feature: string, index: number, attempt: number, scenario: FeatureScenario): CucumberHookParameter {
  const id = `${displayFile}#${index}`
  return {
    pickle: { id, name: scenario.name, uri: displayFile, tags: scenario.tags.map((name) => ({ name })), steps: scenario.steps.map((s) => ({ text: s.text })) },
    gherkinDocument: { uri: displayFile, feature: { name: feature } },
    testCaseStartedId: `${id}@${attempt}`,
  }
}

/** Calls a step function in its definition's convention. */
export function callStep(definition: StepDefinition, world: unknown, args: unknown[]): unknown {
  return definition.convention === 'cucumber' ? definition.fn.apply(world, args) : definition.fn.call(world, world, ...args)
}

/** Calls a Before/After/BeforeStep/AfterStep hook in its convention, with what that convention passes. */
export function callHook(hook: HookDefinition, world: unknown, worldFirst: unknown, cucumber: unknown): unknown {
  return hook.convention === 'cucumber' ? hook.fn.call(world, cucumber) : hook.fn.call(world, world, worldFirst)
}

export const stepLabel = (step: FeatureStep) => `${step.keyword} ${step.text}`
