import type { SuiteCollector } from 'vitest'

/**
 * Works around a leak of Vitest 4.1 (@vitest/runner 4.1.12) in a worker that runs many files
 * (`isolate: false`, as every generated project does): each `describe` creates a fixture registry that
 * is added to a static list, `TestFixtures._definitions`, and never removed; at the end of every file
 * the runner walks the whole list. On 500 trace files a worker that walk took ~0.7 s and kept growing
 * with the square of the files. A generated describe declares no fixtures (`test.extend` is never
 * used), so its registry holds nothing to clean up: it is taken off the list once the describe is
 * collected. Its tests keep their reference to it, which is all they use.
 *
 * Reaches into the runner's internals (the chainable's context symbol and the static list), so every
 * step is checked: if the shape is not the expected one, nothing is done and only the leak remains
 * (tests/unit/generated-test-harness/describe-fixtures.test.ts notices a Vitest that changed it).
 */
export function releaseDescribeFixtures(collector: SuiteCollector): boolean {
  const test = collector.test as unknown as Record<symbol, unknown>
  const symbol = Object.getOwnPropertySymbols(test).find((s) => s.description === 'kChainableContext')
  const context = symbol === undefined ? undefined : (test[symbol] as { getFixtures?: () => unknown } | undefined)
  const fixtures = typeof context?.getFixtures === 'function' ? context.getFixtures() : undefined
  if (typeof fixtures !== 'object' || fixtures === null) return false
  const definitions = (fixtures.constructor as { _definitions?: unknown })._definitions
  const registrations = (fixtures as { _registrations?: unknown })._registrations
  if (!Array.isArray(definitions) || !(registrations instanceof Map) || registrations.size > 0) return false
  const index = definitions.lastIndexOf(fixtures)
  if (index < 0) return false
  definitions.splice(index, 1)
  return true
}
