export { specCi } from './spec-ci-plugin.ts'
export { specCiProjects } from './projects.ts'
export type { ConformanceOptions, LiveCaptureOptions, RemoteTrace, SpecCiOptions, TraceGroup, TraceGroupSettings } from './types.ts'
export type { ContractOptions, ContractProviderOptions } from './types.ts'
export type { MessageProducer, MessageProducerContext } from '../generated-test-harness/contract-message.ts'
export type { GenerateOptions } from './types.ts'
export type { PropertyOptions } from './types.ts'
export type { HistoryOptions, ReportOptions, Timeout } from './types.ts'
export { defineSpec } from '../src/spec-model/define-spec.ts'
export type { EventPlace, InvariantDefinition, ParsedEvent, SpecDefinition, TransitionContext } from '../src/spec-model/define-spec.ts'
export type { RuleDefinition, RuleSeverity, SpecChecker, SpecModel, Violation } from '../src/spec-model/types.ts'
// `task.meta.specCi` of every spec test; importing the package types `test.meta().specCi` too.
export type { SpecCiMeta, SpecCiTaskMeta } from '../generated-test-harness/task-meta.ts'
export type {
  ConformanceTestMeta,
  ContractTestMeta,
  DriftManifestErrorMeta,
  DriftTargetMeta,
  FeatureScenarioMeta,
  PropertyTestMeta,
  StepUsageMeta,
} from '../src/test-meta.ts'
