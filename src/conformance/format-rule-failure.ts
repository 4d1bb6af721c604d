import type { Violation } from '../spec-model/types.ts'
import type { SpanRef } from '../trace/span-location.ts'
import type { RuleOutcome } from './check-trace.ts'

/** Violations listed in a failure message; the rest are summed up as "… N more". */
export const LISTED_VIOLATIONS = 20

/** `file:line key — message`; at an OTLP span `file:line:column span "name" (spanId …, traceId …, start …) key — message`. */
export function formatViolationLine(displayFile: string, v: Violation): string {
  const at = `${displayFile}:${v.line}${v.column !== undefined ? `:${v.column}` : ''}`
  const span = v.span !== undefined ? ` ${describeSpan(v.span)}` : ''
  return `${at}${span}${v.key !== undefined ? ` ${JSON.stringify(v.key)}` : ''} — ${v.message}`
}

/** `span "name" (spanId …, traceId …, start …)`, with the parts the span has. */
export function describeSpan(span: SpanRef): string {
  const ids = [
    span.spanId !== undefined ? `spanId ${span.spanId}` : undefined,
    span.traceId !== undefined ? `traceId ${span.traceId}` : undefined,
    span.start !== undefined ? `start ${span.start}` : undefined,
  ].filter((part) => part !== undefined)
  return `span ${JSON.stringify(span.name ?? '')}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`
}

function listViolations(displayFile: string, violations: readonly Violation[], total: number): string[] {
  const lines = violations.slice(0, LISTED_VIOLATIONS).map((v) => `  ${formatViolationLine(displayFile, v)}`)
  const more = total - Math.min(violations.length, LISTED_VIOLATIONS)
  if (more > 0) lines.push(`  … ${more} more`)
  return lines
}

/** The message of a failing rule test: how many, and the first violations as `file:line key — message`. */
export function formatRuleFailure(displayFile: string, outcome: RuleOutcome): string {
  const n = outcome.count
  return [
    `rule ${outcome.rule}: ${n} violation${n === 1 ? '' : 's'} in ${displayFile}`,
    ...listViolations(displayFile, outcome.violations, n),
  ].join('\n')
}

export interface ExpectationMismatch {
  unexpected: Violation[]
  missing: number[]
}

/** Compares a rule's violations with the lines a sidecar expects, as multisets of lines. */
export function compareWithExpected(outcome: RuleOutcome, expectedLines: readonly number[]): ExpectationMismatch {
  const remaining = new Map<number, number>()
  for (const line of expectedLines) remaining.set(line, (remaining.get(line) ?? 0) + 1)
  const unexpected: Violation[] = []
  for (const v of outcome.violations) {
    const left = remaining.get(v.line) ?? 0
    if (left > 0) remaining.set(v.line, left - 1)
    else unexpected.push(v)
  }
  const missing: number[] = []
  for (const [line, left] of remaining) for (let i = 0; i < left; i++) missing.push(line)
  missing.sort((a, b) => a - b)
  return { unexpected, missing }
}

export function formatExpectationFailure(
  displayFile: string,
  sidecar: string,
  outcome: RuleOutcome,
  mismatch: ExpectationMismatch,
): string {
  const out = [`rule ${outcome.rule}: violations differ from ${sidecar}`]
  if (mismatch.unexpected.length) {
    out.push(`not expected (${mismatch.unexpected.length}):`)
    out.push(...listViolations(displayFile, mismatch.unexpected, mismatch.unexpected.length))
  }
  if (mismatch.missing.length) {
    out.push(`expected but not found (${mismatch.missing.length}):`)
    out.push(...mismatch.missing.slice(0, LISTED_VIOLATIONS).map((line) => `  ${displayFile}:${line}`))
    if (mismatch.missing.length > LISTED_VIOLATIONS) out.push(`  … ${mismatch.missing.length - LISTED_VIOLATIONS} more`)
  }
  if (outcome.count > outcome.violations.length)
    out.push(`(only the first ${outcome.violations.length} of ${outcome.count} violations were kept: raise maxStoredViolations)`)
  return out.join('\n')
}
