// The registration API behind both entries, `vitest-spec-ci/bdd` (world-first) and
// `vitest-spec-ci/cucumber` (cucumber-js signatures): one registry, each definition remembering which
// calling convention it was made with. Every registering function lives in this module, so the
// caller's place is the first stack frame outside it (whichever copy of it is running).
import { fileURLToPath } from 'node:url'
import { compileTags } from '../src/bdd/hook-tags.ts'
import type { CallingConvention, HookKind, ParameterTypeOptions, StepKeyword, WorldConstructor } from '../src/bdd/step-registry.ts'
import { callerLocation } from '../src/stack-frames.ts'
import { stepRegistry } from './bdd-registry.ts'

const thisFile = fileURLToPath(import.meta.url)

function definedAt() {
  const holder: { stack?: string } = {}
  Error.captureStackTrace(holder, definedAt)
  return callerLocation(holder.stack, (file) => file === thisFile || /[\\/]generated-test-harness[\\/](bdd|bdd-api|cucumber)\.[jt]s$/.test(file))
}

/** A step returning this, or throwing it, is PENDING: written down, not implemented yet. */
export class PendingException extends Error {
  override name = 'PendingException'
  constructor(message = 'pending') {
    super(message)
  }
}

/** A step or Before hook returning this, or throwing it, is SKIPPED: the scenario's other steps are skipped. */
export class SkippedException extends Error {
  override name = 'SkippedException'
  constructor(message = 'skipped') {
    super(message)
  }
}

/** Cucumber's statuses, as cucumber-js's `Status` names them. */
export const Status = {
  UNKNOWN: 'UNKNOWN',
  PASSED: 'PASSED',
  SKIPPED: 'SKIPPED',
  PENDING: 'PENDING',
  UNDEFINED: 'UNDEFINED',
  AMBIGUOUS: 'AMBIGUOUS',
  FAILED: 'FAILED',
} as const

export interface StepOptions {
  /** Milliseconds this step may take (default: `setDefaultTimeout`, else 5000); 0 or -1: no limit. */
  timeout?: number
}

export interface HookOptions {
  /** A tag expression: the hook runs only for scenarios it matches, e.g. `'@db and not @slow'`. */
  tags?: string
  name?: string
  timeout?: number
}

export interface TestRunHookOptions {
  name?: string
  timeout?: number
}

function checkTimeout(api: string, timeout: unknown): number | undefined {
  if (timeout === undefined) return undefined
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) throw new TypeError(`${api}(): timeout must be a number of milliseconds, got ${JSON.stringify(timeout)}`)
  return timeout
}

/** `(pattern, fn)` or `(pattern, options, fn)`. */
function stepArgs(api: string, pattern: unknown, second: unknown, third: unknown): { options: StepOptions; fn: (...args: unknown[]) => unknown } {
  if (typeof pattern !== 'string' && !(pattern instanceof RegExp))
    throw new TypeError(`${api}(): the first argument must be a Cucumber expression string or a RegExp, got ${typeof pattern}`)
  const [options, fn] = typeof second === 'function' ? [{}, second] : [second, third]
  if (typeof fn !== 'function') throw new TypeError(`${api}(${JSON.stringify(String(pattern))}): the last argument must be the step function`)
  if (typeof options !== 'object' || options === null) throw new TypeError(`${api}(${JSON.stringify(String(pattern))}): the options must be an object like { timeout: 10000 }`)
  return { options: options as StepOptions, fn: fn as (...args: unknown[]) => unknown }
}

