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
    expect(() => specCiProjects({ report: { adapterSumary: true } as never })).toThrow('specCi: report has unknown option "adapterSumary"; known options are dir, adapterSummary, cucumberMessages, dashboard, history')
    expect(() => new SpecCiReporter({ adapterSummary: 'yes' } as never)).toThrow("reporter 'vitest-spec-ci/reporter' options.adapterSummary is \"yes\"; expected true or false")
  })
})

describe('report.cucumberMessages', () => {
  test('defaults to <dir>/bdd/cucumber-messages.ndjson; a path inside the report directory moves it; false turns it off', () => {
    expect(resolveReportOptions({}, '/p', {}).cucumberMessages).toBe('/p/hermetic-reports/bdd/cucumber-messages.ndjson')
    expect(resolveReportOptions({ dir: 'out', cucumberMessages: 'cucumber/run.ndjson' }, '/p', {}).cucumberMessages).toBe('/p/out/cucumber/run.ndjson')
    expect(resolveReportOptions({ cucumberMessages: 'run.ndjson' }, '/p', { SPEC_CI_REPORT_DIR: '/ci' }).cucumberMessages).toBe('/ci/run.ndjson')
    expect(resolveReportOptions({ cucumberMessages: false }, '/p', {}).cucumberMessages).toBeUndefined()
  })

  test('a path leaving the report directory, or not a string, is refused at config time', () => {
    for (const bad of ['../messages.ndjson', '/tmp/messages.ndjson', 'bdd/../../x.ndjson', '', 'a\\b.ndjson'])
      expect(() => specCiProjects({ report: { cucumberMessages: bad } })).toThrow(`specCi: report.cucumberMessages is ${JSON.stringify(bad)}, which leaves the report directory`)
    expect(() => specCiProjects({ report: { cucumberMessages: true as never } })).toThrow('specCi: report.cucumberMessages is true; expected false or a path inside the report directory')
  })
})

describe('report.dashboard and report.history', () => {
  test('the dashboard is on with 20 runs of history by default; a number, a directory or both change that', () => {
    expect(resolveReportOptions({}, '/p', {}).dashboard).toEqual({ keep: 20, from: undefined })
    expect(resolveReportOptions({ dashboard: false }, '/p', {}).dashboard).toBeUndefined()
    expect(resolveReportOptions({ history: false }, '/p', {}).dashboard).toEqual({ keep: 0, from: undefined })
    expect(resolveReportOptions({ history: 5 }, '/p', {}).dashboard).toEqual({ keep: 5, from: undefined })
    expect(resolveReportOptions({ history: 'previous' }, '/p', {}).dashboard).toEqual({ keep: 20, from: '/p/previous' })
    expect(resolveReportOptions({ history: { keep: 0, from: '/ci/runs' } }, '/p', {}).dashboard).toEqual({ keep: 0, from: '/ci/runs' })
  })

  test('bad values are refused at config time, naming the option and what it takes', () => {
    expect(() => specCiProjects({ report: { dashboard: 'yes' as never } })).toThrow('specCi: report.dashboard is "yes"; expected true or false')
    expect(() => specCiProjects({ report: { history: -1 } })).toThrow('specCi: report.history is -1; expected a whole number of runs from 0 to 1000 (0 keeps no history.json)')
    expect(() => specCiProjects({ report: { history: { keep: 2.5 } } })).toThrow('specCi: report.history.keep is 2.5; expected a whole number of runs from 0 to 1000')
    expect(() => specCiProjects({ report: { history: { from: '' } } })).toThrow('specCi: report.history.from is ""; expected a directory of earlier summary.json files')
    expect(() => specCiProjects({ report: { history: { kept: 3 } as never } })).toThrow('specCi: report.history has unknown option "kept"; known options are keep, from')
    expect(() => specCiProjects({ report: { history: true as never } })).toThrow("specCi: report.history is true; expected false, a number of runs to keep (e.g. 20), a directory of earlier summary.json files, or { keep: 20, from: 'previous-reports' }")
  })
})
