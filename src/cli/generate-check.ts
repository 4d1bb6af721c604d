import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { writeFileAtomic } from '../atomic-write.ts'
import { artifactsDiffReport } from '../drift/artifacts-diff-report.ts'
import { checkTarget } from '../drift/check-target.ts'
import { driftTargetMeta, type DriftTargetMeta } from '../drift/test-meta.ts'
import { isBroken, parseManifest } from '../drift/manifest.ts'
import { CliUsageError } from './usage-error.ts'
import { GENERATE_USAGE } from './generate-usage.ts'
export { GENERATE_USAGE }
import { printable } from '../printable-text.ts'
import { toPosix } from '../posix-path.ts'



function verdict(t: DriftTargetMeta): string {
  if (t.error) return `failed: ${t.error.split('\n')[0]}`
  if (t.updated) return `updated: ${t.updated.written.length} written, ${t.updated.deleted.length} removed`
  return t.hasChanges ? `drift: ${t.diffstat}` : 'up to date'
}

/** `spec-ci generate check`: the drift check of the generate project, for scripts and CI without Vitest. */
export async function generateCheck(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      update: { type: 'boolean', default: false },
      root: { type: 'string' },
      out: { type: 'string' },
      'max-reported-files': { type: 'string', default: '200' },
      quiet: { type: 'boolean', default: false },
    },
  })
  if (positionals.length === 0) throw new CliUsageError('expected at least one MANIFEST (a *.generate.yml file)', GENERATE_USAGE)
  const maxFiles = Number(values['max-reported-files'])
  if (!Number.isInteger(maxFiles) || maxFiles < 1) throw new CliUsageError(`--max-reported-files ${values['max-reported-files']}: expected a positive integer`, GENERATE_USAGE)
  const root = path.resolve(values.root ?? '.')
  // Every manifest is read first: a broken one stops the run before any generator has run.
  const manifests = []
  for (const file of positionals) {
    const text = await readFile(file, 'utf8').catch((error: Error) => {
      throw new CliUsageError(`${file}: cannot be read: ${error.message}`, GENERATE_USAGE)
    })
    const parsed = parseManifest(text)
    // Printed escaped with every CLI error message (main.ts).
    if (!parsed.ok) throw new CliUsageError(`${file}:${parsed.problem.line}: ${parsed.problem.message}`, GENERATE_USAGE)
    manifests.push({ display: toPosix(path.relative(root, path.resolve(file))), targets: parsed.targets })
  }
  const summaries: DriftTargetMeta[] = []
  let failed = false
  for (const manifest of manifests) {
    for (const target of manifest.targets) {
      if (isBroken(target)) {
        failed = true
        out.write(`${printable(manifest.display)}:${target.line}: ${printable(target.path ?? 'target')}: ${printable(target.problem)}\n`)
        continue
      }
      const summary = driftTargetMeta(await checkTarget(root, target, { update: values.update }), { manifest: manifest.display, target, maxReportedFiles: maxFiles })
      summaries.push(summary)
      if (summary.error || (summary.hasChanges && !summary.updated)) failed = true
      // A failure names the manifest and the target's line, as the Vitest test does.
      out.write(`${summary.error ? `${printable(manifest.display)}:${target.line}: ` : ''}${printable(target.path)}: ${printable(verdict(summary))}\n`)
      if (!values.quiet && summary.updated) {
        // --update says what it changed, file by file, as vitest -u does.
        for (const f of summary.updated.written) out.write(`  wrote ${printable(f)}\n`)
        for (const f of summary.updated.deleted) out.write(`  removed ${printable(f)}\n`)
      }
      if (!values.quiet && !summary.updated) {
        for (const f of summary.files) out.write(`  ${f.status} ${printable(f.file)}\n`)
        if (summary.truncated > 0) out.write(`  … ${summary.truncated} more\n`)
        // Names inside the message were escaped where it was built; its own line breaks separate its lines.
        if (summary.error?.includes('\n')) out.write(`${summary.error.split('\n').slice(1).map(printable).join('\n')}\n`)
      }
    }
  }
  const outDir = values.out ?? path.join(process.env.SPEC_CI_REPORT_DIR || 'hermetic-reports', 'spec')
  const report = path.join(outDir, 'generate-artifacts-diff.json')
  await writeFileAtomic(report, artifactsDiffReport(summaries, new Date().toISOString()))
  const shown = toPosix(path.relative(process.cwd(), report))
  if (!values.quiet) out.write(`report written to ${printable(shown.startsWith('../') ? report : shown)}\n`)
  return failed ? 1 : 0
}
