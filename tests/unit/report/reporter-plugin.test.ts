import { describe, expect, test } from 'vitest'
import { specCiProjects } from '../../../plugin/projects.ts'
import { resolveReportOptions } from '../../../plugin/reporter/resolve-report-options.ts'
import { SpecCiReporter } from '../../../plugin/reporter/spec-ci-reporter.ts'

const pluginNames = (options: Parameters<typeof specCiProjects>[0]) =>
  specCiProjects(options).map((p) => (p.plugins as Array<{ name: string }>).map((pl) => pl.name))

describe('registering the reporter', () => {
  test('every spec project carries the reporter plugin, unless report is false', () => {
    const conformance = { traces: ['t/**/*.ndjson'] }
    expect(pluginNames({ conformance })).toEqual([['vitest-spec-ci:conformance', 'vitest-spec-ci:reporter']])
    expect(pluginNames({ conformance, report: false })).toEqual([['vitest-spec-ci:conformance']])
  })
  // How the reporter joins real runs: tests/integration/reporter-registration.test.ts
})

describe('report options', () => {
  test('SPEC_CI_REPORT_DIR overrides report.dir, which overrides hermetic-reports; relative to the root', () => {
    expect(resolveReportOptions({}, '/p', {}).dir).toBe('/p/hermetic-reports')
    expect(resolveReportOptions({ dir: 'out' }, '/p', {}).dir).toBe('/p/out')
    expect(resolveReportOptions({ dir: 'out' }, '/p', { SPEC_CI_REPORT_DIR: '/abs/ci' }).dir).toBe('/abs/ci')
  })

  test('a bad option is an error naming it and what was expected', () => {
    expect(() => specCiProjects({ report: { dir: '' } })).toThrow('specCi: report.dir is ""; expected a non-empty directory path relative to the project root')
    expect(() => specCiProjects({ report: { adapterSumary: true } as never })).toThrow('specCi: report has unknown option "adapterSumary"; known options are dir, adapterSummary')
    expect(() => new SpecCiReporter({ adapterSummary: 'yes' } as never)).toThrow("reporter 'vitest-spec-ci/reporter' options.adapterSummary is \"yes\"; expected true or false")
  })
})
