// vitest-spec-ci/core: what a script needs to use the gates without Vitest, from plain Node. Internals
// (atomic writers, report naming, sidecar paths, the drift updater) stay inside the package: the CLI
// (`spec-ci trace validate`, `spec-ci generate check --update`) is their public face.

// Traces
export { openTrace } from './trace/open-trace.ts'
export type { OpenedTrace, ReadTraceOptions, TraceFormat, TraceRecord } from './trace/types.ts'

// Spec models (also exported by the main entry, for `defineSpec` in a user's spec module)
export { defineSpec, EVENT_SCHEMA_RULE } from './spec-model/define-spec.ts'
export type { EventPlace, InvariantDefinition, ParsedEvent, SpecDefinition, TransitionContext } from './spec-model/define-spec.ts'
export type { PerKeyFigures, Projection, RuleDefinition, RuleSeverity, SpecChecker, SpecModel, Violation } from './spec-model/types.ts'
export { projectionRecord } from './spec-model/projection-record.ts'

// Conformance
export { checkRecords, checkTraceFile } from './conformance/check-trace.ts'
export type { CheckTraceOptions, ConformanceResult, RuleOutcome } from './conformance/check-trace.ts'
export { TraceCheckStoppedError, SpecRuntimeError } from './conformance/check-errors.ts'
export { formatRuleFailure } from './conformance/format-rule-failure.ts'
export { parseExpectations, ExpectationsError } from './conformance/expectations.ts'
export type { Expectations, ExpectedViolation } from './conformance/expectations.ts'
// The origin's report formats, so existing consumers keep working
export { toValidationReport, toProjectionReport } from './conformance/origin-reports.ts'
export type { OriginValidationReport } from './conformance/origin-reports.ts'
export { writeTraceReports } from './conformance/write-trace-reports.ts'

// Artifact drift (read-only: updating targets is `spec-ci generate check --update` or `vitest -u`)
export { compareTrees } from './drift/compare-trees.ts'
export type { CompareOptions, DriftStatus, FileDrift, TreeComparison } from './drift/compare-trees.ts'
export { normalizeArtifact } from './drift/normalize.ts'
export { parseManifest } from './drift/manifest.ts'
export type { DriftTarget, ParsedManifest } from './drift/manifest.ts'
export { runGenerator } from './drift/run-generator.ts'

// OpenTelemetry in: an OTLP/HTTP receiver writing OTLP JSON Lines (what `spec-ci otlp receive` runs)
export { startOtlpReceiver } from './otlp/receiver.ts'
export type { OtlpBatchReceived, OtlpReceiver, OtlpReceiverOptions, OtlpRequestRefused } from './otlp/receiver.ts'

export { SpecCiConfigError, SpecDefinitionError, SpecOptionsError } from './errors.ts'

// Concurrent histories: linearizability against a sequential model, per key (P-compositionality); the
// built-in `register` and `kv` models; Jepsen EDN histories
export {
  checkHistory,
  isSequentialHistory,
  DEFAULT_MAX_STEPS,
  partitionByKey,
  structuralKey,
  register,
  kv,
  ednHash,
  EdnChar,
  EdnKeyword,
  EdnMap,
  EdnSet,
  EdnSymbol,
  EdnSyntaxError,
  EdnTagged,
  ednEquals,
  parseEdn,
  printEdn,
  JepsenHistoryBuilder,
  readJepsenHistory,
  readJepsenHistoryFile,
} from './linearizability/index.ts'
export type {
  CandidateRef,
  CheckHistoryOptions,
  EdnValue,
  HistoryCheckResult,
  HistoryFinding,
  HistoryModel,
  HistoryOperation,
  HistoryTime,
  InvalidOperation,
  JepsenHistory,
  JepsenInput,
  JepsenOperation,
  JepsenOutput,
  JepsenReadOptions,
  KvState,
  LinearizabilityViolation,
  OperationId,
  OperationRef,
  PartitionResult,
  RegisterModel,
  SearchBound,
  StepResult,
  Verdict,
} from './linearizability/index.ts'
// Properties generated from a spec's declared operations, run outside Vitest.
export { checkProperty, type PropertyOutcome, type PropertyRunSettings } from './property/check-property.ts'
export { specOperationProperties, type SpecOperationPropertiesOptions } from './property/operations/spec-operation-properties.ts'
export { defineOperations } from './property/operations/types.ts'
export type { ArgumentDeclaration, ArgumentKind, ObservedStep, OperationDeclaration, SpecOperations, StepVerdict } from './property/operations/types.ts'
