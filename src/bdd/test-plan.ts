import type { CompiledFeature, FeatureNode } from './types.ts'

/**
 * What a feature file's test module declares, after the tag filter: describe blocks, scenario tests
 * (by index into `CompiledFeature.scenarios`, so the harness keeps every scenario's index) and
 * placeholders. A placeholder is one skipped test standing where there is nothing to run, so that a
 * file Cucumber accepts never fails for having no test (Vitest fails an empty file or describe), and
 * a person sees why nothing ran; it is never a passed check.
 */
export type TestPlanNode =
  | { kind: 'scenario'; index: number }
  | { kind: 'describe'; title: string; line: number; children: TestPlanNode[] }
  | { kind: 'no-scenarios'; title: string; line: number; tags: string[]; reason: NoScenariosReason }

/** Why a placeholder stands in a block. */
export type NoScenariosReason = 'no-feature' | 'no-scenarios' | 'no-examples-rows' | 'tag-filter'

/** The placeholder titles: stable, so filters and history keep working. */
export const NO_SCENARIOS_TITLES: Record<Exclude<NoScenariosReason, 'tag-filter'>, string> = {
  'no-feature': 'no scenarios (the file has no Feature)',
  'no-scenarios': 'no scenarios',
  'no-examples-rows': 'no examples rows',
}

export function tagFilterTitle(expression: string): string {
  return `no scenario matches the tag expression ${expression}`
}

export interface TestPlan {
  /** Title of the top describe: the feature's name, else the file's name. */
  title: string
  line: number
  children: TestPlanNode[]
}

/**
 * The plan of one compiled feature. `selects` is the tag filter (`generate.tags`): scenarios it does
 * not select are left out, as cucumber-js leaves them out, and a block left empty by it goes too.
 * A block that is empty as written (a Feature or Rule without scenarios, an Outline whose Examples have
 * no rows) gets a placeholder, carrying the block's tags so the filter treats it as the block's
 * scenarios would be. When the filter leaves nothing at all, one placeholder says so.
 */
export function testPlan(feature: CompiledFeature, fileName: string, filter?: { expression: string; matches(tags: readonly string[]): boolean }): TestPlan {
  const selects = (tags: readonly string[]) => !filter || filter.matches(tags)
  const placeholder = (reason: Exclude<NoScenariosReason, 'tag-filter'>, line: number, tags: string[]): TestPlanNode[] =>
    selects(tags) ? [{ kind: 'no-scenarios', title: NO_SCENARIOS_TITLES[reason], line, tags, reason }] : []

  const plan = (nodes: readonly FeatureNode[]): TestPlanNode[] =>
    nodes.flatMap((node): TestPlanNode[] => {
      if (node.kind === 'scenario') return selects(feature.scenarios[node.index]!.tags) ? [node] : []
      const children = node.children.length === 0 ? placeholder(node.kind === 'outline' ? 'no-examples-rows' : 'no-scenarios', node.line, node.tags ?? feature.tags) : plan(node.children)
      return children.length === 0 ? [] : [{ kind: 'describe', title: node.title, line: node.line, children }]
    })

  let children =
    feature.children.length === 0 ? placeholder(feature.withoutFeature ? 'no-feature' : 'no-scenarios', feature.line, feature.tags) : plan(feature.children)
  if (children.length === 0)
    children = filter
      ? [{ kind: 'no-scenarios', title: tagFilterTitle(filter.expression), line: feature.line, tags: feature.tags, reason: 'tag-filter' }]
      : [{ kind: 'no-scenarios', title: NO_SCENARIOS_TITLES['no-scenarios'], line: feature.line, tags: feature.tags, reason: 'no-scenarios' }]
  return { title: feature.name || fileName, line: feature.line, children }
}
