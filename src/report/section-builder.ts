/**
 * How a project's tests reach summary.json without special cases in the reporter: a test puts a
 * `{ kind, ... }` object on `task.meta.specCi` (one of the `SpecCiMeta` shapes of `src/test-meta.ts`);
 * the reporter turns each finished test into a {@link ReportedTest} and hands every builder the tests
 * whose `meta.kind` it reads. A new project adds its meta shape to `src/test-meta.ts`, a builder file
 * under `src/report/sections/` and one line to that folder's index.
 */

/** What every `task.meta.specCi` carries; the rest of the object is the project's own. */
export interface SpecCiMetaBase {
  kind: string
}

export type ReportedState = 'passed' | 'failed' | 'skipped'

/** One finished test, as builders see it: plain data, paths relative to the root with `/`. */
export interface ReportedTest<Meta extends SpecCiMetaBase = SpecCiMetaBase> {
  project: string
  /** The test file, relative to the project root, with `/`. */
  file: string
  /** Test name without its suites. */
  name: string
  /** Suites and name joined with ` > `. */
  fullName: string
  state: ReportedState
  /** Where the test is declared (1-based), when Vitest knows it. */
  line: number | undefined
  durationMs: number
  /** First lines of each error message; `line` is the error's location in `file`, when known. */
  errors: Array<{ message: string; line: number | undefined }>
  /** Vitest annotations (`ctx.annotate`), in order. */
  annotations: Array<{ type: string; message: string }>
  meta: Meta
}

/** Helpers for summary.md that escape everything coming from inputs (keys, messages, file names). */
export interface MarkdownKit {
  /** Inline text: Markdown, HTML, mentions and comment markers made inert. */
  text(value: unknown): string
  /** Inline code span that cannot be broken out of. */
  code(value: unknown): string
  /** A table; cells are escaped with {@link MarkdownKit.text} unless already produced by this kit. */
  table(headers: string[], rows: Array<Array<string | number>>): string
}

/**
 * A section of summary.json. `Meta` is the union of the meta shapes it reads: `sections/index.ts`
 * hands it only tests of its `kinds`, narrowed to those shapes.
 */
export interface SectionBuilder<Section = unknown, Meta extends SpecCiMetaBase = SpecCiMetaBase> {
  /**
   * The top-level key in summary.json (`conformance`, `generate`, `property`, `contract`). Several
   * builders may share one (generate: drift targets and BDD features); their objects are merged shallowly.
   */
  section: string
  /** `meta.kind` values this builder reads. */
  kinds: ReadonlyArray<Meta['kind']>
  /**
   * The section from the tests it reads (already in a deterministic order: by project name, then file
   * path, then the order the tests are declared in the file, which shards and blob merges keep);
   * `undefined` leaves the section out. Must not depend on time or durations, so two identical runs give
   * identical sections.
   */
  build(tests: ReadonlyArray<ReportedTest<Meta>>): Section | undefined
  /** The section's part of summary.md (a heading and its content), or `''` for nothing to show. */
  markdown(section: Section, md: MarkdownKit): string
  /**
   * Extra report files in the origin's formats (e.g. `trace/<name>-validation.json`,
   * `spec/generate-artifacts-diff.json`), paths relative to the report directory with `/`; `run.generatedAt`
   * is the summary's timestamp, for formats that carry one. The reporter
   * writes each atomically and refuses paths that leave the report directory.
   */
  files?(section: Section, tests: ReadonlyArray<ReportedTest<Meta>>, run: { generatedAt: string }): Array<{ path: string; content: string }>
}
