import { existsSync, readFileSync, statSync } from 'node:fs'
import picomatch from 'picomatch'
import type { Plugin, Rollup } from 'vite'
import { expectationsPathFor } from '../../src/conformance/expectations-path.ts'
import { resolveRuleSeverities } from '../../src/conformance/check-trace.ts'
import { harnessPath } from '../harness-path.ts'
import { loadSpec, specSource } from '../load-spec.ts'
import { checkSpecSettings } from '../options/spec-at-config.ts'
import { renderTraceModule, type TraceModuleInput } from './render-trace-module.ts'
import { LiveCapture } from './live-capture.ts'
import { RemoteTraces, renderUnfetchedModule } from './remote-traces.ts'
import type { RenderedModule } from '../module-writer.ts'
import type { ReportOptions } from '../types.ts'
import type { ResolvedConformanceOptions, ResolvedTraceGroup } from '../resolve-options.ts'
import { InputFiles, inputFilePlugin, type OwnId } from '../input-files.ts'
import { RefusedStandIns } from './refused-stand-ins.ts'
import { TestModuleWarmup } from '../warm-test-modules.ts'

// Vite's JSON plugin transforms every id ending in `.json` (OTLP traces are `.json`) and skips ids
// carrying a `raw` query. The load hook below owns these ids before any other plugin reads them.
export const TRACE_QUERY = '?spec-ci-trace&raw'
const SIDECAR_QUERY = '?spec-ci-expect&raw'

/** A trace's sidecar (expected violations), imported by its module as text: editing it re-runs the trace. */
const sidecarId: OwnId = {
  query: SIDECAR_QUERY,
  load(context, file) {
    context.addWatchFile(file)
    return { code: `export default ${JSON.stringify(readFileSync(file, 'utf8'))}`, map: { mappings: '' } }
  },
}

/** The Vite face of the conformance project: each matching trace file becomes a test module. */
export function conformancePlugin(options: ResolvedConformanceOptions, report?: ReportOptions | false): Plugin {
  const inputs = new InputFiles(options.include, options.exclude)
  const groups = options.groups.map((group) => ({ group, match: picomatch(group.include, { dot: true }) }))
  const groupFor = (file: string): ResolvedTraceGroup | undefined => (inputs.matches(file) ? groups.find((g) => g.match(inputs.display(file)))?.group : undefined)
  const standIns = new RefusedStandIns(inputs)
  const live = options.live ? new LiveCapture(options.live, report) : undefined
  const remote = options.remote.length > 0 ? new RemoteTraces(options.remote, report) : undefined
  let warmup: TestModuleWarmup | undefined

  /** The spec of traces checked with `settings`, and the severity of each of its rules. */
  async function specOf(context: Pick<Rollup.PluginContext, 'addWatchFile'>, settings: Omit<ResolvedTraceGroup, 'include'>) {
    const source = specSource(settings.spec, inputs.root)
    const version = source.kind === 'module' ? String(statSync(source.file).mtimeMs) : ''
    const spec = await loadSpec(source, inputs.root, version)
    for (const dependency of spec.dependencies) context.addWatchFile(dependency)
    // A module spec's options and rules are checked here, once it is imported (built-ins were checked
    // with the config): fail at declaration with the option path, rather than once per rule test.
    checkSpecSettings(spec.model, settings, settings.path)
    return { source, severities: resolveRuleSeverities(spec.model, settings.rules) }
  }

  /** The test module of a trace checked with `settings` (a group's, the live capture's, a remote entry's). */
  async function traceModule(context: Pick<Rollup.PluginContext, 'addWatchFile'>, file: string, settings: Omit<ResolvedTraceGroup, 'include'>, extra: Pick<TraceModuleInput, 'sidecar' | 'live'>): Promise<RenderedModule> {
    const { source, severities } = await specOf(context, settings)
    return renderTraceModule({
      file,
      displayFile: inputs.display(file),
      harness: harnessPath('conformance'),
      spec: source,
      severities: { ...severities },
      specOptions: settings.specOptions,
      maxStoredViolations: options.maxStoredViolations,
      maxLineBytes: options.maxLineBytes,
      maxDecompressedBytes: options.maxDecompressedBytes,
      timeout: settings.timeout,
      partitionBy: settings.partitionBy,
      concurrency: settings.concurrency,
      ...extra,
    })
  }

  const liveId: OwnId[] = live
    ? [
        {
          ...live.ownId,
          async load(context) {
            const outcome = await live.settle()
            return traceModule(context, live.file, live.options, { sidecar: undefined, live: outcome.kind === 'skipped' ? { skipped: outcome.reason } : { tally: outcome.tally } })
          },
        },
      ]
    : []

  // A remote entry's module: the trace module over the download, or, when it was not fetched, its rule
  // tests failing alike with why (the URL redacted).
  const remoteId: OwnId[] = remote
    ? [
        {
          ...remote.ownId,
          async load(context, testFile) {
            const entry = remote.entryOf(testFile)
            if (!entry) return null
            const outcome = await remote.settle(entry)
            if (outcome.kind === 'fetched') return traceModule(context, outcome.file, entry.options, { sidecar: undefined })
            const { severities } = await specOf(context, entry.options)
            return renderUnfetchedModule({ file: entry.testFile, displayFile: entry.displayFile, title: entry.options.name, severities: { ...severities }, name: outcome.name, message: outcome.message })
          },
        },
      ]
    : []

  return inputFilePlugin('vitest-spec-ci:conformance', inputs, TRACE_QUERY, {
    ownIds: [sidecarId, standIns.ownId, ...liveId, ...remoteId],
    otherTestFiles: (file) => file === live?.file || remote?.entryOf(file) !== undefined,
    async configureVitest(context) {
      await standIns.configureVitest(context)
      await live?.configureVitest(context)
      await remote?.configureVitest(context)
      // Trace modules only: a live capture's waits for the driving projects, a remote entry's downloads.
      warmup = new TestModuleWarmup(context, (file) => groupFor(file) !== undefined && file !== live?.file && remote?.entryOf(file) === undefined)
    },
    async load(context, file) {
      const group = groupFor(file)
      if (!group) return null
      warmup?.begin()
      const sidecarFile = expectationsPathFor(file)
      context.addWatchFile(sidecarFile)
      const sidecar = existsSync(sidecarFile) ? { id: sidecarFile + SIDECAR_QUERY, file: sidecarFile, displayFile: inputs.display(sidecarFile) } : undefined
      return traceModule(context, file, group, { sidecar })
    },
  })
}
