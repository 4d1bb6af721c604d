import type { CucumberStatus } from '../../bdd/run-record.ts'
import type { FeatureScenarioMeta, StepUsageMeta } from '../../bdd/test-meta.ts'
import type { MarkdownKit, SectionBuilder } from '../section-builder.ts'

export interface FeatureSummary {
  file: string
  feature: string
  scenarios: number
  passed: number
  failed: number
  skipped: number
  /** Steps no definition matches, over the file's scenarios. */
  undefinedSteps: number
  ambiguousSteps: number
  /**
   * Scenarios by Cucumber status (a scenario's worst step or hook, src/bdd/status.ts). `@skip`/`@todo`
   * tests and scenarios that never ran count as skipped; a scenario with no steps as passed.
   */
  statuses: ScenarioStatusCounts
  /** Set when the file is not valid Gherkin. */
  syntaxErrors?: Array<{ line: number; column: number; message: string }>
  /** Failing scenarios: where and why (first line of the message). */
  failures: Array<{ scenario: string; line: number; message: string }>
  /**
   * Each scenario (an Outline's example row its own) with its status, in file order: the first
   * {@link MAX_LISTED_SCENARIOS}; absent for a file with no scenario. For the dashboard.
   */
  scenarioStatuses?: Array<{ scenario: string; line: number; status: keyof ScenarioStatusCounts }>
  /** Scenarios left out of `scenarioStatuses`. */
  scenarioStatusesTruncated?: number
}

/** Scenarios listed with their status per feature file. */
export const MAX_LISTED_SCENARIOS = 200

export interface ScenarioStatusCounts {
  passed: number
  failed: number
  pending: number
  undefined: number
  ambiguous: number
  skipped: number
}

/** The count a scenario adds to: its Cucumber status, or its Vitest state when it has none. */
function statusKey(status: CucumberStatus | undefined, state: string): keyof ScenarioStatusCounts {
  switch (status) {
    case 'PASSED':
    case 'UNKNOWN':
      return 'passed'
    case 'FAILED':
      return 'failed'
    case 'PENDING':
      return 'pending'
    case 'UNDEFINED':
      return 'undefined'
    case 'AMBIGUOUS':
      return 'ambiguous'
    case 'SKIPPED':
      return 'skipped'
    default:
      return state === 'failed' ? 'failed' : state === 'passed' ? 'passed' : 'skipped'
  }
}

export interface UnusedStepSummary {
  keyword: string
  pattern: string
  file: string | undefined
  line: number | undefined
}

export interface GenerateBddSection {
  features: FeatureSummary[]
  /** Step definitions that no feature of the project uses. */
  unusedSteps: UnusedStepSummary[]
}

const MAX_ROWS = 50

/** summary.json's `generate.features` and `generate.unusedSteps`, and a feature table for summary.md. */
export const generateBddSection: SectionBuilder<GenerateBddSection, FeatureScenarioMeta | StepUsageMeta> = {
  section: 'generate',
  kinds: ['generate-feature', 'generate-steps'],
  build(tests) {
    if (tests.length === 0) return undefined
    const byFile = new Map<string, FeatureSummary>()
    const unused = new Map<string, UnusedStepSummary>()
    for (const test of tests) {
      const { meta } = test
      if (meta.kind === 'generate-steps') {
        for (const u of meta.unused ?? [])
          unused.set(`${u.file}:${u.line}:${u.keyword}:${u.pattern}`, { keyword: u.keyword, pattern: u.pattern, file: u.file, line: u.line })
        continue
      }
      const file = meta.file ?? test.file
      let summary = byFile.get(file)
      if (!summary) {
        summary = {
          file,
          feature: meta.feature ?? '',
          scenarios: 0,
          passed: 0,
          failed: 0,
          skipped: 0,
          undefinedSteps: 0,
          ambiguousSteps: 0,
          statuses: { passed: 0, failed: 0, pending: 0, undefined: 0, ambiguous: 0, skipped: 0 },
          failures: [],
        }
        byFile.set(file, summary)
      }
      if (meta.syntaxErrors) {
        summary.syntaxErrors = meta.syntaxErrors.map(({ line, column, message }) => ({ line, column, message }))
        summary.failed++
        continue
      }
      summary.scenarios++
      summary[test.state]++
      const status = statusKey(meta.status, test.state)
      summary.statuses[status]++
      const listed = (summary.scenarioStatuses ??= [])
      if (listed.length < MAX_LISTED_SCENARIOS) listed.push({ scenario: test.name, line: meta.line ?? test.line ?? 1, status })
      else summary.scenarioStatusesTruncated = (summary.scenarioStatusesTruncated ?? 0) + 1
      summary.undefinedSteps += meta.undefinedSteps?.length ?? 0
      summary.ambiguousSteps += meta.ambiguousSteps?.length ?? 0
      if (test.state === 'failed') {
        const error = test.errors[0]
        summary.failures.push({ scenario: test.fullName, line: error?.line ?? meta.line ?? test.line ?? 1, message: (error?.message ?? '').split('\n')[0]! })
      }
    }
    return { features: [...byFile.values()], unusedSteps: [...unused.values()] }
  },
  markdown(section: GenerateBddSection, md: MarkdownKit) {
    if (section.features.length === 0 && section.unusedSteps.length === 0) return ''
    const parts = ['### BDD features', '']
    const rows = section.features.map((f) => [
      md.code(f.file),
      md.text(f.feature || '—'),
      f.scenarios,
      f.passed,
      f.failed,
      f.skipped,
      f.undefinedSteps,
      f.syntaxErrors ? `syntax error at line ${f.syntaxErrors[0]!.line}` : '',
    ])
    parts.push(md.table(['file', 'feature', 'scenarios', 'passed', 'failed', 'skipped', 'undefined steps', 'note'], rows.slice(0, MAX_ROWS)))
    if (rows.length > MAX_ROWS) parts.push('', `… ${rows.length - MAX_ROWS} more features in summary.json`)
    const failures = section.features.flatMap((f) => f.failures.map((x) => `- ${md.code(`${f.file}:${x.line}`)} ${md.text(x.scenario)}: ${md.text(x.message)}`))
    if (failures.length > 0) parts.push('', ...failures.slice(0, MAX_ROWS))
    if (section.unusedSteps.length > 0)
      parts.push('', `Unused step definitions (${section.unusedSteps.length}):`, ...section.unusedSteps.slice(0, MAX_ROWS).map((u) => `- ${md.code(`${u.keyword}(${u.pattern})`)} ${u.file ? md.code(`${u.file}:${u.line}`) : ''}`))
    return parts.join('\n')
  },
}
