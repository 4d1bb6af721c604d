import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'
import { resolveTargetPath } from '../../src/drift/target-path.ts'
import { harnessPath } from '../harness-path.ts'
import { InputFiles, inputFilePlugin } from '../input-files.ts'
import { findFiles } from '../../src/find-files.ts'
import { renderDriftModule, type DriftModuleInput } from './drift-render-module.ts'

export interface ResolvedDriftOptions {
  /** Globs of `*.generate.yml` manifests, relative to the project root; each one a test file. */
  manifests: string[]
  exclude: string[]
  /** Changed files listed per target in the reports; the rest are counted. */
  maxReportedFiles: number
}

// A query of our own keeps Vite's other plugins off these ids: the load hook below owns them.
export const MANIFEST_QUERY = '?spec-ci-drift'

/** The drift face of the generate project: each matching `*.generate.yml` becomes a test module. */
export function driftPlugin(options: ResolvedDriftOptions): Plugin {
  const inputs = new InputFiles(options.manifests, options.exclude)
  return inputFilePlugin('vitest-spec-ci:generate-drift', inputs, MANIFEST_QUERY, {
    accepts: (source) => /\.ya?ml$/.test(source),
    async load(context, manifest) {
      context.addWatchFile(manifest)
      const input: DriftModuleInput = {
        manifest,
        displayManifest: inputs.display(manifest),
        root: inputs.root,
        harness: harnessPath('drift'),
        maxReportedFiles: options.maxReportedFiles,
        targets: [],
      }
      // Loaded on first use: runs without manifests do not pay for the YAML parser.
      const { isBroken, parseManifest } = await import('../../src/drift/manifest.ts')
      const parsed = parseManifest(readFileSync(manifest, 'utf8'))
      if (!parsed.ok) return renderDriftModule({ ...input, manifestProblem: parsed.problem })
      for (const target of parsed.targets) {
        if (isBroken(target)) {
          input.targets.push({ broken: target })
          continue
        }
        const resolved = resolveTargetPath(inputs.root, target.path)
        if (!resolved.ok) {
          input.targets.push({ broken: { path: target.path, line: target.line, problem: resolved.message } })
          continue
        }
        // Editing an input or a committed artifact re-runs this manifest in watch mode.
        for (const file of findFiles(inputs.root, target.inputs, ['**/node_modules/**'])) context.addWatchFile(file)
        // Loaded here, not with the plugin: its chunk holds the drift comparison (diff, json-stable-stringify).
        const { listTree } = await import('../../src/drift/read-tree.ts')
        const files = await listTree(resolved.dir, target.exclude)
        for (const file of files) context.addWatchFile(path.join(resolved.dir, file))
        input.targets.push({ target, files })
      }
      return renderDriftModule(input)
    },
  })
}
