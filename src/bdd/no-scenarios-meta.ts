import type { NoScenariosReason } from './test-plan.ts'

/**
 * What the placeholder test of a feature block with nothing to run puts on `task.meta.specCi` (see
 * `TestPlanNode`): a kind of its own, so it is never counted as a scenario (nor written as a pickle).
 */
export interface NoScenariosMeta {
  kind: 'generate-no-scenarios'
  /** The .feature file, relative to the project root, with `/`. */
  file: string
  feature: string
  line: number
  reason: NoScenariosReason
  /** Why nothing runs here, for a person. */
  message: string
}

const MESSAGES: Record<NoScenariosReason, string> = {
  'no-feature': 'the file has no Feature (it is empty or holds only comments), so Cucumber finds no scenario in it',
  'no-scenarios': 'this block has no Scenario, so there is nothing to run',
  'no-examples-rows': 'the Examples of this Scenario Outline have no rows, so Cucumber makes no scenario of it',
  'tag-filter': 'no scenario of this file matches the tag expression',
}

export function noScenariosMeta(file: string, feature: string, line: number, reason: NoScenariosReason, expression?: string): NoScenariosMeta {
  const message = reason === 'tag-filter' && expression ? `${MESSAGES[reason]} ${expression}` : MESSAGES[reason]
  return { kind: 'generate-no-scenarios', file, feature, line, reason, message }
}
