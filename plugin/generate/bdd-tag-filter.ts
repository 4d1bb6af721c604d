import { parse } from '@cucumber/tag-expressions'
import { SpecCiConfigError } from '../../src/errors.ts'

/** The environment variable that overrides `generate.tags` (e.g. in one CI job). */
export const BDD_TAGS_ENV = 'SPEC_CI_BDD_TAGS'

/** A Cucumber tag expression that selects the scenarios to declare, and where it came from. */
export interface BddTagFilter {
  expression: string
  /** `generate.tags` or `SPEC_CI_BDD_TAGS`, for messages and placeholder titles. */
  source: string
  /** Whether a scenario with these Gherkin tags (`@smoke`, …: feature, rule, scenario and examples tags) runs. */
  matches(tags: readonly string[]): boolean
}

function parsed(expression: string, source: string): BddTagFilter {
  let node
  try {
    node = parse(expression)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new SpecCiConfigError(`specCi: ${source} is ${JSON.stringify(expression)}, not a Cucumber tag expression: ${reason} (e.g. "@smoke and not @slow")`)
  }
  return { expression, source, matches: (tags) => node.evaluate([...tags]) }
}

/**
 * The tag filter of the BDD smoke, checked when the config loads: `SPEC_CI_BDD_TAGS` when set and not
 * blank, else `generate.tags`; `undefined` when neither selects (every scenario runs).
 */
export function resolveBddTagFilter(option: unknown, env: NodeJS.ProcessEnv = process.env): BddTagFilter | undefined {
  const fromEnv = env[BDD_TAGS_ENV]
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parsed(fromEnv.trim(), `the environment variable ${BDD_TAGS_ENV}`)
  if (option === undefined) return undefined
  if (typeof option !== 'string' || option.trim() === '')
    throw new SpecCiConfigError(`specCi: generate.tags is ${JSON.stringify(option)}; expected a Cucumber tag expression, e.g. "@smoke and not @slow"`)
  return parsed(option.trim(), 'generate.tags')
}
