import type { TraceFormat } from '../trace/types.ts'
import type { ConformanceResult, RuleOutcome } from './check-trace.ts'
import type { RuleSeverity, Violation } from '../spec-model/types.ts'

/**
 * What a conformance rule test hands the reporter through `task.meta.specCi`. Every rule test of a
 * trace carries the trace's figures, so any one of them (e.g. under `-t`) is enough to report it.
 */
export interface ConformanceTestMeta {
  kind: 'conformance'
  trace: { file: string; format: TraceFormat; gzip: boolean; spec: string; events: number; valid: boolean }
  rule: string
  severity: RuleSeverity
  /** All violations of the rule, including those not stored. */
  count: number
  violations: Violation[]
  /**
   * The trace's projection (per-key counts), on the first rule test of the trace that ran only, with
   * `perKey` cut to {@link PROJECTION_META_KEYS} keys (`perKeyTruncated` counts the rest): meta crosses
   * from worker to main process and into blob reports, so it stays small.
   */
  projection?: Record<string, unknown>
  /** Present when a sidecar lists expected violations. */
  expected?: { file: string; lines: number[]; matched: boolean }
}

/**
 * What a live capture's own test (`spans were captured`) hands the reporter: how much the receiver took
 * in, and whether the capture can be trusted to hold the run (`complete`: spans came and no export was
 * refused). An incomplete capture's trace is not valid in summary.json, whatever its rules say.
 */
export interface LiveCaptureTestMeta {
  kind: 'live-capture'
  /** The capture file, as shown (relative to the root). */
  file: string
  spans: number
  batches: number
  /** `service.name` of the resources received, sorted. */
  services: string[]
  /** Export requests refused by the receiver (their spans are missing). */
  refused: number
  complete: boolean
}

export const PROJECTION_META_KEYS = 100_000

/** A rule test's meta from the trace's single pass (without the projection or the sidecar's verdict). */
export function ruleTestMeta(displayFile: string, result: ConformanceResult, outcome: RuleOutcome): ConformanceTestMeta {
  const { format, gzip, spec, events, valid } = result
  return {
    kind: 'conformance',
    trace: { file: displayFile, format, gzip, spec, events, valid },
    rule: outcome.rule,
    severity: outcome.severity,
    count: outcome.count,
    violations: outcome.violations,
  }
}
