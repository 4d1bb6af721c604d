/**
 * `vitest-spec-ci/bdd`: step definitions for the generate project's `.feature` files.
 *
 * ```ts
 * import { Given, When, Then } from 'vitest-spec-ci/bdd'
 * Given('a store with {int} items', (world, count: number) => { world.items = count })
 * ```
 * Every step function receives the scenario's world (a fresh `World` per scenario and attempt, also
 * bound as `this`), then the expression's arguments, then the step's data table or doc string when it
 * has one. For cucumber-js's signatures (no world argument) import `vitest-spec-ci/cucumber` instead.
 */
import type { AfterHook, BeforeHook, StepFunction } from '../src/bdd/step-registry.ts'
import { registrationApi, type HookOptions, type StepOptions, type TestRunHookOptions } from './bdd-api.ts'
import type { StepInfo } from './bdd-hook-calls.ts'

export { DataTable } from '../src/bdd/data-table.ts'
export type { AfterHook, AfterInfo, BeforeHook, ParameterTypeOptions, ScenarioInfo, StepFunction } from '../src/bdd/step-registry.ts'
export { defineParameterType, PendingException, setDefaultTimeout, setWorldConstructor, SkippedException, Status } from './bdd-api.ts'
export type { HookOptions, StepOptions, TestRunHookOptions } from './bdd-api.ts'
export type { StepInfo } from './bdd-hook-calls.ts'
export { World, type IWorldOptions } from './bdd-world.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type World = any

export interface DefineStep {
  <W = World>(pattern: string | RegExp, fn: StepFunction<W>): void
  <W = World>(pattern: string | RegExp, options: StepOptions, fn: StepFunction<W>): void
}

export interface DefineHook<Fn> {
  (fn: Fn): void
  (tagsOrOptions: string | HookOptions, fn: Fn): void
}

export type StepHook<W = World> = (this: W, world: W, step: StepInfo) => unknown

const api = registrationApi('world-first')

/** Defines a step. Cucumber matches steps by text whatever their keyword; the keyword is for readers and snippets. */
export const Given: DefineStep = api.step('Given')
/** Defines a step (see {@link Given}). */
export const When: DefineStep = api.step('When')
/** Defines a step (see {@link Given}). */
export const Then: DefineStep = api.step('Then')

/** Runs before each scenario (those its tag expression matches), in order of definition, with the scenario's fresh world. */
export const Before = api.hook('before') as <W = World>(...args: [BeforeHook<W>] | [string | HookOptions, BeforeHook<W>]) => void
/** Runs after each scenario, whether its steps passed or not (`scenario.result`), in reverse order of definition. */
export const After = api.hook('after') as <W = World>(...args: [AfterHook<W>] | [string | HookOptions, AfterHook<W>]) => void
/** Runs before each step of the scenarios it applies to. */
export const BeforeStep = api.hook('beforeStep') as <W = World>(...args: [StepHook<W>] | [string | HookOptions, StepHook<W>]) => void
/** Runs after each step of the scenarios it applies to, in reverse order of definition. */
export const AfterStep = api.hook('afterStep') as <W = World>(...args: [StepHook<W>] | [string | HookOptions, StepHook<W>]) => void
/** Runs once per feature file's test module, before its first scenario (cucumber-js: once per run). */
export const BeforeAll = api.hook('beforeAll') as (...args: [() => unknown] | [TestRunHookOptions, () => unknown]) => void
/** Runs once per feature file's test module, after its last scenario, in reverse order of definition. */
export const AfterAll = api.hook('afterAll') as (...args: [() => unknown] | [TestRunHookOptions, () => unknown]) => void