/** `(fn)`, `(tagExpression, fn)` or `(options, fn)`. */
function hookArgs(api: string, first: unknown, second: unknown): { options: HookOptions; fn: (...args: unknown[]) => unknown } {
  const [options, fn] = typeof first === 'function' ? [{}, first] : [typeof first === 'string' ? { tags: first } : first, second]
  if (typeof fn !== 'function') throw new TypeError(`${api}(): the last argument must be the hook function`)
  if (typeof options !== 'object' || options === null) throw new TypeError(`${api}(): the first argument must be a tag expression string or options like { tags, name, timeout }`)
  const o = options as HookOptions
  if (o.tags !== undefined && typeof o.tags !== 'string') throw new TypeError(`${api}(): tags must be a tag expression string like '@db and not @slow'`)
  if (o.name !== undefined && typeof o.name !== 'string') throw new TypeError(`${api}(): name must be a string`)
  return { options: o, fn: fn as (...args: unknown[]) => unknown }
}

const API_NAMES: Record<HookKind, string> = { before: 'Before', after: 'After', beforeStep: 'BeforeStep', afterStep: 'AfterStep', beforeAll: 'BeforeAll', afterAll: 'AfterAll' }

function addHook(kind: HookKind, convention: CallingConvention, first: unknown, second: unknown): void {
  const api = API_NAMES[kind]
  const { options, fn } = hookArgs(api, first, second)
  const location = definedAt()
  const scoped = kind !== 'beforeAll' && kind !== 'afterAll'
  if (!scoped && options.tags !== undefined) throw new TypeError(`${api}(): BeforeAll/AfterAll run once per feature file and take no tags`)
  const where = location ? `${api}() at ${location.file}:${location.line}` : `${api}()`
  stepRegistry().addHook(kind, {
    fn,
    location,
    convention,
    ...(options.name !== undefined && { name: options.name }),
    ...(options.tags !== undefined && { tags: compileTags(options.tags, where) }),
    ...(options.timeout !== undefined && { timeout: checkTimeout(api, options.timeout) }),
  })
}

function defineStep(keyword: StepKeyword, convention: CallingConvention, pattern: unknown, second: unknown, third: unknown): void {
  const { options, fn } = stepArgs(keyword, pattern, second, third)
  const timeout = checkTimeout(keyword, options.timeout)
  stepRegistry().define({ keyword, pattern: pattern as string | RegExp, fn, location: definedAt(), convention, ...(timeout !== undefined && { timeout }) })
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => unknown

export interface RegistrationApi {
  step(keyword: StepKeyword): (pattern: string | RegExp, optionsOrFn: StepOptions | AnyFn, fn?: AnyFn) => void
  hook(kind: HookKind): (optionsOrFn: string | HookOptions | TestRunHookOptions | AnyFn, fn?: AnyFn) => void
}

/** The registering functions of one calling convention. */
export function registrationApi(convention: CallingConvention): RegistrationApi {
  return {
    step: (keyword) => (pattern, optionsOrFn, fn) => defineStep(keyword, convention, pattern, optionsOrFn, fn),
    hook: (kind) => (optionsOrFn, fn) => addHook(kind, convention, optionsOrFn, fn),
  }
}

/** A parameter type for Cucumber expressions, e.g. `{ name: 'sku', regexp: /[A-Z]+-\d+/ }` for `{sku}`. */
export function defineParameterType<T>(options: ParameterTypeOptions<T>): void {
  if (!options || typeof options.name !== 'string' || options.regexp === undefined)
    throw new TypeError('defineParameterType(): expected { name, regexp, transformer? }')
  stepRegistry().defineParameterType(options, definedAt())
}

/** The class each scenario's world is made from (`new Ctor({ attach, log, link, parameters })`). */
export function setWorldConstructor(ctor: WorldConstructor | (new (...args: never[]) => object)): void {
  if (typeof ctor !== 'function') throw new TypeError('setWorldConstructor(): expected a class (or constructor function)')
  stepRegistry().worldConstructor = ctor as WorldConstructor
}

/** Milliseconds every step and hook may take unless it says otherwise. @default 5000 */
export function setDefaultTimeout(ms: number): void {
  if (typeof ms !== 'number' || Number.isNaN(ms)) throw new TypeError(`setDefaultTimeout(): expected milliseconds, got ${JSON.stringify(ms)}`)
  stepRegistry().defaultTimeout = ms
}
