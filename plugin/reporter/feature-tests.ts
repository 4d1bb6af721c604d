import type { TestCase, TestModule } from 'vitest/node'
import type {} from '../../generated-test-harness/task-meta.ts'
import type { ScenarioRunRecord } from '../../src/bdd/run-record.ts'
import type { FeatureScenarioMeta } from '../../src/bdd/test-meta.ts'
import { rememberedFeatureSource } from '../generate/feature-sources.ts'

/** A scenario test's meta, with the run record its harness put there. */
export function featureMeta(test: TestCase): (FeatureScenarioMeta & { run?: ScenarioRunRecord }) | undefined {
  const meta = test.meta().specCi
  return meta?.kind === 'generate-feature' ? (meta as FeatureScenarioMeta & { run?: ScenarioRunRecord }) : undefined
}

// A feature's module that failed before declaring its tests (a step file that throws on import) is
// still a feature file of the run: known by its transform, or by its name under --merge-reports.
export const isFeatureFile = (module: TestModule): boolean =>
  rememberedFeatureSource(module.moduleId) !== undefined || module.moduleId.endsWith('.feature') || module.moduleId.endsWith('.feature.md')

/**
 * Whether the run has feature tests, and so Cucumber Messages to write. Its own module, free of
 * @cucumber/*: the reporter asks it before loading the writer, so a run without features loads none of it.
 */
export const runHasFeatureTests = (modules: ReadonlyArray<TestModule>): boolean =>
  modules.some((m) => isFeatureFile(m) || [...m.children.allTests()].some((t) => featureMeta(t) !== undefined))
