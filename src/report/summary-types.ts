import type { ReportedState, ReportedTest } from './section-builder.ts'
import type { ConformanceSection } from './sections/conformance.ts'
import type { ContractSection } from './sections/contract.ts'
import type { GenerateBddSection } from './sections/generate-bdd.ts'
import type { GenerateDriftSection } from './sections/generate-drift.ts'
import type { PropertySection } from './sections/property.ts'

/** The identifier of summary.json's format; bumped only on a breaking change. */
export const SUMMARY_SCHEMA_ID = 'vitest-spec-ci/summary@1'

export type RunStatus = 'passed' | 'failed' | 'interrupted'

export interface SummaryTotals {
  files: number
  tests: number
  passed: number
  failed: number
  skipped: number
  /** Sum of the test files' durations (excluded from the determinism guarantee). */
  durationMs: number
}

export interface SummaryFile {
  file: string
  status: ReportedState
  tests: number
  passed: number
  failed: number
  skipped: number
}

export interface SummaryProject {
  name: string
  status: ReportedState
  totals: SummaryTotals
  files: SummaryFile[]
}

export interface SummaryFailure {
  project: string | null
  file: string | null
  line: number | null
  test: string | null
  message: string
}

/**
 * The sections of summary.json, each present when tests of its kind ran. `generate` is the drift and
 * the BDD builders' objects merged, so either half may be absent.
 */
export interface SummarySections {
  conformance?: ConformanceSection
  contract?: ContractSection
  generate?: Partial<GenerateDriftSection> & Partial<GenerateBddSection>
  property?: PropertySection
}

/** `<dir>/spec-ci/summary.json`; sections (`conformance`, `contract`, …) come from the section builders. */
export interface Summary extends SummarySections {
  schema: typeof SUMMARY_SCHEMA_ID
  generatedAt: string
  status: RunStatus
  totals: SummaryTotals
  projects: SummaryProject[]
  failures: SummaryFailure[]
  [section: string]: unknown
}

/** One test file as the reporter saw it: its tests (declaration order) and its own errors (e.g. a failed import). */
export interface ReportedModule {
  project: string
  /** Relative to the root, with `/`. */
  file: string
  durationMs: number
  errors: Array<{ message: string; line: number | undefined }>
  tests: ReportedTest[]
}

export interface SummaryInput {
  modules: ReportedModule[]
  /** Errors outside any test (unhandled rejections, reporter errors). */
  unhandledErrors: string[]
  /** Vitest's verdict on the run (`onTestRunEnd`'s reason). */
  reason: RunStatus
  generatedAt: string
}
