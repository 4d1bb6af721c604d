import path from 'node:path'
import { expect, type TestContext } from 'vitest'
import { checkTarget, type TargetOutcome } from '../src/drift/check-target.ts'
import type { FileDrift } from '../src/drift/compare-trees.ts'
import type { DriftTarget } from '../src/drift/manifest.ts'
import { driftManifestErrorMeta, driftTargetMeta } from '../src/drift/test-meta.ts'
import { locatedError } from './located-error.ts'
import { setSpecCiMeta } from './task-meta.ts'
import { printable } from '../src/printable-text.ts'
import { toPosix } from '../src/posix-path.ts'

export interface DriftTargetConfig {
  root: string
  /** Absolute path of the manifest, and as shown (relative to the root). */
  manifest: string
  displayManifest: string
  target: DriftTarget
  maxReportedFiles: number
}


/**
 * Whether this run is `vitest -u` (or `u` pressed in watch mode): the test file's snapshot state, which
 * Vitest sets up before each test, updates every snapshot then.
 */
function updating(): boolean {
  return expect.getState().snapshotState?.snapshotUpdateState === 'all'
}

const MAX_NOTICE_FILES = 20

/** `vitest -u updated targets/x: 1 written, 1 removed; wrote targets/x/a.txt; removed targets/x/b.txt`. */
function updatedNotice(targetPath: string, written: string[], deleted: string[]): string {
  const names = (files: string[]) => files.slice(0, MAX_NOTICE_FILES).map(printable).join(', ') + (files.length > MAX_NOTICE_FILES ? `, … ${files.length - MAX_NOTICE_FILES} more` : '')
  const parts = [`vitest -u updated ${targetPath}: ${written.length} written, ${deleted.length} removed`]
  if (written.length > 0) parts.push(`wrote ${names(written)}`)
  if (deleted.length > 0) parts.push(`removed ${names(deleted)}`)
  return parts.join('; ')
}

/** The tests of one drift target; the generator runs once, the first test that needs it starts it. */
export function driftTarget(config: DriftTargetConfig) {
  const { target, root } = config
  const where = (context: TestContext, message: string): Error =>
    locatedError({ name: 'DriftError', message, label: context.task.name, file: config.manifest, line: target.line })
  const rootRel = (file: string): string => toPosix(path.join(target.path, file))
  let pending: Promise<TargetOutcome> | undefined
  const outcome = (): Promise<TargetOutcome> => (pending ??= checkTarget(root, target, { update: updating() }))
  // With a comparison, an error can only be a refused update: then -u is no remedy by itself.
  const remedy = (o: TargetOutcome, action: string): string => (o.error ? `vitest -u could not ${action} (its update was refused; see "generator runs")` : `run vitest -u to ${action}`)
  const meta = (o: TargetOutcome) => driftTargetMeta(o, { manifest: config.displayManifest, target, maxReportedFiles: config.maxReportedFiles })

  return {
    async generatorRuns(context: TestContext): Promise<void> {
      const o = await outcome()
      setSpecCiMeta(context, meta(o))
      if (o.error) throw where(context, `${target.path}: ${o.error}`)
      if (o.updated) context.annotate(updatedNotice(target.path, o.updated.written.map(rootRel), o.updated.deleted.map(rootRel)), 'notice')
    },

    async fileUpToDate(context: TestContext, file: string): Promise<void> {
      const o = await outcome()
      if (!o.comparison) return context.skip(`the target could not be compared: ${o.error ?? 'no comparison'}`)
      const change: FileDrift | undefined = o.comparison.changes.find((c) => c.file === file)
      if (!change) return
      const shown = rootRel(file)
      if (o.updated) return void context.annotate(`${shown} ${change.status === 'D' ? 'removed' : 'rewritten'} by vitest -u`, 'notice')
      if (change.status === 'D') throw where(context, `${shown} is committed but the generator no longer produces it (D); ${remedy(o, 'remove it')}`)
      if (change.status === 'A') throw where(context, `${shown} is not committed any more but the generator produces it (A); ${remedy(o, 'write it')}`)
      const error = where(
        context,
        `${shown} differs from what the generator produces now (compared normalised${change.note ? `; ${change.note}` : ''}); ${remedy(o, 'update it')}`,
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
      const list = addedOrRemoved.map((c) => `  ${c.status} ${printable(rootRel(c.file))}`)
      const shown = list.length > 50 ? [...list.slice(0, 50), `  … ${list.length - 50} more`] : list
      throw where(
        context,
        `${target.path}: the generator ${addedOrRemoved.some((c) => c.status === 'A') ? 'adds' : 'removes'} files (A: produced but not committed, D: committed but no longer produced); ${remedy(o, 'update')}\n${shown.join('\n')}`,
      )
    },
  }
}

/** A target entry or a whole manifest that cannot be used: one failing test at its line. */
export function driftProblem(context: TestContext, manifest: string, displayManifest: string, line: number, message: string): never {
  setSpecCiMeta(context, driftManifestErrorMeta(displayManifest, line, message))
  throw locatedError({ name: 'DriftManifestError', message: `${displayManifest}:${line}: ${message}`, label: context.task.name, file: manifest, line })
}
export { atLine, suiteAtLine } from './task-location.ts'
