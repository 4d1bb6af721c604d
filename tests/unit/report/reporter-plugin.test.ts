import type { Vitest } from 'vitest/node'
import { describe, expect, test } from 'vitest'
import { specCiProjects } from '../../../plugin/projects.ts'
import { registerReporter } from '../../../plugin/reporter/reporter-plugin.ts'
import { resolveReportOptions } from '../../../plugin/reporter/resolve-report-options.ts'
import { SPEC_CI_REPORTER, SpecCiReporter } from '../../../plugin/reporter/spec-ci-reporter.ts'

function fakeVitest(reporters: unknown[], shard?: { index: number; count: number }): Vitest {
  return { config: { reporters, shard } } as unknown as Vitest
}

const pluginNames = (options: Parameters<typeof specCiProjects>[0]) =>
  specCiProjects(options).map((p) => (p.plugins as Array<{ name: string }>).map((pl) => pl.name))

describe('registering the reporter', () => {
  test('every spec project carries the reporter plugin, unless report is false', () => {
    const conformance = { traces: ['t/**/*.ndjson'] }
    expect(pluginNames({ conformance })).toEqual([['vitest-spec-ci:conformance', 'vitest-spec-ci:reporter']])
    expect(pluginNames({ conformance, report: false })).toEqual([['vitest-spec-ci:conformance']])
  })

  test('adds one reporter beside the run’s own, once per Vitest instance', () => {
    const reporters: unknown[] = [['default', {}], ['junit', { outputFile: 'j.xml' }]]
    const vitest = fakeVitest(reporters)
    registerReporter(vitest, { dir: 'out' })
    registerReporter(vitest, { dir: 'out' })
    expect(reporters).toHaveLength(3)
    expect(reporters.slice(0, 2)).toEqual([['default', {}], ['junit', { outputFile: 'j.xml' }]])
    expect(reporters[2]).toBeInstanceOf(SpecCiReporter)
  })

  test('a reporter named on the command line is not doubled, and gets the config’s options under its own', () => {
    const named: [string, object] = ['vitest-spec-ci/reporter', { adapterSummary: false }]
    const reporters: unknown[] = [named]
    registerReporter(fakeVitest(reporters), { dir: 'from-config', adapterSummary: true })
    expect(reporters).toEqual([['vitest-spec-ci/reporter', { dir: 'from-config', adapterSummary: false }]])
  })

  test('an instance made elsewhere (another copy of the package) counts as ours', () => {
    const reporters: unknown[] = [{ [SPEC_CI_REPORTER]: true }]
    registerReporter(fakeVitest(reporters), {})
    expect(reporters).toHaveLength(1)
  })

  test('a shard run gets no summary reporter: the merge writes it', () => {
    const reporters: unknown[] = [['blob', {}]]
    registerReporter(fakeVitest(reporters, { index: 1, count: 2 }), {})
    expect(reporters).toEqual([['blob', {}]])
  })
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
