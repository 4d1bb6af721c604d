import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestContext } from 'vitest'
import { compareTrees, type FileDrift, type TreeComparison } from '../src/drift/compare-trees.ts'
import type { DriftTarget } from '../src/drift/manifest.ts'
import { listTree } from '../src/drift/read-tree.ts'
import { runGenerator, type GeneratorRun } from '../src/drift/run-generator.ts'
import { resolveTargetPath } from '../src/drift/target-path.ts'
import type { DriftTargetMeta } from '../src/drift/test-meta.ts'
import { updateTarget, type TargetUpdate } from '../src/drift/update-target.ts'
import { locatedError } from './located-error.ts'

export interface DriftTargetConfig {
  root: string
  /** Absolute path of the manifest, and as shown (relative to the root). */
  manifest: string
  displayManifest: string
  target: DriftTarget
  maxReportedFiles: number
}

interface Outcome {
  generator?: GeneratorRun
  comparison?: TreeComparison
  updated?: TargetUpdate
  error?: string
}

type SpecCiTask = { meta: Record<string, unknown> }

const toPosix = (p: string): string => p.split(path.sep).join('/')

/**
 * Whether this run is `vitest -u` (or `u` pressed in watch mode). Vitest has no public API for it in
 * the worker; the worker state's snapshot options are what its own snapshot code reads.
 */
function updating(): boolean {
  const state = (globalThis as { __vitest_worker__?: { config?: { snapshotOptions?: { updateSnapshot?: string } } } }).__vitest_worker__
  return state?.config?.snapshotOptions?.updateSnapshot === 'all'
}

/** A cheap fingerprint of the committed tree: a generator must not write there while it runs. */
async function fingerprint(dir: string, exclude: readonly string[]): Promise<string> {
  const files = await listTree(dir, exclude)
  const parts = await Promise.all(files.map(async (f) => {
    const s = await stat(path.join(dir, f))
    return `${f}:${s.size}:${s.mtimeMs}`
  }))
  return parts.join('\n')
}

function describeGeneratorFailure(run: GeneratorRun, target: DriftTarget): string {
  const timeoutMs = target.timeoutMs
  const how = run.spawnError
    ? `could not be started: ${run.spawnError}`
    : run.timedOut
      ? `did not finish within ${timeoutMs} ms (timeout); its process group was killed`
      : run.signal
        ? `was killed by ${run.signal}`
        : `exited with code ${run.exitCode}`
  // The manifest's own words, not the temporary path: the same failure gives the same message.
  return `generator ${how}\n  command: ${target.run}${run.stderrTail ? `\n  stderr (last lines):\n${run.stderrTail.split('\n').map((l) => `    ${l}`).join('\n')}` : ''}`
}

