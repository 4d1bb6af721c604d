import type { ConformanceResult } from './check-trace.ts'
import { replaceUnprintable } from '../printable-text.ts'

/** The origin's `<name>-validation.json`: `type` is the rule id. */
export interface OriginValidationReport {
  valid: boolean
  issues: Array<{ key: string | null; type: string; message: string; line: number }>
}

export function toValidationReport(result: ConformanceResult): OriginValidationReport {
  const issues = result.rules
    .flatMap((r) => r.violations)
    .sort((a, b) => a.line - b.line)
    .map((v) => ({ key: v.key ?? null, type: v.rule, message: v.message, line: v.line }))
  return { valid: result.valid, issues }
}

/** The origin's `<name>-projection.json`: per-key counts and stats, no per-event state snapshots. */
export function toProjectionReport(result: ConformanceResult): Record<string, unknown> {
  return { format: result.format, ...result.projection }
}

/**
 * `samples/trace/x.ndjson.gz` → `x`: the `<name>` of the origin's report files. Control characters of
 * the trace's name become `_`: a report file is named by us and must not carry a line break.
 */
export function reportBaseName(file: string): string {
  const base = replaceUnprintable(file.split(/[\\/]/).pop() ?? file, '_')
  return base.replace(/\.gz$/i, '').replace(/\.(ndjson|jsonl|otlp\.json|otlp\.jsonl|json)$/i, '')
}

/** JSON with bigint values (exact 64-bit OTLP integers) written as decimal strings. */
export function stringifyReport(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`
}
