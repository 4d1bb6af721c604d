import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import type { GenerateDriftSection } from '../../src/report/sections/generate-drift.ts'
import { hostileProject, processAlive, type HostileProject } from './hostile-run.ts'
import { runSpecCi, runVitestCli } from './run-cli.ts'
import { runFixture } from './run-fixture.ts'

const FIXTURE = 'hostile-drift'
const LINKS = 'manifests/links.generate.yml'
const SWAPS = 'manifests/swaps.generate.yml'
const HANGS = 'manifests/hangs.generate.yml'
const SLOW = 'manifests/slow.generate.yml'

const cleanup: Array<() => void> = []
afterEach(() => {
  for (const undo of cleanup.splice(0).reverse()) undo()
})
const tmp = (label: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), `spec-ci-hostile-drift-${label}-`))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
const project = (label: string): HostileProject => {
  const p = hostileProject(FIXTURE, label)
  cleanup.push(() => p.remove())
  // Vitest makes node_modules/ for its cache on its first run in a project: not the run's doing.
  mkdirSync(path.join(p.dir, 'node_modules'), { recursive: true })
  return p
}

/**
 * A copy of the fixture whose targets hold symbolic links leading into `outside` (a folder, a folder
 * deeper down, a file), plus look-alike copies there (same bytes and times) of the folders the
 * swapping generators replace with links, so that the swap does not show as a write.
 */
function linkedProject(label: string): HostileProject {
  const p = project(label)
  symlinkSync(p.outside, path.join(p.dir, 'targets/sub-link/sub'))
  symlinkSync(p.outside, path.join(p.dir, 'targets/deep-link/a/b/c'))
  symlinkSync(path.join(p.outside, 'keep.txt'), path.join(p.dir, 'targets/file-link/link.txt'))
  for (const [committed, copy] of [['targets/swapped', 'swapped'], ['targets/removal/sub', 'removal-sub']] as const) {
    cpSync(path.join(p.dir, committed), path.join(p.outside, copy), { recursive: true })
    for (const folder of [path.join(p.dir, committed), path.join(p.outside, copy)])
      for (const file of readdirSync(folder)) utimesSync(path.join(folder, file), 1_700_000_000, 1_700_000_000)
  }
  return p
}

const REFUSED =
  'update refused, nothing was written: these files lie behind a symbolic link inside the target, or are one (an update never writes through a link nor replaces one); replace each link with the real folder or file'

/** What each target of links and swaps must fail with, by `manifest:line target`. */
const LINK_FAILURES = {
  [`${LINKS}:2 targets/sub-link`]: `${REFUSED}\n  targets/sub-link/sub/victim.txt (through the symbolic link targets/sub-link/sub)`,
  [`${LINKS}:4 targets/deep-link`]: `${REFUSED}\n  targets/deep-link/a/b/c/d/new.txt (through the symbolic link targets/deep-link/a/b/c)`,
  [`${LINKS}:6 targets/file-link`]: `${REFUSED}\n  targets/file-link/link.txt (is a symbolic link; it is never replaced)`,
  [`${SWAPS}:2 targets/swapped`]: 'the committed target targets/swapped was changed while the generator ran: targets/swapped is now a symbolic link; a generator must write only into {out}',
  [`${SWAPS}:4 targets/removal`]: 'the generator changed files inside the committed target targets/removal; it must write only into {out}\n  targets/removal/sub/old.txt',
}

// The swapping generators change their own targets (that is the attack); nothing else may change.
const SWAPPED = ['targets/swapped', 'targets/removal']

describe('-u never writes, creates or removes through a symbolic link inside a target', () => {
  test('vitest run -u: each target with a link on the way fails "generator runs" at its line, naming the link; nothing outside changes', async () => {
    const p = linkedProject('links-u')
    const reports = tmp('links-u-reports')
    const result = await p.guard(() => runVitestCli(p.name, ['run', 'links', 'swaps', '-u'], { SPEC_CI_REPORT_DIR: reports, HOSTILE_OUTSIDE: p.outside }), {
      boundMs: 60_000,
      allowChanged: SWAPPED,
    })
    const output = result.stdout + result.stderr
    expect(result.code, output).toBe(1)
    const summary = JSON.parse(readFileSync(path.join(reports, 'spec-ci/summary.json'), 'utf8')) as { generate: GenerateDriftSection }
    expect(Object.fromEntries(summary.generate.targets.map((t) => [`${t.manifest}:${t.line} ${t.path}`, t.error]))).toEqual(LINK_FAILURES)
    for (const [where, message] of Object.entries(LINK_FAILURES)) {
      const [location, target] = where.split(' ') as [string, string]
      expect(output).toContain(`${target}: ${message}`)
      expect(output).toContain(`${location}:1`)
    }
    expect(output).toContain(
      'targets/sub-link: the generator adds files (A: produced but not committed, D: committed but no longer produced); vitest -u could not update (its update was refused; see "generator runs")\n  A targets/sub-link/sub/victim.txt',
    )
    expect(readdirSync(p.outside).sort()).toEqual(['keep.txt', 'removal-sub', 'swapped'])
  })

  test('spec-ci generate check --update: the same targets fail, each named with manifest:line; nothing outside changes', async () => {
    const p = linkedProject('links-cli')
    const result = await p.guard(() => runSpecCi(['generate', 'check', LINKS, SWAPS, '--update', '--out', tmp('links-cli-out')], { cwd: p.dir, env: { HOSTILE_OUTSIDE: p.outside } }), {
      boundMs: 60_000,
      allowChanged: SWAPPED,
    })
    expect(result.code, result.stdout + result.stderr).toBe(1)
    for (const [where, message] of Object.entries(LINK_FAILURES)) {
      const [location, target] = where.split(' ') as [string, string]
      const [first, ...rest] = message.split('\n')
      // The first line names the manifest and line; the files (A/M/D) and the reasons follow.
      expect(`\n${result.stdout}`).toContain(`\n${location}: ${target}: failed: ${first}\n`)
      expect(result.stdout).toContain(`${rest.join('\n')}\n`)
    }
  })
})

