import { SpecCiConfigError } from '../../src/errors.ts'
import { optionalGlobList } from '../options/option-values.ts'
import { resolveBddTagFilter, type BddTagFilter } from './bdd-tag-filter.ts'

/** The BDD part of the generate options (see `GenerateOptions` in plugin/types.ts). */
export interface BddOptionsInput {
  features?: string[]
  steps?: string[]
  exclude?: string[]
  /** A Cucumber tag expression; `SPEC_CI_BDD_TAGS` overrides it. */
  tags?: string
}

export interface ResolvedBddOptions {
  /** Globs of .feature files, relative to the project root; each one a test file. */
  features: string[]
  /** Globs of step definition files, imported by every feature's test module. */
  steps: string[]
  /** `generate.exclude` and `node_modules`: never features, never step files. */
  exclude: string[]
  /** `generate.tags` or `SPEC_CI_BDD_TAGS`: only the scenarios it matches are declared. */
  tagFilter: BddTagFilter | undefined
}

function globList(value: unknown, option: string, example: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((g) => typeof g !== 'string' || g === ''))
    throw new SpecCiConfigError(`specCi: generate.${option} is ${JSON.stringify(value)}; expected a list of globs relative to the project root, e.g. [${JSON.stringify(example)}]`)
  return [...value]
}

/** Resolves the BDD options once; `undefined` when no features are configured. */
export function resolveBddOptions(o: BddOptionsInput): ResolvedBddOptions | undefined {
  if (o.features === undefined && o.steps === undefined) {
    if (o.tags !== undefined) throw new SpecCiConfigError('specCi: generate.tags is set but generate.features is not; a tag expression selects scenarios of the .feature files')
    return undefined
  }
  if (o.features === undefined)
    throw new SpecCiConfigError('specCi: generate.steps is set but generate.features is not; list the .feature files too, e.g. features: ["features/**/*.feature"]')
  const features = globList(o.features, 'features', 'features/**/*.feature')
  if (o.steps === undefined)
    throw new SpecCiConfigError('specCi: generate.features needs generate.steps: the step definition files its features run with, e.g. steps: ["features/steps/**/*.ts"]')
  const steps = globList(o.steps, 'steps', 'features/steps/**/*.ts')
  const exclude = optionalGlobList(o.exclude, 'generate.exclude', 'features/drafts/**')
  const tagFilter = resolveBddTagFilter(o.tags)
  return { features, steps, exclude: exclude.includes('**/node_modules/**') ? exclude : [...exclude, '**/node_modules/**'], tagFilter }
}
