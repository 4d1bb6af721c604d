// The reporter writes the BDD run as Cucumber Messages NDJSON (<report dir>/bdd/cucumber-messages.ndjson)
// when the run has feature tests: valid against the messages' JSON Schema, in Cucumber's order, moved or
// turned off by report.cucumberMessages, never written for a run without features.
import type { Envelope } from '@cucumber/messages'
import { describe, expect, test } from 'vitest'
import { schemaProblems } from '../cck/messages-schema.ts'
import path from 'node:path'
import { normaliseMessages } from '../cck/normalise-messages.ts'
import { runVitestCli } from './run-cli.ts'
import { runWithReport, tempDir } from './reporter-helpers.ts'

const envelopesOf = (ndjson: string) => ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Envelope)
const kindsOf = (envelopes: Envelope[]) => envelopes.map((e) => Object.keys(e)[0]!)

describe('Cucumber Messages in the report directory', () => {
  test('a run with feature tests writes them: every feature file, its parse errors or pickles, the test cases that ran, the outcome', async () => {
    const run = await runWithReport('generate-bdd-report', ['run'])
    expect(run.stdout).toMatch(/vitest-spec-ci: Cucumber Messages written to .*bdd\/cucumber-messages\.ndjson/)
    const ndjson = run.files['bdd/cucumber-messages.ndjson']!
    expect(ndjson).toBeDefined()
    expect(Object.keys(run.files).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(schemaProblems(ndjson)).toEqual([])
    const envelopes = envelopesOf(ndjson)
    const kinds = kindsOf(envelopes)
    expect(kinds[0]).toBe('meta')
    expect(envelopes[0]!.meta).toMatchObject({ protocolVersion: '34.2.1', implementation: { name: 'vitest-spec-ci' }, runtime: { name: 'Node.js', version: process.versions.node } })
    expect(envelopes.filter((e) => e.source).map((e) => e.source!.uri)).toEqual(['features/broken.feature', 'features/counter.feature'])
    expect(envelopes.filter((e) => e.parseError).map((e) => e.parseError!.source)).toEqual([{ uri: 'features/broken.feature', location: { line: 4, column: 3 } }])
    expect(envelopes.filter((e) => e.pickle).map((e) => e.pickle!.name)).toEqual(['counting up', 'an undefined step', 'later'])
    // The scenarios that ran have a test case (the @skip one has its pickle only); the undefined step's suggestion.
    const pickleName = new Map(envelopes.filter((e) => e.pickle).map((e) => [e.pickle!.id, e.pickle!.name]))
    expect(envelopes.filter((e) => e.testCase).map((e) => pickleName.get(e.testCase!.pickleId))).toEqual(['counting up', 'an undefined step'])
    expect(envelopes.filter((e) => e.testStepFinished).map((e) => e.testStepFinished!.testStepResult.status)).toEqual(['PASSED', 'PASSED', 'PASSED', 'PASSED', 'UNDEFINED'])
    expect(envelopes.filter((e) => e.suggestion)).toHaveLength(1)
    expect(envelopes.filter((e) => e.stepDefinition).map((e) => e.stepDefinition!.sourceReference.uri)).toEqual(['steps/counter.steps.ts', 'steps/counter.steps.ts', 'steps/counter.steps.ts', 'steps/counter.steps.ts'])
    // Static messages first, then the run, as Cucumber emits them.
    expect(kinds.indexOf('testRunStarted')).toBeGreaterThan(kinds.lastIndexOf('pickle'))
    expect(kinds[kinds.length - 1]).toBe('testRunFinished')
    expect(envelopes[kinds.length - 1]!.testRunFinished).toMatchObject({ success: false })
    // Ids are unique in the whole file.
    const ids = envelopes.flatMap((e) => {
      const id = (Object.values(e)[0] as { id?: unknown }).id
      return typeof id === 'string' ? [id] : []
    })
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('report.cucumberMessages moves the file inside the report directory, or turns it off', async () => {
    const moved = await runWithReport('generate-bdd-report', ['run', '--config', 'vitest.messages-moved.config.ts'])
    expect(Object.keys(moved.files).filter((f) => f.endsWith('.ndjson'))).toEqual(['cucumber/run.ndjson'])
    const off = await runWithReport('generate-bdd-report', ['run', '--config', 'vitest.messages-off.config.ts'])
    expect(Object.keys(off.files).filter((f) => f.endsWith('.ndjson'))).toEqual([])
    expect(off.stdout).not.toContain('Cucumber Messages')
  })

  test('--merge-reports of sharded runs writes the same messages as the unsharded run (the feature files parsed afresh)', async () => {
    const blobs = tempDir('messages-blobs')
    for (const shard of ['1/2', '2/2']) {
      const out = path.join(blobs, `blob-${shard.replace('/', '-of-')}.json`)
      await runVitestCli('generate-bdd-report', ['run', `--shard=${shard}`, '--reporter=blob', `--outputFile=${out}`], { SPEC_CI_REPORT_DIR: tempDir('messages-shard') })
    }
    const merged = await runWithReport('generate-bdd-report', [`--merge-reports=${blobs}`, '--reporter=vitest-spec-ci/reporter'])
    const unsharded = await runWithReport('generate-bdd-report', ['run'])
    expect(merged.files['bdd/cucumber-messages.ndjson']).toBeDefined()
    expect(normaliseMessages(merged.files['bdd/cucumber-messages.ndjson']!)).toEqual(normaliseMessages(unsharded.files['bdd/cucumber-messages.ndjson']!))
  })

  test("a step file that cannot be imported is the run's exception; hostile thrown values still give valid messages", async () => {
    const broken = await runWithReport('bdd-messages-broken-steps', ['run'])
    const envelopes = envelopesOf(broken.files['bdd/cucumber-messages.ndjson']!)
    expect(envelopes.filter((e) => e.testCase)).toEqual([])
    expect(envelopes[envelopes.length - 1]!.testRunFinished).toMatchObject({ success: false, exception: { type: 'Error', message: expect.stringContaining('the step file broke while loading') } })
    const hostile = await runWithReport('hostile-bdd', ['run'])
    const ndjson = hostile.files['bdd/cucumber-messages.ndjson']!
    expect(schemaProblems(ndjson)).toEqual([])
    const failed = envelopesOf(ndjson).filter((e) => e.testStepFinished?.testStepResult.status === 'FAILED')
    expect(failed.length).toBeGreaterThan(0)
    for (const e of failed) expect(e.testStepFinished!.testStepResult.message).toEqual(expect.any(String))
  })

  test("testRunFinished.success follows the run's strict mode: pending and undefined scenarios fail it only when strict", async () => {
    const lenient = await runWithReport('bdd-messages-lenient', ['run'])
    expect(lenient.code).toBe(0)
    const lenientEnvelopes = envelopesOf(lenient.files['bdd/cucumber-messages.ndjson']!)
    expect(lenientEnvelopes.filter((e) => e.testStepFinished).map((e) => e.testStepFinished!.testStepResult.status)).toEqual(['PASSED', 'PASSED', 'PENDING', 'PASSED', 'UNDEFINED'])
    expect(lenientEnvelopes[lenientEnvelopes.length - 1]!.testRunFinished).toMatchObject({ success: true })
    const strict = await runWithReport('bdd-messages-lenient', ['run', '--config', 'vitest.strict.config.ts'])
    expect(strict.code).toBe(1)
    const strictEnvelopes = envelopesOf(strict.files['bdd/cucumber-messages.ndjson']!)
    expect(strictEnvelopes[strictEnvelopes.length - 1]!.testRunFinished).toMatchObject({ success: false })
  })

  test('a run without feature tests writes none', async () => {
    const run = await runWithReport('reporter-basic', ['run'])
    expect(Object.keys(run.files).filter((f) => f.startsWith('bdd/'))).toEqual([])
  })
})
