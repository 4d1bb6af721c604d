import { SpecCiConfigError } from '../../src/errors.ts'
import { optionalGlobList } from '../options/option-values.ts'

/** The BDD part of the generate options (see `GenerateOptions` in plugin/types.ts). */
export interface BddOptionsInput {
  features?: string[]
  steps?: string[]
  exclude?: string[]
  strict?: unknown
  retry?: unknown
  worldParameters?: unknown
}

export interface ResolvedBddOptions {
  /** Globs of .feature files, relative to the project root; each one a test file. */
  features: string[]
  /** Globs of step definition files, imported by every feature's test module. */
  steps: string[]
  /** `generate.exclude` and `node_modules`: never features, never step files. */
  exclude: string[]
  /** PENDING and UNDEFINED steps fail their scenario (true) or skip it with the reason. */
  strict: boolean
  /** Vitest's `retry` of each scenario test. */
  retry: number
  /** Each scenario's `world.parameters` (checked JSON-serialisable: it reaches the workers as data). */
  worldParameters: Record<string, unknown>
}

function globList(value: unknown, option: string, example: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((g) => typeof g !== 'string' || g === ''))
    throw new SpecCiConfigError(`specCi: generate.${option} is ${JSON.stringify(value)}; expected a list of globs relative to the project root, e.g. [${JSON.stringify(example)}]`)
  return [...value]
}

/** Resolves the BDD options once; `undefined` when no features are configured. */
export function resolveBddOptions(o: BddOptionsInput): ResolvedBddOptions | undefined {
  if (o.features === undefined && o.steps === undefined) return undefined
  if (o.features === undefined)
    throw new SpecCiConfigError('specCi: generate.steps is set but generate.features is not; list the .feature files too, e.g. features: ["features/**/*.feature"]')
  const features = globList(o.features, 'features', 'features/**/*.feature')
  if (o.steps === undefined)
    throw new SpecCiConfigError('specCi: generate.features needs generate.steps: the step definition files its features run with, e.g. steps: ["features/steps/**/*.ts"]')
  const steps = globList(o.steps, 'steps', 'features/steps/**/*.ts')
  const exclude = optionalGlobList(o.exclude, 'generate.exclude', 'features/drafts/**')
  return { features, steps, exclude: exclude.includes('**/node_modules/**') ? exclude : [...exclude, '**/node_modules/**'], ...resolveRunOptions(o) }
}

/** How scenarios run: `strict`, `retry`, `worldParameters` (each checked here, at config time). */
export function resolveRunOptions(o: Pick<BddOptionsInput, 'strict' | 'retry' | 'worldParameters'>): Pick<ResolvedBddOptions, 'strict' | 'retry' | 'worldParameters'> {
  if (o.strict !== undefined && typeof o.strict !== 'boolean')
    throw new SpecCiConfigError(`specCi: generate.strict is ${JSON.stringify(o.strict)}; expected true (pending and undefined steps fail, the default) or false (they skip the scenario)`)
  if (o.retry !== undefined && !(typeof o.retry === 'number' && Number.isInteger(o.retry) && o.retry >= 0))
    throw new SpecCiConfigError(`specCi: generate.retry is ${JSON.stringify(o.retry) ?? String(o.retry)}; expected a whole number of retries of a failing scenario, 0 or more (default 0)`)
  return { strict: o.strict ?? true, retry: (o.retry as number | undefined) ?? 0, worldParameters: worldParameters(o.worldParameters) }
}

function worldParameters(value: unknown): Record<string, unknown> {
  if (value === undefined) return {}
  const refuse = (why: string) =>
    new SpecCiConfigError(`specCi: generate.worldParameters ${why}; expected a JSON object (it reaches the test workers as data), e.g. { "baseUrl": "http://localhost:3000" }`)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(`is ${Array.isArray(value) ? 'an array' : JSON.stringify(value) ?? typeof value}`)
  const check = (v: unknown, at: string, seen: Set<object>): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw refuse(`has ${v} at ${at}, which JSON cannot hold`)
      return
    }
    if (typeof v !== 'object') throw refuse(`has a ${typeof v} at ${at}, which JSON cannot hold`)
    if (seen.has(v)) throw refuse(`refers to itself at ${at}`)
    const proto = Object.getPrototypeOf(v)
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) throw refuse(`has a ${proto?.constructor?.name ?? 'non-plain'} object at ${at}`)
    seen.add(v)
    for (const [k, child] of Object.entries(v)) check(child, Array.isArray(v) ? `${at}[${k}]` : `${at}.${k}`, seen)
    seen.delete(v)
  }
  check(value, 'worldParameters', new Set())
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>
}
