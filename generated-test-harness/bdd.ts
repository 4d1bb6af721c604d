/**
 * `vitest-spec-ci/bdd`: step definitions for the generate project's `.feature` files.
 *
 * ```ts
 * import { Given, When, Then } from 'vitest-spec-ci/bdd'
 * Given('a store with {int} items', (world, count: number) => { world.items = count })
 * ```
 * Every step function receives the scenario's world (a fresh object per scenario, also bound as
 * `this`), then the expression's arguments, then the step's data table or doc string when it has one.
 */
import { fileURLToPath } from 'node:url'
import { callerLocation } from '../src/stack-frames.ts'
import type { AfterHook, BeforeHook, ParameterTypeOptions, StepFunction, StepKeyword } from '../src/bdd/step-registry.ts'
import { stepRegistry } from './bdd-registry.ts'

export { DataTable } from '../src/bdd/data-table.ts'
export type { AfterHook, AfterInfo, BeforeHook, ParameterTypeOptions, ScenarioInfo, StepFunction } from '../src/bdd/step-registry.ts'

const thisFile = fileURLToPath(import.meta.url)

/** The caller's place: skips this module's own frames, whichever copy of it is running. */
function definedAt() {
  const holder: { stack?: string } = {}
  Error.captureStackTrace(holder, definedAt)
  return callerLocation(holder.stack, (file) => file === thisFile || /[\\/]generated-test-harness[\\/]bdd\.[jt]s$/.test(file))
}

function check(api: string, pattern: unknown, fn: unknown): void {
  if (typeof pattern !== 'string' && !(pattern instanceof RegExp))
    throw new TypeError(`${api}(): the first argument must be a Cucumber expression string or a RegExp, got ${typeof pattern}`)
  if (typeof fn !== 'function') throw new TypeError(`${api}(${JSON.stringify(String(pattern))}): the second argument must be the step function`)
}

function define(keyword: StepKeyword) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <World = any>(pattern: string | RegExp, fn: StepFunction<World>): void => {
    check(keyword, pattern, fn)
    stepRegistry().define({ keyword, pattern, fn: fn as StepFunction, location: definedAt() })
  }
}

/** Defines a step. Cucumber matches steps by text whatever their keyword; the keyword is for readers and snippets. */
export const Given = define('Given')
/** Defines a step (see {@link Given}). */
export const When = define('When')
/** Defines a step (see {@link Given}). */
export const Then = define('Then')

/** Runs before every scenario's steps, with the scenario's fresh world. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function Before<World = any>(fn: BeforeHook<World>): void {
  if (typeof fn !== 'function') throw new TypeError('Before(): the argument must be a function (world, scenario) => …')
  stepRegistry().addHook('before', { fn: fn as BeforeHook, location: definedAt() })
}

/** Runs after every scenario, whether its steps passed or failed (`scenario.result`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function After<World = any>(fn: AfterHook<World>): void {
  if (typeof fn !== 'function') throw new TypeError('After(): the argument must be a function (world, scenario) => …')
  stepRegistry().addHook('after', { fn: fn as AfterHook, location: definedAt() })
}

/** A parameter type for Cucumber expressions, e.g. `{ name: 'sku', regexp: /[A-Z]+-\d+/ }` for `{sku}`. */
export function defineParameterType<T>(options: ParameterTypeOptions<T>): void {
  if (!options || typeof options.name !== 'string' || options.regexp === undefined)
    throw new TypeError('defineParameterType(): expected { name, regexp, transformer? }')
  stepRegistry().defineParameterType(options)
}
