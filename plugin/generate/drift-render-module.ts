import type { BrokenTarget, DriftTarget } from '../../src/drift/manifest.ts'
import { driftTestTimeout } from '../../src/drift/test-timeout.ts'
import { ModuleWriter, type RenderedModule } from '../module-writer.ts'

export interface DriftModuleInput {
  manifest: string
  displayManifest: string
  root: string
  harness: string
  maxReportedFiles: number
  /** The manifest cannot be read: one failing test at this line. */
  manifestProblem?: { line: number; message: string }
  /** Each target with its committed files (relative to the target) as they were at transform time. */
  targets: Array<{ target: DriftTarget; files: string[] } | { broken: BrokenTarget }>
}

const str = JSON.stringify

export const MANIFEST_PROBLEM_TITLE = 'manifest can be read'
export const BROKEN_TARGET_TITLE = 'target is valid'

/**
 * The test module of one drift manifest: per target a describe named by its path with literal tests
 * (`generator runs`, one `<file> is up to date` per committed file, `no files added or removed`), all
 * placed by the source map on the target's line of the manifest. Each test's Vitest timeout derives
 * from the target's own `timeout`, so the generator's timeout (with its clear message) trips first.
 */
export function renderDriftModule(input: DriftModuleInput): RenderedModule {
  const out = new ModuleWriter(input.displayManifest, 'edit the manifest', input.harness)
  out.importVitest(['describe', 'test'])
  out.importFrom(input.harness, ['driftTarget', 'driftProblem'])
  const problemTest = (title: string, line: number, message: string) =>
    out.test(title, `(context) => driftProblem(context, ${str(input.manifest)}, ${str(input.displayManifest)}, ${line}, ${str(message)})`, { line })
  if (input.manifestProblem) problemTest(MANIFEST_PROBLEM_TITLE, input.manifestProblem.line, input.manifestProblem.message)
  for (const [i, entry] of input.targets.entries()) {
    if ('broken' in entry) {
      const { broken } = entry
      out.describe(broken.path ?? `targets[${i}]`, broken.line, () => problemTest(BROKEN_TARGET_TITLE, broken.line, broken.problem))
      continue
    }
    const { target, files } = entry
    const config = { root: input.root, manifest: input.manifest, displayManifest: input.displayManifest, target, maxReportedFiles: input.maxReportedFiles }
    const prefix = target.path.replace(/\/+$/, '')
    const timeout = driftTestTimeout(target)
    out.describe(target.path, target.line, () => {
      out.statement(`const target = driftTarget(${str(config)})`)
      out.test('generator runs', '(context) => target.generatorRuns(context)', { timeout })
      for (const file of files) out.test(`${prefix}/${file} is up to date`, `(context) => target.fileUpToDate(context, ${str(file)})`, { timeout })
      out.test('no files added or removed', '(context) => target.noFilesAddedOrRemoved(context)', { timeout })
    })
  }
  return out.toModule({ file: input.manifest, readByVite: true })
}
