import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Summary } from '../../src/report/summary-types.ts'
import { readWorkflow, substitute, type Job, type Step } from '../workflows/read-workflow.ts'
import { expectValidSummary, tempDir } from './reporter-helpers.ts'
import { repoRoot, runBash, type CliResult } from './run-cli.ts'
import { fixturesDir } from './run-fixture.ts'

/**
 * docs/workflows/spec-ci.yml run as GitHub would run it, job by job, against a consumer project
 * (tests/fixtures/consumer-workflow: a package.json without scripts, vitest and vitest-spec-ci in
 * node_modules): each job in a fresh copy (its own machine), the `run:` steps taken from the YAML with
 * the matrix substituted and executed with bash, artifacts carried between the copies as
 * upload/download-artifact would, and the github-script step run against a fake GitHub API.
 * The install step is not run: it needs the network; the packages are linked instead.
 */
const { workflow } = readWorkflow('docs/workflows/spec-ci.yml')
const shardJob = workflow.jobs.shard!
const reportJob = workflow.jobs.report!
const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

// Every job checks out to the same path, as on GitHub's runners (blob reports hold absolute paths).
const workspace = mkdtempSync(path.join(fixturesDir, '.tmp-consumer-'))
made.push(workspace)

/** A fresh checkout of the consumer with its dependencies installed (linked to this repository's). */
function checkout(): string {
  const dir = workspace
  rmSync(dir, { recursive: true, force: true })
  cpSync(path.join(fixturesDir, 'consumer-workflow'), dir, { recursive: true })
  mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true })
  symlinkSync(repoRoot, path.join(dir, 'node_modules/vitest-spec-ci'), 'dir')
  symlinkSync(path.dirname(createRequire(path.join(repoRoot, 'package.json')).resolve('vitest/package.json')), path.join(dir, 'node_modules/vitest'), 'dir')
  symlinkSync('../vitest/vitest.mjs', path.join(dir, 'node_modules/.bin/vitest'))
  return dir
}

const runSteps = (job: Job) => job.steps.filter((s) => s.run && s.name !== 'Install dependencies')

/** One `run:` step: expressions substituted, the workflow's and the step's env set, as `bash -e`. */
function runStep(step: Step, cwd: string, expressions: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const env = { ...workflow.env, ...step.env }
  const values = { ...expressions, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [`env.${k}`, v])) }
  const resolvedEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, substitute(v, values)]))
  return runBash(substitute(step.run!, values), { cwd, env: { CI: 'true', ...resolvedEnv, ...extraEnv } })
}

const shards = shardJob.strategy!.matrix.shard!.map(String)
const shardRuns: CliResult[] = []
let report: string
let mergeRun: CliResult
let stepSummary: string
let outputs: string
beforeAll(async () => {
  const artifacts: string[] = []
  for (const shard of shards) {
    const dir = checkout()
    for (const step of runSteps(shardJob)) shardRuns.push(await runStep(step, dir, { 'matrix.shard': shard, 'strategy.job-total': String(shards.length) }))
    // upload-artifact: the blob folder leaves the machine.
    const artifact = tempDir(`consumer-blob-${shard}`)
    cpSync(path.join(dir, '.vitest-reports'), artifact, { recursive: true })
    artifacts.push(artifact)
  }
  report = checkout()
  // download-artifact with merge-multiple: every blob in one folder.
  for (const artifact of artifacts) cpSync(artifact, path.join(report, '.vitest-reports'), { recursive: true })
  const github = tempDir('consumer-github')
  stepSummary = path.join(github, 'step-summary.md')
  outputs = path.join(github, 'output')
  writeFileSync(stepSummary, '')
  writeFileSync(outputs, '')
  const [merge] = runSteps(reportJob)
  mergeRun = await runStep(merge!, report, {}, { GITHUB_STEP_SUMMARY: stepSummary, GITHUB_OUTPUT: outputs })
})

