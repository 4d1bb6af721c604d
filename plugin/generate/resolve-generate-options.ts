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
  /** Vitest's `isolate` for the project: false unless `generate.isolate` asks for a fresh module graph per file. */
  isolate: boolean
  /** Vitest's `pool` for the project: worker threads unless `generate.pool` asks for forked processes. */
  pool: 'threads' | 'forks'
}

const GENERATE_KEYS: ReadonlyArray<keyof GenerateOptions> = ['manifests', 'features', 'steps', 'exclude', 'name', 'maxReportedFiles', 'tags', 'strict', 'retry', 'worldParameters', 'isolate', 'pool']

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
    isolate: isolateOption(o.isolate),
    pool: poolOption(o.pool),
  }
}

function isolateOption(value: unknown): boolean {
  if (value === undefined) return false
  if (typeof value !== 'boolean')
    throw new SpecCiConfigError(`specCi: generate.isolate is ${JSON.stringify(value) ?? String(value)}; expected false (the default: one worker runs many feature files, sharing their step files) or true (a fresh module graph per file)`)
  return value
}

function poolOption(value: unknown): 'threads' | 'forks' {
  if (value === undefined) return 'threads'
  if (value !== 'threads' && value !== 'forks')
    throw new SpecCiConfigError(
      `specCi: generate.pool is ${JSON.stringify(value) ?? String(value)}; expected "threads" (the default: worker threads, which start and talk to the main process faster) or "forks" (child processes, for step code that needs a process of its own: process.chdir, native addons that are not thread-safe)`,
    )
  return value
}
