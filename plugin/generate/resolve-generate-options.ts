import { SpecCiConfigError } from '../../src/errors.ts'
import { knownKeys, subject } from '../options/known-keys.ts'
import { optionalGlobList, optionalName, positiveWholeNumber } from '../options/option-values.ts'
import type { GenerateOptions } from '../types.ts'
import { resolveBddOptions, type ResolvedBddOptions } from './bdd-options.ts'
import type { ResolvedDriftOptions } from './drift-plugin.ts'

export interface ResolvedGenerateOptions {
  name: string
  /** Test files of the project: drift manifests and feature files. */
  include: string[]
  exclude: string[]
  bdd: ResolvedBddOptions | undefined
  drift: ResolvedDriftOptions | undefined
}

const GENERATE_KEYS: ReadonlyArray<keyof GenerateOptions> = ['manifests', 'features', 'steps', 'exclude', 'name', 'maxReportedFiles', 'strict', 'retry', 'worldParameters']

function resolveDrift(o: GenerateOptions, exclude: string[]): ResolvedDriftOptions | undefined {
  if (o.manifests === undefined) return undefined
  if (!Array.isArray(o.manifests) || o.manifests.length === 0 || o.manifests.some((g) => typeof g !== 'string' || g === ''))
    throw new SpecCiConfigError(`specCi: generate.manifests is ${JSON.stringify(o.manifests)}; expected a list of globs relative to the project root, e.g. ["**/*.generate.yml"]`)
  return {
    manifests: [...o.manifests],
    exclude,
    maxReportedFiles: positiveWholeNumber(o.maxReportedFiles, 'generate.maxReportedFiles', 200, 'files'),
  }
}

/** Resolves and checks `generate` once: `exclude` applies to manifests, features and step files alike. */
export function resolveGenerateOptions(options: unknown): ResolvedGenerateOptions {
  const o = knownKeys<GenerateOptions>(options, subject('generate'), GENERATE_KEYS)
  const exclude = [...optionalGlobList(o.exclude, 'generate.exclude', 'samples/old/**'), '**/node_modules/**']
  const bdd = resolveBddOptions({ ...o, exclude })
  const drift = resolveDrift(o, exclude)
  if (!bdd && !drift)
    throw new SpecCiConfigError('specCi: generate needs "manifests" (drift manifests, e.g. ["**/*.generate.yml"]) or "features" with "steps" (BDD smoke)')
  return {
    name: optionalName(o.name, 'generate.name', 'generate'),
    include: [...(drift?.manifests ?? []), ...(bdd?.features ?? [])],
    exclude,
    bdd,
    drift,
  }
}