/** The tests of one drift target; the generator runs once, the first test that needs it starts it. */
export function driftTarget(config: DriftTargetConfig) {
  const { target, root } = config
  const where = (message: string, name: string): Error => locatedError('DriftError', message, name, config.manifest, target.line)
  const rootRel = (file: string): string => toPosix(path.join(target.path, file))
  let pending: Promise<Outcome> | undefined

  async function prepare(): Promise<Outcome> {
    const resolved = resolveTargetPath(root, target.path)
    if (!resolved.ok) return { error: resolved.message }
    const outDir = await mkdtemp(path.join(tmpdir(), 'spec-ci-generate-'))
    try {
      const before = await fingerprint(resolved.dir, target.exclude)
      const generator = await runGenerator(target.run, { cwd: root, outDir, timeoutMs: target.timeoutMs })
      if (generator.spawnError || generator.timedOut || generator.exitCode !== 0) return { generator, error: describeGeneratorFailure(generator, target) }
      if ((await fingerprint(resolved.dir, target.exclude)) !== before)
        return { generator, error: `the generator changed files inside the committed target ${target.path}; it must write only into {out}` }
      const comparison = await compareTrees(resolved.dir, outDir, { exclude: target.exclude, ignorePaths: target.ignorePaths })
      const updated = updating() && comparison.changes.length > 0 ? await updateTarget(resolved.dir, outDir, comparison.changes) : undefined
      return { generator, comparison, ...(updated ? { updated } : {}) }
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  }

  const outcome = (): Promise<Outcome> => (pending ??= prepare())

  function meta(o: Outcome): DriftTargetMeta {
    const changes = o.comparison?.changes ?? []
    return {
      kind: 'generate-target',
      manifest: config.displayManifest,
      path: target.path,
      line: target.line,
      hasChanges: changes.length > 0,
      files: changes.slice(0, config.maxReportedFiles).map((c) => ({ status: c.status, file: rootRel(c.file) })),
      truncated: Math.max(0, changes.length - config.maxReportedFiles),
      diffstat: o.comparison?.diffstatText ?? '',
      insertions: o.comparison?.diffstat.insertions ?? 0,
      deletions: o.comparison?.diffstat.deletions ?? 0,
      generator: o.generator ? { exitCode: o.generator.exitCode, signal: o.generator.signal, timedOut: o.generator.timedOut } : null,
      ...(o.updated ? { updated: { written: o.updated.written.map(rootRel), deleted: o.updated.deleted.map(rootRel) } } : {}),
      ...(o.error ? { error: o.error } : {}),
    }
  }

  return {
    async generatorRuns(context: TestContext): Promise<void> {
      const o = await outcome()
      ;(context.task as unknown as SpecCiTask).meta.specCi = meta(o)
      if (o.error) throw where(`${target.path}: ${o.error}`, 'generator runs')
      if (o.updated) context.annotate(`vitest -u updated ${target.path}: ${o.updated.written.length} written, ${o.updated.deleted.length} removed`, 'notice')
    },

    async fileUpToDate(context: TestContext, file: string): Promise<void> {
      const o = await outcome()
      if (!o.comparison) return context.skip(`the target could not be compared: ${o.error ?? 'no comparison'}`)
      const change: FileDrift | undefined = o.comparison.changes.find((c) => c.file === file)
      if (!change) return
      const shown = rootRel(file)
      if (o.updated) return void context.annotate(`${shown} ${change.status === 'D' ? 'removed' : 'rewritten'} by vitest -u`, 'notice')
      if (change.status === 'D') throw where(`${shown} is committed but the generator no longer produces it (D); run vitest -u to remove it`, `${shown} is up to date`)
      if (change.status === 'A') throw where(`${shown} is not committed any more but the generator produces it (A); run vitest -u to write it`, `${shown} is up to date`)
      const error = where(
        `${shown} differs from what the generator produces now (compared normalised${change.note ? `; ${change.note}` : ''}); run vitest -u to update it`,
        `${shown} is up to date`,
      )
      // expected = committed, actual = generated: Vitest shows the diff as it does for a snapshot.
      Object.assign(error, { expected: change.expected, actual: change.actual, showDiff: true })
      throw error
    },

    async noFilesAddedOrRemoved(context: TestContext): Promise<void> {
      const o = await outcome()
      if (!o.comparison) return context.skip(`the target could not be compared: ${o.error ?? 'no comparison'}`)
      const addedOrRemoved = o.comparison.changes.filter((c) => c.status !== 'M')
      if (addedOrRemoved.length === 0) return
      if (o.updated) return void context.annotate(`vitest -u wrote ${addedOrRemoved.filter((c) => c.status === 'A').length} and removed ${addedOrRemoved.filter((c) => c.status === 'D').length} files`, 'notice')
      const list = addedOrRemoved.map((c) => `  ${c.status} ${rootRel(c.file)}`)
      const shown = list.length > 50 ? [...list.slice(0, 50), `  … ${list.length - 50} more`] : list
      throw where(
        `${target.path}: the generator ${addedOrRemoved.some((c) => c.status === 'A') ? 'adds' : 'removes'} files (A: produced but not committed, D: committed but no longer produced); run vitest -u to update\n${shown.join('\n')}`,
        'no files added or removed',
      )
    },
  }
}

/** A target entry or a whole manifest that cannot be used: one failing test at its line. */
export function driftProblem(context: TestContext, manifest: string, displayManifest: string, line: number, message: string): never {
  ;(context.task as unknown as SpecCiTask).meta.specCi = { kind: 'generate-manifest-error', manifest: displayManifest, line, message }
  throw locatedError('DriftManifestError', `${displayManifest}:${line}: ${message}`, 'manifest', manifest, line)
}
