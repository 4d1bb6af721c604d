import type { FeatureScenarioMeta, StepUsageMeta } from './bdd/test-meta.ts'
import type { NoScenariosMeta } from './bdd/no-scenarios-meta.ts'
import type { ConformanceTestMeta, LiveCaptureTestMeta } from './conformance/test-meta.ts'
import type { ContractTestMeta } from './contract/test-meta.ts'
import type { DriftManifestErrorMeta, DriftTargetMeta } from './drift/test-meta.ts'
import type { PropertyTestMeta } from './property/test-meta.ts'

export type { ConformanceTestMeta, LiveCaptureTestMeta, ContractTestMeta, DriftManifestErrorMeta, DriftTargetMeta, FeatureScenarioMeta, NoScenariosMeta, PropertyTestMeta, StepUsageMeta }

/**
 * What a spec test puts on `task.meta.specCi`, told apart by `kind`. Each shape is defined once, beside
 * its core (`src/<kind>/test-meta.ts`); the harness writes it and the reporter's sections read it.
 */
export type SpecCiMeta =
  | ConformanceTestMeta
  | LiveCaptureTestMeta
  | ContractTestMeta
  | DriftTargetMeta
  | DriftManifestErrorMeta
  | FeatureScenarioMeta
  | NoScenariosMeta
  | StepUsageMeta
  | PropertyTestMeta
