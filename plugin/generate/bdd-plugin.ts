import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'
import { harnessPath } from '../harness-path.ts'
import { findFiles } from '../../src/find-files.ts'
import type { ResolvedBddOptions } from './bdd-options.ts'
import { renderFeatureModule } from './bdd-render-module.ts'
import { bddTagsPlugin } from './bdd-tags-plugin.ts'
import { InputFiles, inputFilePlugin } from '../input-files.ts'
import { featureSourceOf, rememberFeatureSource } from './feature-sources.ts'

// A query of our own keeps every other plugin off these ids: the load hook below owns them.
export const FEATURE_QUERY = '?spec-ci-feature'

/**
 * The BDD face of the generate project: each matching .feature file becomes a test module, and the
 * Gherkin tags of the features are declared as the project's Vitest tags.
 */
export function bddPlugins(options: ResolvedBddOptions): Plugin[] {
  const declaredTags = new Set<string>()
  return [bddPlugin(options, declaredTags), bddTagsPlugin(options, declaredTags)]
}

function bddPlugin(options: ResolvedBddOptions, declaredTags: ReadonlySet<string>): Plugin {
  const inputs = new InputFiles(options.features, options.exclude)
  // The project's feature and step files, found once and again only after a file was added or removed
  // (every feature's module names them): globbing them for each of 200 features cost ~1 s of transform.
  let lists: { features: string[]; steps: string[] } | undefined
  const fileLists = () =>
    (lists ??= { features: findFiles(inputs.root, options.features, options.exclude), steps: findFiles(inputs.root, options.steps, options.exclude) })

  const plugin = inputFilePlugin('vitest-spec-ci:generate-bdd', inputs, FEATURE_QUERY, {
    accepts: (source) => source.endsWith('.feature') || source.endsWith('.feature.md'),
    async load(context, file) {
      // Loaded on first use: runs without features do not pay for the Gherkin parser.
      const { compileFeature } = await import('../../src/bdd/compile-feature.ts')
      const displayFile = inputs.display(file)
      context.addWatchFile(file)
      const data = readFileSync(file, 'utf8')
      const compiled = compileFeature(data, displayFile)
      // Kept for the Cucumber Messages the reporter writes after the run (one parse per process).
      rememberFeatureSource(file, featureSourceOf(displayFile, data, compiled))
      const { features, steps } = fileLists()
      return renderFeatureModule({
        file,
        source: data,
        displayFile,
        root: inputs.root,
        harness: harnessPath('bdd-feature'),
        stepFiles: steps,
        feature: compiled.ok ? compiled.feature : { problems: compiled.problems },
        // One feature file (the first by path) carries the project-wide unused-definition check.
        stepUsage: features[0] === file ? features : undefined,
        tagFilter: options.tagFilter,
        declaredTags,
        run: { strict: options.strict, retry: options.retry, worldParameters: options.worldParameters },
      })
    },
  })
  return {
    ...plugin,
    watchChange(id, change) {
      if (change.event !== 'update') lists = undefined
      return typeof plugin.watchChange === 'function' ? plugin.watchChange.call(this, id, change) : undefined
    },
  }
}
