import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { createVitest, type Vitest } from 'vitest/node'
import { SHARD_NOTICE } from '../../plugin/reporter/shard-notice.ts'
import { SPEC_CI_REPORTER } from '../../plugin/reporter/spec-ci-reporter.ts'
import { MODULE_WARMUP } from '../../plugin/warm-test-modules.ts'
import { fixturesDir } from './run-fixture.ts'

/**
 * How the summary reporter joins a run, seen on real Vitest instances (config loaded, plugins'
 * configureVitest hooks run) over a fixture with two spec projects.
 */
const root = path.join(fixturesDir, 'reporter-registration')
const open: Vitest[] = []
afterEach(async () => {
  for (const vitest of open.splice(0)) await vitest.close()
  delete process.env.REGISTRATION_REPORT
})

async function vitestWith(options: Parameters<typeof createVitest>[1]): Promise<Vitest> {
  const vitest = await createVitest('test', { root, watch: false, ...options })
  open.push(vitest)
  return vitest
}

/** The conformance project's listener that transforms trace modules ahead of the worker (warm-test-modules.ts). */
const isWarmup = (r: unknown) => typeof r === 'object' && r !== null && MODULE_WARMUP in r
/** The run's resolved reporter list (what Vitest instantiates next) but the warm-up listener. */
const reporters = (vitest: Vitest) => vitest.config.reporters.filter((r) => !isWarmup(r))
/** Their names, and `spec-ci` for our instance. */
const names = (vitest: Vitest) =>
  reporters(vitest).map((r) => (Array.isArray(r) ? r[0] : typeof r === 'object' && r !== null && SPEC_CI_REPORTER in r ? 'spec-ci' : typeof r === 'object' && r !== null && SHARD_NOTICE in r ? 'shard-notice' : String(r)))

describe('the summary reporter joins the run’s own reporters', () => {
  test('once beside the configured reporters, although both spec projects carry the plugin', async () => {
    const vitest = await vitestWith({ reporters: ['default', ['junit', { outputFile: path.join(root, 'hermetic-reports/j.xml') }]] })
    expect(names(vitest)).toEqual(['default', 'junit', 'spec-ci'])
  })

  test('a reporter named on the command line is not doubled, and gets the config’s options under its own', async () => {
    const vitest = await vitestWith({ reporters: [['vitest-spec-ci/reporter', { adapterSummary: false }]] })
    expect(reporters(vitest)).toEqual([['vitest-spec-ci/reporter', { dir: 'from-config', adapterSummary: false }]])
    expect(names(vitest)).toEqual(['vitest-spec-ci/reporter'])
  })

  test('an instance made elsewhere (another copy of the package) counts as ours', async () => {
    const foreign = { [SPEC_CI_REPORTER]: true, onInit() {} }
    const vitest = await vitestWith({ reporters: [foreign as never] })
    expect(reporters(vitest)).toEqual([foreign])
  })

  test('a shard run gets no summary reporter (the merge writes it), only the notice that says so', async () => {
    const vitest = await vitestWith({ reporters: ['default'], shard: '1/2' })
    expect(names(vitest)).toEqual(['default', 'shard-notice'])
  })

  test('the conformance project adds one silent run-start listener, with or without the summary', async () => {
    const vitest = await vitestWith({ reporters: ['default'] })
    expect(vitest.config.reporters.filter(isWarmup)).toHaveLength(1)
    process.env.REGISTRATION_REPORT = 'off'
    const unreported = await vitestWith({ reporters: ['default'] })
    expect(unreported.config.reporters.filter(isWarmup)).toHaveLength(1)
  })

  test('report: false leaves it out', async () => {
    process.env.REGISTRATION_REPORT = 'off'
    const vitest = await vitestWith({ reporters: ['default'] })
    expect(names(vitest)).toEqual(['default'])
  })
})
