import type { GherkinDocument, Pickle, SourceMediaType } from '@cucumber/messages'

/**
 * The static part of one feature file's messages: its text and Gherkin's parse of it, as the plugin's
 * transform produced them (`compileFeature`). Ids are the file's own (one generator per file); the
 * writer renumbers them for the run.
 */
export interface FeatureSource {
  /** Relative to the project root, with `/` (the pickles' `uri`). */
  uri: string
  data: string
  mediaType: `${SourceMediaType}`
  /** Absent when the file does not parse: then `parseErrors` says why and `pickles` is empty. */
  gherkinDocument?: GherkinDocument
  /** `pickles[i]` belongs to the CompiledFeature's `scenarios[i]` (a run record's `scenarioIndex`). */
  pickles: readonly Pickle[]
  /** Gherkin's syntax errors: each one a `parseError` message, and the run does not succeed. */
  parseErrors?: ReadonlyArray<{ line: number; column: number; message: string }>
}
