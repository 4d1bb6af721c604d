import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import type { Plugin } from 'vite'
import { listTree } from '../../src/drift/read-tree.ts'
import { resolveTargetPath } from '../../src/drift/target-path.ts'
import { harnessPath } from '../harness-path.ts'
import { importedFile } from '../imported-file.ts'
import { findFiles } from './bdd-files.ts'
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

const toPosix = (p: string): string => p.split(path.sep).join('/')

/** The drift face of the generate project: each matching `*.generate.yml` becomes a test module. */
export function driftPlugin(options: ResolvedDriftOptions): Plugin {
  let root = process.cwd()
  let included: (p: string) => boolean = () => false
  let excluded: (p: string) => boolean = () => false
  const isManifest = (file: string): boolean => {
    const rel = toPosix(path.relative(root, file))
    return !rel.startsWith('../') && included(rel) && !excluded(rel)
  }
  return {
    name: 'vitest-spec-ci:generate-drift',
    enforce: 'pre',
    configResolved(config) {
      root = config.root
      included = picomatch(options.manifests, { dot: true })
      excluded = picomatch(options.exclude, { dot: true })
    },
    resolveId: {
      order: 'pre',
      handler(source, importer) {
        if (!/\.ya?ml$/.test(source)) return null
        const file = importedFile(source, importer)
        if (file && isManifest(file) && existsSync(file)) return file + MANIFEST_QUERY
        return null
      },
    },
    async load(id) {
      if (!id.endsWith(MANIFEST_QUERY)) return null
      const manifest = id.slice(0, -MANIFEST_QUERY.length)
      this.addWatchFile(manifest)
      const input: DriftModuleInput = {
        manifest,
        displayManifest: toPosix(path.relative(root, manifest)),
        root,
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
        const resolved = resolveTargetPath(root, target.path)
        if (!resolved.ok) {
          input.targets.push({ broken: { path: target.path, line: target.line, problem: resolved.message } })
          continue
        }
        // Editing an input or a committed artifact re-runs this manifest in watch mode.
        for (const file of findFiles(root, target.inputs, ['**/node_modules/**'])) this.addWatchFile(file)
        const files = await listTree(resolved.dir, target.exclude)
        for (const file of files) this.addWatchFile(path.join(resolved.dir, file))
        input.targets.push({ target, files })
      }
      return renderDriftModule(input)
    },
  }
}
