// The origin's generate-artifacts-diff.json, on its own: the reporter writes it, and importing it must not
// load the tree comparison (and its diff library) into every run's main process.
import type { DriftTargetMeta } from './test-meta.ts'

/** The origin's `spec/generate-artifacts-diff.json`. */
export function artifactsDiffReport(targets: ReadonlyArray<Pick<DriftTargetMeta, 'path' | 'hasChanges' | 'files' | 'truncated' | 'diffstat'>>, generatedAt: string): string {
  const entries = targets.map((t) => ({ path: t.path, hasChanges: t.hasChanges, files: t.files, truncated: t.truncated, diffstat: t.diffstat }))
  return `${JSON.stringify({ generatedAt, targets: entries }, null, 2)}\n`
}
