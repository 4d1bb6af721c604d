import type { StepDefinition, StepRegistry } from './step-registry.ts'

/**
 * Definitions that no step text of the given features matches. A definition whose expression cannot
 * be compiled counts as used here: that error belongs to the scenarios that reach it.
 */
export function unusedDefinitions(registry: StepRegistry, stepTexts: Iterable<string>): StepDefinition[] {
  const unused = new Set(registry.definitions)
  for (const text of new Set(stepTexts)) {
    if (unused.size === 0) break
    for (const definition of unused) {
      let matched = true
      try {
        const expression = registry.expressionOf(definition)
        // an undefined parameter type is warned about on its own
        matched = expression === null || expression.match(text) !== null
      } catch {
        // reported by the scenarios instead
      }
      if (matched) unused.delete(definition)
    }
  }
  return [...unused]
}
