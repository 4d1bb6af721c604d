/**
 * `vitest-spec-ci/cucumber`: cucumber-js's signatures over the same registry as `vitest-spec-ci/bdd`,
 * so a cucumber-js step file ports by changing its import:
 *
 * ```ts
 * import { Given, Before } from 'vitest-spec-ci/cucumber'
 * Given('a store with {int} items', function (count: number) { this.items = count })
 * Before({ tags: '@db' }, async function ({ pickle }) { this.log(pickle.name) })
 * ```
 * Step functions take the expression's arguments (then the data table or doc string) with `this` the
 * world; Before/After/BeforeStep/AfterStep take `{ pickle, gherkinDocument, result?, willBeRetried? }`.
 */
import { registrationApi, type HookOptions, type StepOptions, type TestRunHookOptions } from './bdd-api.ts'
import type { CucumberHookParameter, CucumberStepHookParameter } from './bdd-hook-calls.ts'

export { DataTable } from '../src/bdd/data-table.ts'
export type { ParameterTypeOptions } from '../src/bdd/step-registry.ts'
export { defineParameterType, PendingException, setDefaultTimeout, setWorldConstructor, SkippedException, Status } from './bdd-api.ts'
export type { HookOptions, StepOptions, TestRunHookOptions } from './bdd-api.ts'
export type { CucumberHookParameter as ITestCaseHookParameter, CucumberStepHookParameter as ITestStepHookParameter } from './bdd-hook-calls.ts'
export { World, type IWorldOptions } from './bdd-world.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyWorld = any
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CucumberStepFunction<W> = (this: W, ...args: any[]) => unknown

export interface DefineStep {
  <W = AnyWorld>(pattern: string | RegExp, fn: CucumberStepFunction<W>): void
  <W = AnyWorld>(pattern: string | RegExp, options: StepOptions, fn: CucumberStepFunction<W>): void
}

type CaseHook<W> = (this: W, parameter: CucumberHookParameter) => unknown
type StepHook<W> = (this: W, parameter: CucumberStepHookParameter) => unknown
// `this` has attach/log/link (the harness's test-run context), as in cucumber-js.
type RunHook = (this: AnyWorld) => unknown

const api = registrationApi('cucumber')

export const Given: DefineStep = api.step('Given')
export const When: DefineStep = api.step('When')
export const Then: DefineStep = api.step('Then')
/** cucumber-js's keyword-less definition; shown as `Given(…)` in messages. */
export const defineStep: DefineStep = api.step('Given')

export const Before = api.hook('before') as <W = AnyWorld>(...args: [CaseHook<W>] | [string | HookOptions, CaseHook<W>]) => void
export const After = api.hook('after') as <W = AnyWorld>(...args: [CaseHook<W>] | [string | HookOptions, CaseHook<W>]) => void
export const BeforeStep = api.hook('beforeStep') as <W = AnyWorld>(...args: [StepHook<W>] | [string | HookOptions, StepHook<W>]) => void
export const AfterStep = api.hook('afterStep') as <W = AnyWorld>(...args: [StepHook<W>] | [string | HookOptions, StepHook<W>]) => void
/** Once per feature file's test module (cucumber-js: once per run). */
export const BeforeAll = api.hook('beforeAll') as (...args: [RunHook] | [TestRunHookOptions, RunHook]) => void
export const AfterAll = api.hook('afterAll') as (...args: [RunHook] | [TestRunHookOptions, RunHook]) => void
