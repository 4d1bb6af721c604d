import type { ConformanceResult } from './check-trace.ts'
import { replaceUnprintable } from '../printable-text.ts'
import { projectionRecord } from '../spec-model/projection-record.ts'

export { stringifyReport } from '../json/stringify-report.ts'

/** The origin's `<name>-validation.json`: `type` is the rule id. */
export interface OriginValidationReport {
  valid: boolean
  issues: Array<{ key: string | null; type: string; message: string; line: number }>
}

/** The origin's validation report of a trace from its violations (or the reporter's issues), in the order given. */
export function originValidationReport(valid: boolean, violations: ReadonlyArray<{ key?: string | null; rule: string; message: string; line: number }>): OriginValidationReport {
  return { valid, issues: violations.map((v) => ({ key: v.key ?? null, type: v.rule, message: v.message, line: v.line })) }
}

export function toValidationReport(result: ConformanceResult): OriginValidationReport {
  return originValidationReport(
    result.valid,
    result.rules.flatMap((r) => r.violations).sort((a, b) => a.line - b.line),
  )
}

/**
 * The origin's `<name>-projection.json` as one plain object: per-key counts and stats, no per-event state
 * snapshots. A report file is written without it (writeTraceReports streams the per-key part).
 */
export function toProjectionReport(result: ConformanceResult): Record<string, unknown> {
  return { format: result.format, ...projectionRecord(result.projection) }
}

/**
 * `samples/trace/x.ndjson.gz` → `x`: the `<name>` of the origin's report files. Control characters of
 * the trace's name become `_`: a report file is named by us and must not carry a line break.
 */
export function reportBaseName(file: string): string {
  const base = replaceUnprintable(file.split(/[\\/]/).pop() ?? file, '_')
  return base.replace(/\.gz$/i, '').replace(/\.(ndjson|jsonl|otlp\.json|otlp\.jsonl|json|binpb|pb)$/i, '')
}
