import type { DriftStatus } from './compare-trees.ts'

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
