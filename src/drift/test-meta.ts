import path from 'node:path'
import { toPosix } from '../posix-path.ts'
import type { TargetOutcome } from './check-target.ts'
import type { DriftStatus } from './compare-trees.ts'
import { fileDiff, MAX_DIFF_FILES, type FileDiff } from './file-diff.ts'
import type { DriftTarget } from './manifest.ts'

/** What a target's `generator runs` test puts on `task.meta.specCi`: the whole target's outcome. */
export interface DriftTargetMeta {
  kind: 'generate-target'
  /** The manifest, relative to the root with `/`. */
  manifest: string
  /** The target's committed directory, as written in the manifest. */
  path: string
  line: number
  hasChanges: boolean
  /** Changed files (A/M/D, paths relative to the root), at most `maxReportedFiles`. */
  files: Array<{ status: DriftStatus; file: string }>
  /** The normalised diff of the first {@link MAX_DIFF_FILES} changed files, each cut to a bounded size. */
  diffs?: FileDiff[]
  /** Changed files left out of `files`. */
  truncated: number
  /** `git diff --shortstat` wording. */
  diffstat: string
  insertions: number
  deletions: number
  generator: { exitCode: number | null; signal: string | null; timedOut: boolean } | null
  /** What `vitest -u` wrote and removed in this run (paths relative to the root). */
  updated?: { written: string[]; deleted: string[] }
  /** Why the target could not be compared (bad target, generator failed). */
  error?: string
}

/**
 * A checked target's meta on its `generator runs` test; also the CLI's report entry (summary.json's
 * `generate.targets`, the origin's diff file).
 */
export function driftTargetMeta(outcome: TargetOutcome, where: { manifest: string; target: DriftTarget; maxReportedFiles: number }): DriftTargetMeta {
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
    ...(changes.length > 0 ? { diffs: changes.slice(0, Math.min(maxReportedFiles, MAX_DIFF_FILES)).map((c) => fileDiff(c, rootRel(c.file))) } : {}),
    truncated: Math.max(0, changes.length - maxReportedFiles),
    diffstat: outcome.comparison?.diffstatText ?? '',
    insertions: outcome.comparison?.diffstat.insertions ?? 0,
    deletions: outcome.comparison?.diffstat.deletions ?? 0,
    generator: outcome.generator ? { exitCode: outcome.generator.exitCode, signal: outcome.generator.signal, timedOut: outcome.generator.timedOut } : null,
    ...(outcome.updated ? { updated: { written: outcome.updated.written.map(rootRel), deleted: outcome.updated.deleted.map(rootRel) } } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
  }
}

/** What the one failing test of an unusable manifest or target entry puts on `task.meta.specCi`. */
export interface DriftManifestErrorMeta {
  kind: 'generate-manifest-error'
  /** The manifest, relative to the root with `/`. */
  manifest: string
  line: number
  message: string
}

export function driftManifestErrorMeta(manifest: string, line: number, message: string): DriftManifestErrorMeta {
  return { kind: 'generate-manifest-error', manifest, line, message }
}
