import { describe, expect, test } from 'vitest'
import { buildSummary } from '../../../src/report/build-summary.ts'
import type { ReportedTest, SectionBuilder } from '../../../src/report/section-builder.ts'
import type { ReportedModule, SummaryInput } from '../../../src/report/summary-types.ts'

function reportedTest(project: string, file: string, name: string, state: ReportedTest['state'], kind = ''): ReportedTest {
  return {
    project,
    file,
    name,
    fullName: `${file} > ${name}`,
    state,
    line: 1,
    durationMs: 3,
    errors: state === 'failed' ? [{ message: `${name} broke`, line: 4 }] : [],
    annotations: [],
    meta: { kind },
  }
}

function module(project: string, file: string, tests: ReportedTest[], errors: ReportedModule['errors'] = []): ReportedModule {
  return { project, file, durationMs: 10, errors, tests }
}

const modules: ReportedModule[] = [
  module('generate', 'b.generate.yml', [reportedTest('generate', 'b.generate.yml', 'generator runs', 'passed', 'drift')]),
  module('conformance', 't/x.ndjson', [reportedTest('conformance', 't/x.ndjson', 'rule a', 'failed', 'c'), reportedTest('conformance', 't/x.ndjson', 'rule b', 'skipped', 'c')]),
  module('generate', 'a.feature', [reportedTest('generate', 'a.feature', 'scenario', 'passed', 'bdd')]),
]

const input = (over: Partial<SummaryInput> = {}): SummaryInput => ({ modules, unhandledErrors: [], reason: 'failed', generatedAt: '2025-01-01T00:00:00.000Z', ...over })

const drift: SectionBuilder<{ targets: string[] }> = {
  section: 'generate',
  kinds: ['drift'],
  build: (tests) => ({ targets: tests.map((t) => t.file) }),
  markdown: () => '',
  files: (section) => [{ path: 'spec/generate-artifacts-diff.json', content: JSON.stringify(section) }],
}
const bdd: SectionBuilder<{ features: string[] }> = {
  section: 'generate',
  kinds: ['bdd'],
  build: (tests) => ({ features: tests.map((t) => t.file) }),
  markdown: () => '',
}
const never: SectionBuilder = { section: 'property', kinds: ['property'], build: () => undefined, markdown: () => '' }

describe('buildSummary', () => {
  test('orders projects and files by name whatever order the modules came in', () => {
    const a = buildSummary(input(), [drift, bdd])
    const b = buildSummary(input({ modules: [...modules].reverse() }), [drift, bdd])
    expect(JSON.stringify(a.summary)).toBe(JSON.stringify(b.summary))
    expect(a.summary.projects.map((p) => [p.name, p.files.map((f) => f.file)])).toEqual([
      ['conformance', ['t/x.ndjson']],
      ['generate', ['a.feature', 'b.generate.yml']],
    ])
  })

  test('merges builders that share a section key, and leaves out sections a builder declines', () => {
    const { summary, files } = buildSummary(input(), [drift, bdd, never])
    expect(summary.generate).toEqual({ targets: ['b.generate.yml'], features: ['a.feature'] })
    expect('property' in summary).toBe(false)
    expect(files).toEqual([{ path: 'spec/generate-artifacts-diff.json', content: '{"targets":["b.generate.yml"]}' }])
    expect(Object.keys(summary)).toEqual(['schema', 'generatedAt', 'status', 'totals', 'projects', 'generate', 'failures'])
  })

  test('counts totals per project and overall, and lists failures at their error line', () => {
    const { summary } = buildSummary(input(), [])
    expect(summary.totals).toEqual({ files: 3, tests: 4, passed: 2, failed: 1, skipped: 1, durationMs: 30 })
    expect(summary.projects[0]).toMatchObject({ name: 'conformance', status: 'failed', totals: { tests: 2, failed: 1, skipped: 1 } })
    expect(summary.failures).toEqual([{ project: 'conformance', file: 't/x.ndjson', line: 4, test: 't/x.ndjson > rule a', message: 'rule a broke' }])
  })

  test('a file that failed to load and an unhandled error fail the run even with no failed test', () => {
    const broken = [module('contract', 'c.json', [], [{ message: 'SyntaxError: bad JSON', line: 2 }])]
    const { summary } = buildSummary(input({ modules: broken, reason: 'passed', unhandledErrors: ['Error: boom'] }), [])
    expect(summary.status).toBe('failed')
    expect(summary.projects[0]!.files[0]!.status).toBe('failed')
    expect(summary.failures).toEqual([
      { project: 'contract', file: 'c.json', line: 2, test: null, message: 'SyntaxError: bad JSON' },
      { project: null, file: null, line: null, test: null, message: 'Error: boom' },
    ])
  })

  test('an interrupted run stays interrupted, failures or not', () => {
    expect(buildSummary(input({ reason: 'interrupted' }), []).summary.status).toBe('interrupted')
    const passing = modules.slice(0, 1)
    expect(buildSummary(input({ modules: passing, reason: 'passed' }), []).summary.status).toBe('passed')
  })

  test('refuses a builder that would overwrite a top-level field', () => {
    const bad: SectionBuilder = { section: 'totals', kinds: ['c'], build: () => ({}), markdown: () => '' }
    expect(() => buildSummary(input(), [bad])).toThrow(/reserved key "totals"/)
  })
})
