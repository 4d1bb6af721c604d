import { tagsApply } from './hook-tags.ts'
import type { HookDefinition, StepRegistry } from './step-registry.ts'

/** The hooks of one scenario, each list in the order they run. */
export interface ScenarioHooks {
  before: HookDefinition[]
  beforeStep: HookDefinition[]
  afterStep: HookDefinition[]
  after: HookDefinition[]
}

/**
 * Which hooks run for a scenario with these tags, and in which order (cucumber-js's): Before and
 * BeforeStep in order of definition, AfterStep and After in reverse order of definition.
 */
export function scenarioHooks(registry: Pick<StepRegistry, 'before' | 'beforeStep' | 'afterStep' | 'after'>, tags: readonly string[]): ScenarioHooks {
  const applies = (hook: HookDefinition) => tagsApply(hook.tags, tags)
  return {
    before: registry.before.filter(applies),
    beforeStep: registry.beforeStep.filter(applies),
    afterStep: registry.afterStep.filter(applies).reverse(),
    after: registry.after.filter(applies).reverse(),
  }
}

/** AfterAll hooks run in reverse order of definition, as cucumber-js runs them. */
export function afterAllOrder(registry: Pick<StepRegistry, 'afterAll'>): HookDefinition[] {
  return [...registry.afterAll].reverse()
}