describe('docs/workflows/spec-ci.yml against a consumer project', () => {
  test('each shard job runs its slice of the spec projects, writes a blob and no summary, and says so', () => {
    expect(shardRuns).toHaveLength(shards.length)
    shardRuns.forEach((r, i) => {
      // A shard holding the invalid trace fails its job, as it should; none crashes.
      expect([0, 1], r.stdout + r.stderr).toContain(r.code)
      expect(r.stdout).toContain(`vitest-spec-ci: shard ${i + 1}/${shards.length}: no summary written; merge the blob reports with --merge-reports --reporter=vitest-spec-ci/reporter`)
    })
    expect(shardRuns.some((r) => r.code === 1)).toBe(true)
    const blobs = readdirSync(path.join(report, '.vitest-reports')).sort()
    expect(blobs).toEqual(shards.map((s) => `blob-${s}.json`))
  })

  test('the merge step writes one valid summary of every spec file, fails the step for the failing spec, and prints where', () => {
    expect(mergeRun.code, mergeRun.stdout + mergeRun.stderr).toBe(1)
    const dir = path.join(report, workflow.env!.SPEC_CI_REPORT_DIR!)
    const summary = JSON.parse(readFileSync(path.join(dir, 'spec-ci/summary.json'), 'utf8')) as Summary
    expectValidSummary(summary)
    expect(summary.status).toBe('failed')
    // Only the spec projects: the consumer's own test is left to its other jobs.
    expect(summary.projects.map((p) => p.name)).toEqual(['conformance'])
    expect(summary.projects[0]!.files.map((f) => [f.file, f.status])).toEqual([
      ['traces/orders.ndjson', 'passed'],
      ['traces/payments.ndjson', 'passed'],
      ['traces/refunds.ndjson', 'failed'],
    ])
    expect(existsSync(path.join(dir, 'trace/refunds-validation.json'))).toBe(true)
    expect(mergeRun.stdout).toContain('vitest-spec-ci: summary (failed) written to hermetic-reports/spec-ci/summary.json')
  })

  test('the step summary gets summary.md with the marker, and the job outputs are set', () => {
    const markdown = readFileSync(path.join(report, 'hermetic-reports/spec-ci/summary.md'), 'utf8')
    expect(markdown.startsWith('<!-- vitest-spec-ci -->')).toBe(true)
    expect(readFileSync(stepSummary, 'utf8')).toBe(`${markdown}\n`)
    const lines = readFileSync(outputs, 'utf8').split('\n')
    const { totals } = JSON.parse(readFileSync(path.join(report, 'hermetic-reports/spec-ci/summary.json'), 'utf8')) as Summary
    expect(totals.failed).toBeGreaterThan(0)
    expect(lines).toEqual(expect.arrayContaining(['status=failed', `failed=${totals.failed}`, `tests=${totals.tests}`]))
    for (const name of Object.keys(reportJob.outputs ?? {})) expect(lines.some((l) => l.startsWith(`${name}=`)), name).toBe(true)
  })

  test('the comment step creates one PR comment with the marker, then updates that one instead of adding another', async () => {
    const step = reportJob.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!
    const summaryMd = substitute(step.env!.SUMMARY_MD!, { 'env.SPEC_CI_REPORT_DIR': workflow.env!.SPEC_CI_REPORT_DIR! })
    const comments: Array<{ id: number; body: string; user: { type: string } }> = [
      { id: 1, body: 'a person’s comment mentioning <!-- vitest-spec-ci --> later', user: { type: 'User' } },
      ...Array.from({ length: 150 }, (_, i) => ({ id: 10 + i, body: `noise ${i}`, user: { type: 'Bot' } })),
    ]
    const calls: string[] = []
    const listComments = Symbol('listComments')
    const github = {
      rest: {
        issues: {
          listComments,
          createComment: async ({ body }: { body: string }) => {
            calls.push('create')
            comments.push({ id: 999, body, user: { type: 'Bot' } })
          },
          updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
            calls.push(`update ${comment_id}`)
            comments.find((c) => c.id === comment_id)!.body = body
          },
        },
      },
      // Every page, as github.paginate returns them.
      paginate: async (method: symbol) => (method === listComments ? [...comments] : []),
    }
    const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } }
    const core = { warning: (m: string) => calls.push(`warning ${m}`) }
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>
    const script = new AsyncFunction('require', 'github', 'context', 'core', 'process', String(step.with!.script))
    const env = { env: { SUMMARY_MD: path.join(report, summaryMd) } }
    await script(createRequire(import.meta.url), github, context, core, env)
    await script(createRequire(import.meta.url), github, context, core, env)
    expect(calls).toEqual(['create', 'update 999'])
    const mine = comments.filter((c) => c.body.startsWith('<!-- vitest-spec-ci -->'))
    expect(mine).toHaveLength(1)
    expect(mine[0]!.body).toBe(readFileSync(path.join(report, summaryMd), 'utf8'))
    await script(createRequire(import.meta.url), github, context, core, { env: { SUMMARY_MD: path.join(report, 'missing.md') } })
    expect(calls.at(-1)).toMatch(/^warning no .*missing\.md: the merge wrote no summary$/)
  })
})
