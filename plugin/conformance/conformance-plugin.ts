import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import type { Plugin } from 'vite'
import { expectationsPathFor } from '../../src/conformance/expectations-path.ts'
import { resolveRuleSeverities } from '../../src/conformance/check-trace.ts'
import { printable } from '../../src/printable-text.ts'
import { harnessPath } from '../harness-path.ts'
import { loadSpec, specSource } from '../load-spec.ts'
import { renderTraceModule } from './render-trace-module.ts'
import type { ResolvedConformanceOptions, ResolvedTraceGroup } from '../resolve-options.ts'
import { importedFile } from '../input-files.ts'
import { REFUSED_QUERY, REFUSED_SUFFIX, refusalOf, renderRefusedTraceModule, unlistedTraceFiles } from './refused-traces.ts'

// Vite's JSON plugin transforms every id ending in `.json` (OTLP traces are `.json`) and skips ids
// carrying a `raw` query. The load hook below owns these ids before any other plugin reads them.
export const TRACE_QUERY = '?spec-ci-trace&raw'
const SIDECAR_QUERY = '?spec-ci-expect&raw'

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}

/** The Vite face of the conformance project: each matching trace file becomes a test module. */
export function conformancePlugin(options: ResolvedConformanceOptions): Plugin {
  let root = process.cwd()
  let groupMatchers: Array<{ group: ResolvedTraceGroup; match: (p: string) => boolean }> = []
  let excluded: (p: string) => boolean = () => false

  function groupFor(file: string): ResolvedTraceGroup | undefined {
    const rel = toPosix(path.relative(root, file))
    if (rel.startsWith('../') || excluded(rel)) return undefined
    return groupMatchers.find((m) => m.match(rel))?.group
  }

  /** Stand-in test files of refused traces (see refused-traces.ts), with why each was refused. */
  const refused = new Map<string, { display: string; reason: string }>()
  /** The test file Vitest gets for `file`: itself, or a stand-in when it is refused. */
  function standIn(file: string): string {
    const display = toPosix(path.relative(root, file))
    const reason = groupFor(file) ? refusalOf(file, display) : undefined
    return reason === undefined ? file : refuse(file, display, reason)
  }
  function refuse(file: string, display: string, reason: string): string {
    const stand = printable(file) + REFUSED_SUFFIX
    refused.set(stand, { display, reason })
    return stand
  }
  /** Stand-ins for the traces Vitest's glob does not list at all (see unlistedTraceFiles). */
  function unlistedStandIns(filters: readonly string[] | undefined): string[] {
    const stands: string[] = []
    for (const file of unlistedTraceFiles(root, options.include, options.exclude)) {
      if (filters?.length && !filters.some((f) => file.includes(f) || printable(file).includes(f))) continue
      const display = toPosix(path.relative(root, file))
      const reason = refusalOf(file, display)
      if (reason !== undefined) stands.push(refuse(file, display, reason))
    }
    return stands
  }

  /**
   * Our own ids come back from Vite's module graph as URLs relative to the root (`/traces/x?…`), which
   * Vite's resolver maps back only for files that exist and are regular; these never both are.
   */
  function ownId(source: string): string | null {
    const query = source.endsWith(REFUSED_QUERY) ? REFUSED_QUERY : undefined
    if (!query) return null
    const file = source.slice(0, -query.length)
    if (refused.has(file)) return source
    const fromRoot = path.join(root, file)
    return refused.has(fromRoot) ? fromRoot + query : null
  }

  return {
    name: 'vitest-spec-ci:conformance',
    enforce: 'pre',
    configResolved(config) {
      root = config.root
      groupMatchers = options.groups.map((group) => ({ group, match: picomatch(group.include, { dot: true }) }))
      excluded = picomatch(options.exclude, { dot: true })
    },
    configureVitest({ project }) {
      const glob = project.globTestFiles.bind(project)
      project.globTestFiles = async (filters) => {
        const found = await glob(filters)
        return { ...found, testFiles: [...found.testFiles.map(standIn), ...unlistedStandIns(filters)] }
      }
    },
    resolveId: {
      order: 'pre',
      handler(source, importer) {
        const own = ownId(source)
        if (own) return own
        const plain = importedFile(source, importer)
        if (plain && refused.has(plain)) return plain + REFUSED_QUERY
        const file = plain
        if (file && groupFor(file) && existsSync(file)) return file + TRACE_QUERY
        return null
      },
    },
    async load(id) {
      if (id.endsWith(SIDECAR_QUERY)) {
        const file = id.slice(0, -SIDECAR_QUERY.length)
        this.addWatchFile(file)
        return { code: `export default ${JSON.stringify(readFileSync(file, 'utf8'))}`, map: { mappings: '' } }
      }
      if (id.endsWith(REFUSED_QUERY)) {
        const stand = id.slice(0, -REFUSED_QUERY.length)
        const refusal = refused.get(stand)
        return refusal === undefined ? null : renderRefusedTraceModule(refusal.display, refusal.reason)
      }
      if (!id.endsWith(TRACE_QUERY)) return null
      const file = id.slice(0, -TRACE_QUERY.length)
      const group = groupFor(file)
      if (!group) return null
      const source = specSource(group.spec, root)
      const version = source.kind === 'module' ? String(statSync(source.file).mtimeMs) : ''
      const spec = await loadSpec(source, root, version)
      for (const dependency of spec.dependencies) this.addWatchFile(dependency)
      // Fail at declaration with the option named, rather than once per rule test.
      spec.model.resolveOptions(group.specOptions)
      const severities = resolveRuleSeverities(spec.model, group.rules)
      const sidecarFile = expectationsPathFor(file)
      this.addWatchFile(sidecarFile)
      const rendered = renderTraceModule({
        file,
        displayFile: toPosix(path.relative(root, file)),
        harness: harnessPath('conformance'),
        spec: source,
        severities: { ...severities },
        specOptions: group.specOptions,
        maxStoredViolations: options.maxStoredViolations,
        maxLineBytes: options.maxLineBytes,
        maxDecompressedBytes: options.maxDecompressedBytes,
        timeout: group.timeout,
        sidecar: existsSync(sidecarFile)
          ? { id: sidecarFile + SIDECAR_QUERY, file: sidecarFile, displayFile: toPosix(path.relative(root, sidecarFile)) }
          : undefined,
      })
      return rendered
    },
  }
}
