import { lstatSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { compareTrees, type TreeComparison } from './compare-trees.ts'
import type { DriftTarget } from './manifest.ts'
import { findFiles } from '../find-files.ts'
import { listTree } from './read-tree.ts'
import { runGenerator, type GeneratorRun } from './run-generator.ts'
import { obstacleOnTheWay, resolveTargetPath } from './target-path.ts'
import { updateTarget, type TargetUpdate } from './update-target.ts'
import { printable } from '../printable-text.ts'
import { toPosix } from '../posix-path.ts'


// File names come from the generator and the tree: printed escaped, one per line, whatever they hold.
const list = (files: readonly string[]): string =>
  [...files.slice(0, 20).map((f) => `  ${printable(f)}`), ...(files.length > 20 ? [`  … ${files.length - 20} more`] : [])].join('\n')

/** What checking one target found: the generator's run, the comparison, what `update` changed, or why it could not compare. */
export interface TargetOutcome {
  generator?: GeneratorRun
  comparison?: TreeComparison
  updated?: TargetUpdate
  error?: string
}

/** Size and modification time per file (of a link itself, not what it points to): cheap, and enough to see that a file was written or swapped for a link. */
async function fingerprint(files: readonly string[]): Promise<Map<string, string>> {
  // Synchronous: for thousands of files far faster than one thread-pool request each.
  return new Map(
    files.map((f) => {
      const s = lstatSync(f, { throwIfNoEntry: false })
      return [f, s ? `${s.size}:${s.mtimeMs}` : 'gone'] as const
    }),
  )
}

/** Files of `before` that were written, removed or added since, as shown to people. */
async function changedSince(before: Map<string, string>, files: readonly string[], show: (file: string) => string): Promise<string[]> {
  const after = await fingerprint(files)
  const changed = new Set<string>()
  for (const [file, stamp] of after) if (before.get(file) !== stamp) changed.add(show(file))
  for (const file of before.keys()) if (!after.has(file)) changed.add(show(file))
  return [...changed].sort()
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
    // The generator may write only into {out}: the committed target and its own inputs are watched.
    const committed = async () => (await listTree(resolved.dir, target.exclude)).map((f) => path.join(resolved.dir, f))
    const inputs = () => findFiles(root, target.inputs, ['**/node_modules/**'])
    const show = (file: string): string => toPosix(path.relative(root, file))
    const [targetBefore, inputsBefore] = await Promise.all([committed().then(fingerprint), fingerprint(inputs())])
    const generator = await runGenerator(target.run, { cwd: root, outDir, timeoutMs: target.timeoutMs })
    if (generator.spawnError || generator.timedOut || generator.exitCode !== 0) return { generator, error: describeGeneratorFailure(generator, target) }
    // A target swapped for a link while the generator ran would be read (and updated) elsewhere.
    const swapped = obstacleOnTheWay(root, resolved.dir)
    if (swapped)
      return { generator, error: `the committed target ${target.path} was changed while the generator ran: ${swapped.at} is now ${swapped.link ? 'a symbolic link' : 'not a folder'}; a generator must write only into {out}` }
    const touched = await changedSince(targetBefore, await committed(), show)
    if (touched.length > 0)
      return { generator, error: `the generator changed files inside the committed target ${target.path}; it must write only into {out}\n${list(touched)}` }
    const inputsTouched = await changedSince(inputsBefore, inputs(), show)
    if (inputsTouched.length > 0)
      return { generator, error: `the inputs of ${target.path} changed while the generator ran (a generator must write only into {out}; or something else wrote them meanwhile)\n${list(inputsTouched)}` }
    const comparison = await compareTrees(resolved.dir, outDir, { exclude: target.exclude, ignorePaths: target.ignorePaths })
    if (!options.update || comparison.changes.length === 0) return { generator, comparison }
    try {
      return { generator, comparison, updated: await updateTarget(resolved.dir, outDir, comparison.changes, { root }) }
    } catch (e) {
      return { generator, comparison, error: (e as Error).message }
    }
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}
