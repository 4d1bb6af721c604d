import { originValidationReport, reportBaseName, stringifyReport } from '../../conformance/origin-reports.ts'
import type { ConformanceTestMeta, LiveCaptureTestMeta } from '../../conformance/test-meta.ts'
import type { ConcurrencyDetail, RuleSeverity, Violation } from '../../spec-model/types.ts'
import type { SpanRef } from '../../trace/span-location.ts'
import type { TraceFormat } from '../../trace/types.ts'
import type { MarkdownKit, ReportedState, ReportedTest, SectionBuilder } from '../section-builder.ts'

export interface ConformanceIssue {
  rule: string
  line: number
  /** At an OTLP span: the column of its object in the line. */
  column?: number
  key: string | null
  message: string
  severity: RuleSeverity
  /** At an OTLP span: its name, ids and start time (those the span has). */
  span?: SpanRef
  /**
   * When the key's events overlap in time and no order of them fits (or none could be decided within
   * the bound): the events, the candidates tried where the search got furthest, the longest order that fit.
   */
  concurrency?: ConcurrencyDetail
}

export interface ConformanceRuleSummary {
  rule: string
  severity: RuleSeverity
  state: ReportedState
  /** All violations found, including those not stored (`maxStoredViolations`). */
  count: number
}

export interface ConformanceTraceSummary {
  file: string
  format: TraceFormat
  gzip: boolean
  spec: string
  events: number
  /** No violation of an `error` rule (what the origin's validation.json says). */
  valid: boolean
  /** Stored violations of every rule that ran, by line (the origin's `issues`, with our field names). */
  issues: ConformanceIssue[]
  /** The rule tests that ran, in the spec's catalogue order. */
  rules: ConformanceRuleSummary[]
  /** The `*.expect.yml` sidecar, when the trace has one: its rule tests compare against it. */
  sidecar?: string
  /** A live capture's: what its receiver took in; `complete: false` makes the trace not valid. */
  capture?: { spans: number; batches: number; services: string[]; refused: number; complete: boolean }
}

export interface ConformanceSection {
  traces: ConformanceTraceSummary[]
}

interface TraceGroup {
  summary: ConformanceTraceSummary
  projection: Record<string, unknown> | undefined
}

const MAX_FAILING_RULE_ROWS = 50

type SectionMeta = ConformanceTestMeta | LiveCaptureTestMeta

function groupByTrace(tests: ReadonlyArray<ReportedTest<SectionMeta>>): Map<string, TraceGroup> {
  const groups = new Map<string, TraceGroup>()
  const captures = new Map<string, LiveCaptureTestMeta>()
  for (const test of tests) {
    const { meta } = test
    if (meta.kind === 'live-capture') {
      captures.set(meta.file, meta)
      continue
    }
    if (!meta.trace || typeof meta.rule !== 'string') continue
    let group = groups.get(meta.trace.file)
    if (!group) {
      const summary: ConformanceTraceSummary = {
        file: meta.trace.file,
        format: meta.trace.format,
        gzip: meta.trace.gzip,
        spec: meta.trace.spec,
        events: meta.trace.events,
        valid: meta.trace.valid,
        issues: [],
        rules: [],
      }
      if (meta.expected) summary.sidecar = meta.expected.file
      group = { summary, projection: undefined }
      groups.set(meta.trace.file, group)
    }
    group.projection ??= meta.projection
    group.summary.rules.push({ rule: meta.rule, severity: meta.severity, state: test.state, count: meta.count })
    for (const v of meta.violations ?? []) group.summary.issues.push(toIssue(v, meta.severity))
  }
  // Stable sort: ties on a place keep the catalogue order of their rules, as the CLI's report does.
  for (const { summary } of groups.values()) summary.issues.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0))
  for (const [file, capture] of captures) {
    const summary = groups.get(file)?.summary
    if (!summary) continue
    const { spans, batches, services, refused, complete } = capture
    summary.capture = { spans, batches, services, refused, complete }
    // Rules that pass over a capture missing spans prove nothing (see liveCaptureCheck).
    if (!complete) summary.valid = false
  }
  return groups
}

