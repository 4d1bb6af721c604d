import type { FeatureSource } from '../../src/bdd/messages/feature-source.ts'
import type { FeatureCompilation } from '../../src/bdd/types.ts'

// The plugin's transform and the reporter run in Vitest's main process: the transform leaves each
// feature's parse here, so the Cucumber Messages writer reuses it instead of parsing the file again.
// A global symbol, not a module variable: the reporter may come from another copy of the package
// (`reporters: ['vitest-spec-ci/reporter']` resolved to dist/ while the config imports source).
const KEY = Symbol.for('vitest-spec-ci.feature-sources')

function cache(): Map<string, FeatureSource> {
  const holder = globalThis as { [KEY]?: Map<string, FeatureSource> }
  holder[KEY] ??= new Map()
  return holder[KEY]
}

/** Remembers the latest parse of a feature file (absolute path), replacing an older one. */
export function rememberFeatureSource(file: string, source: FeatureSource): void {
  cache().set(file, source)
}

/** The parse the transform made of a feature file in this process, if it made one. */
export function rememberedFeatureSource(file: string): FeatureSource | undefined {
  return cache().get(file)
}

/** The messages' view of a compiled feature file: its document and pickles, or its syntax errors. */
export function featureSourceOf(uri: string, data: string, compiled: FeatureCompilation): FeatureSource {
  const mediaType = uri.endsWith('.feature.md') ? ('text/x.cucumber.gherkin+markdown' as const) : ('text/x.cucumber.gherkin+plain' as const)
  const base = { uri, data, mediaType }
  if (!compiled.ok) return { ...base, pickles: [], parseErrors: compiled.problems }
  return { ...base, ...(compiled.gherkinDocument && { gherkinDocument: compiled.gherkinDocument }), pickles: compiled.pickles ?? [] }
}