/** The pids a hanging generator wrote: the shell, and what it left behind. */
const pids = (file: string): number[] => readFileSync(file, 'utf8').trim().split(' ').map(Number)

/** Waits (generously) until `pid` is gone; an escaped process dies only on its next write to the closed pipe. */
async function gone(pid: number, boundMs = 20_000): Promise<boolean> {
  const until = Date.now() + boundMs
  while (processAlive(pid)) {
    if (Date.now() > until) return false
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return true
}

describe('a generator that leaves processes holding its stderr does not hang the run', () => {
  const expectGoneAfter = async (hangDir: string): Promise<void> => {
    const [jobShell, sleep] = pids(path.join(hangDir, 'job'))
    expect(processAlive(jobShell!), 'the background job’s shell').toBe(false)
    expect(processAlive(sleep!), 'the background job (sleep 100), killed with the group').toBe(false)
    const [shell, generator, escaped] = pids(path.join(hangDir, 'setsid'))
    cleanup.push(() => {
      if (processAlive(escaped!)) process.kill(escaped!, 'SIGKILL')
    })
    expect(processAlive(shell!) || processAlive(generator!), 'the generator and its shell').toBe(false)
    // Out of the group's reach: it is not waited for, and its pipe was closed, so its next write fails.
    expect(await gone(escaped!), 'the grandchild that escaped with setsid, after its next write to the closed pipe').toBe(true)
  }

  test('through Vitest: both targets pass as soon as the generator exits; the background job is killed', async () => {
    const p = project('hangs-vitest')
    const hangDir = tmp('hangs-vitest')
    process.env.HANG_DIR = hangDir
    cleanup.push(() => delete process.env.HANG_DIR)
    const run = await p.guard(() => runFixture(p.name, { filters: ['hangs'] }), { boundMs: 40_000 })
    const generatorRuns = run.cases.filter((c) => c.file === HANGS && c.name.endsWith('> generator runs'))
    expect(generatorRuns.map((c) => [c.location?.line, c.state, c.errors[0]?.message])).toEqual([
      [2, 'passed', undefined],
      [5, 'passed', undefined],
    ])
    expect(run.cases.filter((c) => c.file === HANGS).every((c) => c.state === 'passed')).toBe(true)
    await expectGoneAfter(hangDir)
  })

  test('through spec-ci generate check: the run ends, exit 0', async () => {
    const p = project('hangs-cli')
    const hangDir = tmp('hangs-cli')
    const result = await p.guard(() => runSpecCi(['generate', 'check', HANGS, '--out', tmp('hangs-cli-out')], { cwd: p.dir, env: { HANG_DIR: hangDir } }), { boundMs: 40_000 })
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['targets/clean: up to date', 'targets/clean: up to date'])
    expect(result.code, result.stdout + result.stderr).toBe(0)
    await expectGoneAfter(hangDir)
  })
})

describe("a target's own timeout decides, not Vitest's 5 s default", () => {
  test('a generator slower than its 6 s timeout fails "generator runs" with our message at the target line', async () => {
    const p = project('slow')
    const run = await p.guard(() => runFixture(p.name, { filters: ['slow'] }), { boundMs: 60_000 })
    const failed = run.get(SLOW, 'targets/clean > generator runs')
    expect([failed.state, failed.errors[0]?.file, failed.errors[0]?.line]).toEqual(['failed', SLOW, 2])
    expect(failed.errors[0]?.message).toMatch(/^targets\/clean: generator did not finish within 6000 ms \(timeout\); its process group was killed\n {2}command: node gen\/sleep\.mjs 7/)
  })
})

describe('names from the generator are printed escaped', () => {
  test('spec-ci generate check: a generated file named with a line break and a workflow command prints on one line', async () => {
    const p = project('escaped-names')
    p.write('gen/odd-name.mjs', "import { writeFileSync } from 'node:fs'\nwriteFileSync(process.argv[2] + '/a.txt', 'a\\n')\nwriteFileSync(process.argv[2] + '/x\\n::error::injected', 'x\\n')\n")
    p.write('manifests/odd.generate.yml', 'targets:\n  - path: targets/clean\n    run: node gen/odd-name.mjs {out}\n')
    const out = path.join(p.dir, 'hermetic-reports/spec')
    const r = await p.guard(() => runSpecCi(['generate', 'check', 'manifests/odd.generate.yml', '--out', out], { cwd: p.dir }), { boundMs: 60_000 })
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toContain('  A targets/clean/x\\n::error::injected\n')
    // No line of the output starts a workflow command.
    expect((r.stdout + r.stderr).split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([])
  })
})
