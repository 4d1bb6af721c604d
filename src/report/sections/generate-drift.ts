import { artifactsDiffReport } from '../../drift/artifacts-diff-report.ts'
import type { DriftManifestErrorMeta, DriftTargetMeta } from '../../drift/test-meta.ts'
import type { MarkdownKit, SectionBuilder } from '../section-builder.ts'

export interface DriftTargetSummary {
  path: string
  manifest: string
  line: number
  status: 'passed' | 'failed' | 'skipped'
  hasChanges: boolean
  files: DriftTargetMeta['files']
  /** The normalised diff of changed files (the first 50, each bounded: src/drift/file-diff.ts), for the dashboard. */
  diffs?: DriftTargetMeta['diffs']
  truncated: number
  diffstat: string
  insertions: number
  deletions: number
  generator: DriftTargetMeta['generator']
  updated?: DriftTargetMeta['updated']
  error?: string
}

export interface ManifestErrorSummary {
  manifest: string
  line: number
  message: string
}

export interface GenerateDriftSection {
  targets: DriftTargetSummary[]
  /** Manifests or target entries that could not be used. */
  manifestErrors?: ManifestErrorSummary[]
}

const MAX_ROWS = 50

function counts(files: DriftTargetMeta['files'], truncated: number): string {
  if (files.length === 0) return '—'
  const by = (s: string) => files.filter((f) => f.status === s).length
  return [`A ${by('A')}`, `M ${by('M')}`, `D ${by('D')}`].join(' · ') + (truncated > 0 ? ` (+${truncated} more)` : '')
}

/**
 * summary.json's `generate.targets`, the drift table of summary.md, and the origin's
 * `spec/generate-artifacts-diff.json`, from the meta of each target's `generator runs` test.
 */
export const generateDriftSection: SectionBuilder<GenerateDriftSection, DriftTargetMeta | DriftManifestErrorMeta> = {
  section: 'generate',
  kinds: ['generate-target', 'generate-manifest-error'],
  build(tests) {
    if (tests.length === 0) return undefined
    const targets: DriftTargetSummary[] = []
    const manifestErrors: ManifestErrorSummary[] = []
    for (const test of tests) {
      const m = test.meta
      if (m.kind === 'generate-manifest-error') {
        manifestErrors.push({ manifest: m.manifest, line: m.line, message: m.message })
        continue
      }
      targets.push({
        path: m.path,
        manifest: m.manifest,
        line: m.line,
        status: test.state,
        hasChanges: m.hasChanges,
        files: m.files,
        ...(m.diffs ? { diffs: m.diffs } : {}),
        truncated: m.truncated,
        diffstat: m.diffstat,
        insertions: m.insertions,
        deletions: m.deletions,
        generator: m.generator,
        ...(m.updated ? { updated: m.updated } : {}),
        ...(m.error ? { error: m.error } : {}),
      })
    }
    return { targets, ...(manifestErrors.length > 0 ? { manifestErrors } : {}) }
  },
  markdown(section: GenerateDriftSection, md: MarkdownKit) {
    if (section.targets.length === 0 && !section.manifestErrors) return ''
    const rows = section.targets.map((t) => [
      md.code(t.path),
      md.code(`${t.manifest}:${t.line}`),
      t.error ? 'generator failed' : t.updated ? 'updated (-u)' : t.hasChanges ? 'drift' : 'up to date',
      counts(t.files, t.truncated),
      md.text(t.diffstat || '—'),
    ])
    const parts = ['### Artifact drift', '', md.table(['target', 'manifest', 'state', 'changes', 'diffstat'], rows.slice(0, MAX_ROWS))]
    if (rows.length > MAX_ROWS) parts.push('', `… ${rows.length - MAX_ROWS} more targets in summary.json`)
    const errors = section.targets.filter((t) => t.error).map((t) => `- ${md.code(t.path)}: ${md.text(t.error!.split('\n')[0])}`)
    for (const e of section.manifestErrors ?? []) errors.push(`- ${md.code(`${e.manifest}:${e.line}`)}: ${md.text(e.message)}`)
    if (errors.length > 0) parts.push('', ...errors.slice(0, MAX_ROWS))
    return parts.join('\n')
  },
  files(section: GenerateDriftSection, _tests, run) {
    return [{ path: 'spec/generate-artifacts-diff.json', content: artifactsDiffReport(section.targets, run.generatedAt) }]
  },
}
