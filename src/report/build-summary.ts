import type { ReportedState, ReportedTest, SectionBuilder } from './section-builder.ts'
import {
  SUMMARY_SCHEMA_ID,
  type ReportedModule,
  type RunStatus,
  type Summary,
  type SummaryFailure,
  type SummaryFile,
  type SummaryInput,
  type SummaryProject,
  type SummaryTotals,
} from './summary-types.ts'

export interface BuiltReport {
  summary: Summary
  /** Report files from the builders (`trace/x-validation.json`, …), relative to the report directory. */
  files: Array<{ path: string; content: string }>
  /** Each builder's own section, for its part of summary.md. */
  sections: Array<{ builder: SectionBuilder; section: unknown }>
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Project, then file: the order shards and merged blobs cannot change. Tests keep their declaration order. */
export function sortModules(modules: ReadonlyArray<ReportedModule>): ReportedModule[] {
  return [...modules].sort((a, b) => compare(a.project, b.project) || compare(a.file, b.file))
}

function statusOf(failed: number, passed: number): ReportedState {
  return failed > 0 ? 'failed' : passed > 0 ? 'passed' : 'skipped'
}

function count(tests: ReadonlyArray<ReportedTest>, state: ReportedState): number {
  let n = 0
  for (const t of tests) if (t.state === state) n++
  return n
}

function fileSummary(module: ReportedModule): SummaryFile {
  const failed = count(module.tests, 'failed')
  const passed = count(module.tests, 'passed')
  const status = module.errors.length > 0 ? 'failed' : statusOf(failed, passed)
  return { file: module.file, status, tests: module.tests.length, passed, failed, skipped: count(module.tests, 'skipped') }
}

function totalsOf(modules: ReadonlyArray<ReportedModule>): SummaryTotals {
  const totals: SummaryTotals = { files: modules.length, tests: 0, passed: 0, failed: 0, skipped: 0, durationMs: 0 }
  for (const m of modules) {
    totals.tests += m.tests.length
    totals.passed += count(m.tests, 'passed')
    totals.failed += count(m.tests, 'failed')
    totals.skipped += count(m.tests, 'skipped')
    totals.durationMs += m.durationMs
  }
  totals.durationMs = Math.round(totals.durationMs)
  return totals
}

function projectsOf(modules: ReadonlyArray<ReportedModule>): SummaryProject[] {
  const byProject = new Map<string, ReportedModule[]>()
  for (const m of modules) {
    const list = byProject.get(m.project)
    if (list) list.push(m)
    else byProject.set(m.project, [m])
  }
  return [...byProject].map(([name, list]) => {
    const files = list.map(fileSummary)
    const totals = totalsOf(list)
    const failedFiles = files.some((f) => f.status === 'failed')
    return { name, status: failedFiles ? 'failed' : statusOf(0, totals.passed), totals, files }
  })
}

function failuresOf(modules: ReadonlyArray<ReportedModule>, unhandledErrors: ReadonlyArray<string>): SummaryFailure[] {
  const failures: SummaryFailure[] = []
  for (const m of modules) {
    for (const e of m.errors) failures.push({ project: m.project, file: m.file, line: e.line ?? null, test: null, message: e.message })
    for (const t of m.tests) {
      if (t.state !== 'failed') continue
      const first = t.errors[0]
      failures.push({
        project: m.project,
        file: m.file,
        line: first?.line ?? t.line ?? null,
        test: t.fullName,
        message: first?.message ?? 'failed without an error message',
      })
    }
  }
  for (const message of unhandledErrors) failures.push({ project: null, file: null, line: null, test: null, message })
  return failures
}

function runStatus(reason: RunStatus, failures: ReadonlyArray<SummaryFailure>): RunStatus {
  if (reason === 'interrupted') return 'interrupted'
  return reason === 'failed' || failures.length > 0 ? 'failed' : 'passed'
}

/** Hands each builder the tests of its kinds, in report order, and merges sections sharing a key. */
export function buildSections(
  builders: ReadonlyArray<SectionBuilder>,
  tests: ReadonlyArray<ReportedTest>,
): { sections: Map<string, Record<string, unknown>>; built: Array<{ builder: SectionBuilder; section: unknown; tests: ReportedTest[] }> } {
  const sections = new Map<string, Record<string, unknown>>()
  const built: Array<{ builder: SectionBuilder; section: unknown; tests: ReportedTest[] }> = []
  for (const builder of builders) {
    const mine = tests.filter((t) => builder.kinds.includes(t.meta.kind))
    const section = builder.build(mine)
    if (section === undefined) continue
    built.push({ builder, section, tests: mine })
    sections.set(builder.section, { ...sections.get(builder.section), ...(section as Record<string, unknown>) })
  }
  return { sections, built }
}

const RESERVED = new Set(['schema', 'generatedAt', 'status', 'totals', 'projects', 'failures'])

/**
 * summary.json and the builders' extra files. Everything but `generatedAt` and durations depends only
 * on the tests' results, in an order fixed by project, file and declaration: identical runs, sharded
 * or not, give identical bytes.
 */
export function buildSummary(input: SummaryInput, builders: ReadonlyArray<SectionBuilder>): BuiltReport {
  const modules = sortModules(input.modules)
  const tests = modules.flatMap((m) => m.tests)
  const failures = failuresOf(modules, input.unhandledErrors)
  // Key order is the order SPEC 9 shows: sections between `projects` and `failures`.
  const head: Record<string, unknown> = {
    schema: SUMMARY_SCHEMA_ID,
    generatedAt: input.generatedAt,
    status: runStatus(input.reason, failures),
    totals: totalsOf(modules),
    projects: projectsOf(modules),
  }
  const { sections, built } = buildSections(builders, tests)
  for (const [key, value] of sections) {
    if (RESERVED.has(key)) throw new Error(`vitest-spec-ci: a section builder uses the reserved key "${key}"`)
    head[key] = value
  }
  const summary = { ...head, failures } as Summary
  const files = built.flatMap(({ builder, section, tests: mine }) => builder.files?.(section, mine, { generatedAt: input.generatedAt }) ?? [])
  return { summary, files, sections: built.map(({ builder, section }) => ({ builder, section })) }
}