function toIssue(v: Violation, severity: RuleSeverity): ConformanceIssue {
  const issue: ConformanceIssue = { rule: v.rule, line: v.line, key: v.key ?? null, message: v.message, severity }
  if (v.column !== undefined) issue.column = v.column
  if (v.span !== undefined) issue.span = v.span
  if (v.concurrency !== undefined) issue.concurrency = v.concurrency
  return issue
}

/**
 * The origin's file names are `<name>-validation.json`; two traces with one base name in different
 * folders (or `x.ndjson` beside `x.otlp.json`) would overwrite each other there, so the later ones in
 * report order are named after their whole path: `samples__trace__x.otlp.json-validation.json`.
 */
function originNames(files: string[]): Map<string, string> {
  const names = new Map<string, string>()
  const taken = new Set<string>()
  for (const file of files) {
    let name = reportBaseName(file)
    if (taken.has(name)) name = file.replaceAll('/', '__')
    for (let n = 2; taken.has(name); n++) name = `${file.replaceAll('/', '__')}~${n}`
    taken.add(name)
    names.set(file, name)
  }
  return names
}

function failingRules(section: ConformanceSection, md: MarkdownKit): Array<Array<string | number>> {
  return section.traces.flatMap((trace) =>
    trace.rules
      .filter((r) => r.state === 'failed')
      .map((r) => {
        const first = trace.issues.find((i) => i.rule === r.rule)
        return [
          md.code(first ? `${trace.file}:${first.line}${first.column !== undefined ? `:${first.column}` : ''}` : trace.file),
          md.code(r.rule),
          r.count,
          first ? md.text(first.key ?? '—') : '—',
          first ? md.text(first.message) : md.text('see the test failure'),
        ]
      }),
  )
}

/** summary.json's `conformance.traces`, the failing rules in summary.md, and the origin's per-trace files. */
export const conformanceSection: SectionBuilder<ConformanceSection, SectionMeta> = {
  section: 'conformance',
  kinds: ['conformance', 'live-capture'],
  build(tests) {
    const groups = groupByTrace(tests)
    if (groups.size === 0) return undefined
    return { traces: [...groups.values()].map((g) => g.summary) }
  },
  markdown(section, md) {
    const invalid = section.traces.filter((t) => !t.valid).length
    const parts = [
      '### Conformance',
      '',
      `${section.traces.length} traces checked: ${section.traces.length - invalid} valid, ${invalid} invalid.`,
    ]
    const rows = failingRules(section, md)
    if (rows.length > 0) {
      parts.push('', '**Failing rules** (first violation of each)', '')
      parts.push(md.table(['where', 'rule', 'violations', 'key', 'message'], rows.slice(0, MAX_FAILING_RULE_ROWS)))
      if (rows.length > MAX_FAILING_RULE_ROWS) parts.push('', `… ${rows.length - MAX_FAILING_RULE_ROWS} more failing rules in summary.json`)
    }
    const expected = section.traces.filter((t) => t.sidecar && !t.valid)
    if (expected.length > 0)
      parts.push('', `Known-bad traces whose violations match their sidecar: ${expected.map((t) => md.code(t.file)).join(', ')}.`)
    return parts.join('\n')
  },
  files(_section, tests) {
    const groups = groupByTrace(tests)
    const names = originNames([...groups.keys()])
    return [...groups.values()].flatMap(({ summary, projection }) => {
      const name = names.get(summary.file)!
      const files = [{ path: `trace/${name}-validation.json`, content: stringifyReport(originValidationReport(summary.valid, summary.issues)) }]
      // Only the first rule test that ran carries the projection; under `-t` that may be none of these.
      if (projection) files.push({ path: `trace/${name}-projection.json`, content: stringifyReport({ format: summary.format, ...projection }) })
      return files
    })
  },
}
