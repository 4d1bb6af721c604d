import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { compareTrees, type TreeComparison } from './compare-trees.ts'
import type { DriftTarget } from './manifest.ts'
import { listTree } from './read-tree.ts'
import { runGenerator, type GeneratorRun } from './run-generator.ts'
import { resolveTargetPath } from './target-path.ts'
import type { DriftTargetMeta } from './test-meta.ts'
import { updateTarget, type TargetUpdate } from './update-target.ts'

/** What checking one target found: the generator's run, the comparison, what `update` changed, or why it could not compare. */
export interface TargetOutcome {
  generator?: GeneratorRun
  comparison?: TreeComparison
  updated?: TargetUpdate
  error?: string
}

/** A cheap fingerprint of the committed tree: a generator must not write there while it runs. */
async function fingerprint(dir: string, exclude: readonly string[]): Promise<string> {
  const files = await listTree(dir, exclude)
  const parts = await Promise.all(
    files.map(async (f) => {
      const s = await stat(path.join(dir, f))
      return `${f}:${s.size}:${s.mtimeMs}`
    }),
  )
  return parts.join('\n')
}

function describeGeneratorFailure(run: GeneratorRun, target: DriftTarget): string {
  const how = run.spawnError
    ? `could not be started: ${run.spawnError}`
    : run.timedOut
      ? `did not finish within ${target.timeoutMs} ms (timeout); its process group was killed`
      : run.signal
        ? `was killed by ${run.signal}`
        : `exited with code ${run.exitCode}`
  // The manifest's own words, not the temporary path: the same failure gives the same message.
  return `generator ${how}\n  command: ${target.run}${run.stderrTail ? `\n  stderr (last lines):\n${run.stderrTail.split('\n').map((l) => `    ${l}`).join('\n')}` : ''}`
}

/**
 * Runs a target's generator into a fresh temporary directory and compares what it produced with the
 * committed target; with `update`, brings the committed target in line (see updateTarget). The
 * temporary directory is always removed.
 */
export async function checkTarget(root: string, target: DriftTarget, options: { update: boolean }): Promise<TargetOutcome> {
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
    const updated = options.update && comparison.changes.length > 0 ? await updateTarget(resolved.dir, outDir, comparison.changes) : undefined
    return { generator, comparison, ...(updated ? { updated } : {}) }
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

const toPosix = (p: string): string => p.split(path.sep).join('/')

/** The report entry of a checked target (summary.json's `generate.targets`, the origin's diff file). */
export function targetSummary(outcome: TargetOutcome, where: { manifest: string; target: DriftTarget; maxReportedFiles: number }): DriftTargetMeta {
  const { target, maxReportedFiles } = where
  const rootRel = (file: string): string => toPosix(path.join(target.path, file))
  const changes = outcome.comparison?.changes ?? []
  return {
    kind: 'generate-target',
    manifest: where.manifest,
    path: target.path,
    line: target.line,
    hasChanges: changes.length > 0,
    files: changes.slice(0, maxReportedFiles).map((c) => ({ status: c.status, file: rootRel(c.file) })),
    truncated: Math.max(0, changes.length - maxReportedFiles),
    diffstat: outcome.comparison?.diffstatText ?? '',
    insertions: outcome.comparison?.diffstat.insertions ?? 0,
    deletions: outcome.comparison?.diffstat.deletions ?? 0,
    generator: outcome.generator ? { exitCode: outcome.generator.exitCode, signal: outcome.generator.signal, timedOut: outcome.generator.timedOut } : null,
    ...(outcome.updated ? { updated: { written: outcome.updated.written.map(rootRel), deleted: outcome.updated.deleted.map(rootRel) } } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
  }
}

/** The origin's `spec/generate-artifacts-diff.json`. */
export function artifactsDiffReport(targets: ReadonlyArray<Pick<DriftTargetMeta, 'path' | 'hasChanges' | 'files' | 'truncated' | 'diffstat'>>, generatedAt: string): string {
  const entries = targets.map((t) => ({ path: t.path, hasChanges: t.hasChanges, files: t.files, truncated: t.truncated, diffstat: t.diffstat }))
  return `${JSON.stringify({ generatedAt, targets: entries }, null, 2)}\n`
}
