import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'
import { harnessPath } from '../harness-path.ts'
import { findFiles } from './bdd-files.ts'
import type { ResolvedBddOptions } from './bdd-options.ts'
import { renderFeatureModule } from './bdd-render-module.ts'
import { InputFiles } from '../input-files.ts'

// A query of our own keeps every other plugin off these ids: the load hook below owns them.
export const FEATURE_QUERY = '?spec-ci-feature'


/** The BDD face of the generate project: each matching .feature file becomes a test module. */
export function bddPlugin(options: ResolvedBddOptions): Plugin {
  const inputs = new InputFiles(options.features, options.exclude)

  return {
    name: 'vitest-spec-ci:generate-bdd',
    enforce: 'pre',
    configResolved(config) {
      inputs.configure(config.root)
    },
    resolveId: {
      order: 'pre',
      handler: (source, importer) => (source.endsWith('.feature') ? inputs.resolve(source, importer, FEATURE_QUERY) : null),
    },
    async load(id) {
      if (!id.endsWith(FEATURE_QUERY)) return null
      // Loaded on first use: runs without features do not pay for the Gherkin parser.
      const { compileFeature } = await import('../../src/bdd/compile-feature.ts')
      const file = id.slice(0, -FEATURE_QUERY.length)
      const displayFile = inputs.display(file)
      this.addWatchFile(file)
      const compiled = compileFeature(readFileSync(file, 'utf8'), displayFile)
      const features = findFiles(inputs.root, options.features, options.exclude)
      return renderFeatureModule({
        file,
        displayFile,
        root: inputs.root,
        harness: harnessPath('bdd-feature'),
        stepFiles: findFiles(inputs.root, options.steps, options.exclude),
        feature: compiled.ok ? compiled.feature : { problems: compiled.problems },
        // One feature file (the first by path) carries the project-wide unused-definition check.
        stepUsage: features[0] === file ? features : undefined,
      })
    },
  }
}
