import type { TaskMeta, TestContext } from 'vitest'
import type { SpecCiMeta } from '../src/test-meta.ts'
import type { FeatureFileMeta } from '../src/bdd/test-meta.ts'

export type { SpecCiMeta } from '../src/test-meta.ts'

declare module 'vitest' {
  interface TaskMeta {
    /** What a vitest-spec-ci test hands its reporter (and anyone reading `test.meta()`), by `kind`. */
    specCi?: SpecCiMeta
    /** On a feature file's module task: its registry and BeforeAll/AfterAll records (src/bdd/test-meta.ts). */
    specCiFeatureFile?: FeatureFileMeta
  }
}

/**
 * Vitest's `TaskMeta` with `specCi` declared (`task.meta` in a test, `test.meta()` in a reporter).
 * Exported from the package's entry so its types import `vitest`, without which TypeScript would not
 * apply the declaration above in a user's project.
 */
export type SpecCiTaskMeta = TaskMeta

/**
 * Puts the test's outcome on its meta for the reporter. The object is the test's own from here on:
 * fields set on it later, while the test runs, reach the reporter too.
 */
export function setSpecCiMeta(context: TestContext, meta: SpecCiMeta): void {
  context.task.meta.specCi = meta
}
