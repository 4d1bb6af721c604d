import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestModule } from 'vitest/node'
// Types `meta().specCi` (Vitest's TaskMeta, augmented there).
import type {} from '../../generated-test-harness/task-meta.ts'
import { writeChunksAtomic } from '../../src/atomic-write.ts'
import type { compileFeature as CompileFeature } from '../../src/bdd/compile-feature.ts'
import { cucumberEnvelopes, type FeatureRun } from '../../src/bdd/messages/cucumber-envelopes.ts'
import type { FeatureSource } from '../../src/bdd/messages/feature-source.ts'
import { runMeta } from '../../src/bdd/messages/meta.ts'
import type { RegistryRecord, ScenarioRunRecord, TestRunHookRecord } from '../../src/bdd/run-record.ts'
import { toPosix } from '../../src/posix-path.ts'
import { featureSourceOf, rememberedFeatureSource } from '../generate/feature-sources.ts'
import { featureMeta, isFeatureFile, runHasFeatureTests } from './feature-tests.ts'

/** This package's name and version, from the package.json above this module (source or dist/). */
function implementation(): { name: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const file = path.join(dir, 'package.json')
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'vitest-spec-ci') return { name: 'vitest-spec-ci', version: pkg.version ?? '0.0.0' }
    }
    const parent = path.dirname(dir)
    if (parent === dir) return { name: 'vitest-spec-ci', version: '0.0.0' }
    dir = parent
  }
}

/**
 * The per-file records: the harness puts the registry and the BeforeAll/AfterAll runs on the feature
 * module's meta, `specCiFeatureFile` (src/bdd/test-meta.ts `FeatureFileMeta`).
 */
function fileRecords(module: TestModule): { registry?: RegistryRecord; testRunHooks: TestRunHookRecord[] } {
  const meta = (module.meta() as { specCiFeatureFile?: { registry?: RegistryRecord; testRunHooks?: TestRunHookRecord[] } }).specCiFeatureFile
  return { ...(meta?.registry && { registry: meta.registry }), testRunHooks: Array.isArray(meta?.testRunHooks) ? meta.testRunHooks : [] }
}

/** The transform's parse of the file, or (e.g. under --merge-reports, where nothing was transformed) a fresh one. */
function sourceOf(file: string, uri: string, compileFeature: typeof CompileFeature): FeatureSource | undefined {
  const remembered = rememberedFeatureSource(file)
  if (remembered) return remembered
  let data: string
  try {
    data = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  return featureSourceOf(uri, data, compileFeature(data, uri))
}

export interface FeatureTestsOfRun {
  sources: FeatureSource[]
  runs: FeatureRun[]
  strict: boolean
  /** The first error of a feature's test module (a step file that cannot be imported, …). */
  runError?: { type: string; message: string }
  /** Earliest recorded start, for a run whose start the reporter did not see. */
  earliestMs: number | undefined
}

/**
 * The feature files of a run and what their tests recorded; `undefined` when the run has no feature
 * test. Strict mode is read from the outcome: a scenario whose last status is UNDEFINED or PENDING
 * failed in strict mode and was skipped otherwise.
 */
export function featureTestsOf(modules: ReadonlyArray<TestModule>, root: string, compileFeature: typeof CompileFeature): FeatureTestsOfRun | undefined {
  const found: Array<{ source: FeatureSource; run: FeatureRun }> = []
  let strict: boolean | undefined
  let runError: FeatureTestsOfRun['runError']
  let earliestMs: number | undefined
  for (const module of modules) {
    const tests = [...module.children.allTests()]
    const metas = tests.map(featureMeta)
    if (!metas.some(Boolean) && !isFeatureFile(module)) continue
    const uri = metas.find(Boolean)?.file ?? toPosix(path.relative(root, module.moduleId))
    const source = sourceOf(module.moduleId, uri, compileFeature)
    // A module error the harness did not record (no file meta: e.g. a step file that cannot be
    // imported) is the run's error; a failed BeforeAll/AfterAll is in the records already.
    const error = module.errors()[0]
    const recorded = (module.meta() as { specCiFeatureFile?: unknown }).specCiFeatureFile !== undefined
    if (error && !recorded && !runError) runError = { type: error.name ?? 'Error', message: error.message ?? String(error) }
    if (!source) continue
    const scenarios: ScenarioRunRecord[] = []
    tests.forEach((test, i) => {
      const run = metas[i]?.run
      if (!run) return
      scenarios.push(run)
      const first = run.attempts[0]?.startedMs
      if (first !== undefined && (earliestMs === undefined || first < earliestMs)) earliestMs = first
      const state = test.result().state
      if (strict === undefined && (run.status === 'UNDEFINED' || run.status === 'PENDING')) {
        if (state === 'failed') strict = true
        else if (state === 'skipped') strict = false
      }
    })
    found.push({ source, run: { uri: source.uri, ...fileRecords(module), scenarios } })
  }
  if (found.length === 0) return undefined
  found.sort((a, b) => (a.source.uri < b.source.uri ? -1 : a.source.uri > b.source.uri ? 1 : 0))
  // A feature file in two projects is one source (its pickles once), with each project's run of it.
  const sources = new Map(found.map((f) => [f.source.uri, f.source]))
  return { sources: [...sources.values()], runs: found.map((f) => f.run), strict: strict ?? true, ...(runError && { runError }), earliestMs }
}

function* ndjsonLines(envelopes: Iterable<unknown>): Generator<string> {
  for (const envelope of envelopes) yield `${JSON.stringify(envelope)}\n`
}

/** Writes the run's Cucumber Messages to `file` (streamed, atomically); false when the run has no feature tests. */
export async function writeCucumberMessages(file: string, modules: ReadonlyArray<TestModule>, root: string, startedMs: number | undefined, finishedMs: number): Promise<boolean> {
  // The Gherkin parser is loaded here, for a run that writes messages: loading the plugin (every run,
  // every project) never pays for it.
  if (!runHasFeatureTests(modules)) return false
  const { compileFeature } = await import('../../src/bdd/compile-feature.ts')
  const features = featureTestsOf(modules, root, compileFeature)
  if (!features) return false
  const envelopes = cucumberEnvelopes({
    meta: runMeta(implementation()),
    sources: features.sources,
    runs: features.runs,
    startedMs: startedMs ?? features.earliestMs ?? finishedMs,
    finishedMs,
    strict: features.strict,
    ...(features.runError && { runError: features.runError }),
  })
  await writeChunksAtomic(file, ndjsonLines(envelopes))
  return true
}
