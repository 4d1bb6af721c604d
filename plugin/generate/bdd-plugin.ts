import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import type { Plugin } from 'vite'
import { harnessPath } from '../harness-path.ts'
import { findFiles } from './bdd-files.ts'
import type { ResolvedBddOptions } from './bdd-options.ts'
import { renderFeatureModule } from './bdd-render-module.ts'
import { importedFile } from '../imported-file.ts'

// A query of our own keeps every other plugin off these ids: the load hook below owns them.
export const FEATURE_QUERY = '?spec-ci-feature'

const toPosix = (p: string): string => p.split(path.sep).join('/')

/** The BDD face of the generate project: each matching .feature file becomes a test module. */
export function bddPlugin(options: ResolvedBddOptions): Plugin {
  let root = process.cwd()
  let included: (p: string) => boolean = () => false
  let excluded: (p: string) => boolean = () => false

  const isFeature = (file: string): boolean => {
    const rel = toPosix(path.relative(root, file))
    return !rel.startsWith('../') && included(rel) && !excluded(rel)
  }

  return {
    name: 'vitest-spec-ci:generate-bdd',
    enforce: 'pre',
    configResolved(config) {
      root = config.root
      included = picomatch(options.features, { dot: true })
      excluded = picomatch(options.exclude, { dot: true })
    },
    resolveId: {
      order: 'pre',
      handler(source, importer) {
        if (!source.endsWith('.feature')) return null
        const file = importedFile(source, importer)
        if (file && isFeature(file) && existsSync(file)) return file + FEATURE_QUERY
        return null
      },
    },
    async load(id) {
      if (!id.endsWith(FEATURE_QUERY)) return null
      // Loaded on first use: runs without features do not pay for the Gherkin parser.
      const { compileFeature } = await import('../../src/bdd/compile-feature.ts')
      const file = id.slice(0, -FEATURE_QUERY.length)
      const displayFile = toPosix(path.relative(root, file))
      this.addWatchFile(file)
      const compiled = compileFeature(readFileSync(file, 'utf8'), displayFile)
      const features = findFiles(root, options.features, options.exclude)
      return renderFeatureModule({
        file,
        displayFile,
        root,
        harness: harnessPath('bdd-feature'),
        stepFiles: findFiles(root, options.steps, options.exclude),
        feature: compiled.ok ? compiled.feature : { problems: compiled.problems },
        // One feature file (the first by path) carries the project-wide unused-definition check.
        stepUsage: features[0] === file ? features : undefined,
      })
    },
  }
}
