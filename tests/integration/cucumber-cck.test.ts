// The Cucumber Compatibility Kit through real Vitest: each sample's feature files run with its step file
// (ported from cucumber-js by changing only imports and API names, tests/fixtures/cck/samples/), and
// the run must give, first, the sample's statuses (per pickle, per attempt, per test step, and the
// scenario test's Vitest state), then the sample's Cucumber Messages (the expected NDJSON; ids,
// timestamps, durations, stack traces and meta's machine fields aside). A sample that does not match is
// listed below with the reason; the test fails when a listed difference disappears or a new one appears.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import type { ScenarioRunRecord } from '../../src/bdd/run-record.ts'
import type { FeatureFileMeta } from '../../src/bdd/test-meta.ts'
import { normaliseMessages } from '../cck/normalise-messages.ts'
import { KNOWN_DIFFERENCES } from '../cck/known-differences.ts'
import { cckSamples, expectedNdjson } from '../cck/samples.ts'
import { statusesFromMessages, statusesFromRecords, vitestStateOf, type RunStatuses } from '../cck/statuses.ts'
import { tempDir } from './reporter-helpers.ts'
import { runFixture } from './run-fixture.ts'

interface SampleRun {
  statuses: { ours: RunStatuses; expected: RunStatuses; states: Record<string, string>; expectedStates: Record<string, string> }
  messages: { ours: unknown[]; expected: unknown[] }
}

const savedEnv = { CCK_SAMPLE: process.env.CCK_SAMPLE, SPEC_CI_REPORT_DIR: process.env.SPEC_CI_REPORT_DIR }
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

async function runSample(sample: string): Promise<SampleRun> {
  const dir = tempDir(`cck-${sample}`)
  process.env.CCK_SAMPLE = sample
  process.env.SPEC_CI_REPORT_DIR = dir
  let cases: Awaited<ReturnType<typeof runFixture>>['cases'] = []
  // Files whose BeforeAll failed: Cucumber runs none of their scenarios (the harness records each as one
  // failed attempt without steps, and the Vitest test fails).
  const blocked = new Set<string>()
  try {
    const run = await runFixture('cck')
    cases = run.cases
    for (const module of run.modules) {
      const file = (module.meta() as { specCiFeatureFile?: FeatureFileMeta }).specCiFeatureFile
      const beforeAll = new Set(file?.registry.hooks.filter((h) => h.type === 'BEFORE_TEST_RUN').map((h) => h.id))
      if (file?.testRunHooks.some((h) => beforeAll.has(h.hookId) && h.result.status !== 'PASSED')) blocked.add(file.file)
    }
  } catch (error) {
    // A sample with no feature file Vitest runs (markdown): nothing ran, nothing was written.
    if (!String(error).includes('No test files found')) throw error
  }
  // A scenario with a run record that never started (its BeforeAll failed) did not run, as in Cucumber.
  const scenarios = cases.flatMap((c) => {
    const meta = (c.meta as { specCi?: { kind?: string; file?: string; line?: number; run?: ScenarioRunRecord } }).specCi
    return meta?.kind === 'generate-feature' && meta.run && meta.run.attempts.length > 0 && !blocked.has(meta.file!) ? [{ file: meta.file!, line: meta.line!, run: meta.run, state: c.state }] : []
  })
  const text = expectedNdjson(sample)
  const expected = statusesFromMessages(text)
  const states = Object.fromEntries(scenarios.map((s) => [`${s.file}:${s.line}`, s.state]))
  const expectedStates = Object.fromEntries(Object.entries(expected).map(([key, attempts]) => [key, vitestStateOf(attempts[attempts.length - 1] ?? [])]))
  let ours: string
  try {
    ours = readFileSync(path.join(dir, 'bdd/cucumber-messages.ndjson'), 'utf8')
  } catch {
    ours = ''
  }
  return {
    statuses: { ours: statusesFromRecords(scenarios), expected, states, expectedStates },
    messages: { ours: normaliseMessages(ours), expected: normaliseMessages(text) },
  }
}

const matches = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

describe('the Cucumber Compatibility Kit through Vitest', () => {
  test('every listed difference names a sample', () => {
    expect(Object.keys(KNOWN_DIFFERENCES).filter((name) => !cckSamples.includes(name))).toEqual([])
  })

  for (const sample of cckSamples) {
    const known = KNOWN_DIFFERENCES[sample] ?? {}
    test(sample, async () => {
      const { statuses, messages } = await runSample(sample)
      if (known.statuses) {
        expect(matches(statuses.ours, statuses.expected) && matches(statuses.states, statuses.expectedStates), `${sample}'s statuses now match: remove the listed difference`).toBe(false)
      } else {
        expect(statuses.ours).toEqual(statuses.expected)
        expect(statuses.states).toEqual(statuses.expectedStates)
      }
      if (known.messages) expect(matches(messages.ours, messages.expected), `${sample}'s messages now match: remove the listed difference`).toBe(false)
      else expect(messages.ours).toEqual(messages.expected)
    })
  }
})
