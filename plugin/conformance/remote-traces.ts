import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Plugin } from 'vite'
import { fileOrNothing, realFolders, removeFileInside, UnsafePathError, writeFileInside } from '../../src/drift/write-inside.ts'
import { toPosix } from '../../src/posix-path.ts'
import { printable } from '../../src/printable-text.ts'
import { fetchPayload, payloadFiles } from '../../src/remote/fetch-payload.ts'
import { RemotePayloadError, scrub, secretsOf } from '../../src/remote/outbound-policy.ts'
import type { RuleSeverity } from '../../src/spec-model/types.ts'
import type { OwnId } from '../input-files.ts'
import { ModuleWriter, type RenderedModule } from '../module-writer.ts'
import { harnessPath } from '../harness-path.ts'
import { resolveReportOptions } from '../reporter/resolve-report-options.ts'
import type { ReportOptions } from '../types.ts'
import { inConfigWords, type ResolvedRemoteTrace } from './resolve-remote-traces.ts'

export const REMOTE_QUERY = '?spec-ci-remote&raw'

/** The test file of an entry whose download path cannot be used (a link or a non-folder on the way). */
const UNUSABLE_SUFFIX = '.remote-refused-by-spec-ci'

/** How an entry's download came out, when its test module is loaded. */
export type RemoteOutcome = { kind: 'fetched'; file: string } | { kind: 'failed'; name: 'RemotePayloadRefused' | 'RemotePayloadFailed'; message: string }

export interface RemoteEntry {
  options: ResolvedRemoteTrace
  /** Absolute download path; its metadata file. */
  file: string
  metadataFile: string
  /** The test file Vitest gets: the download path, or a stand-in when that path cannot be used. */
  testFile: string
  displayFile: string
  /** Why the download path cannot be used, found before the run. */
  unusable: string | undefined
  outcome: Promise<RemoteOutcome> | undefined
}

/**
 * The remote traces of the conformance project (main process). `configureVitest` lists each entry's
 * download path `<report dir>/trace/remote/<name>` as one more test file; when Vitest loads that module
 * (plugin load hook), the payload is fetched under the entry's policy into that path, never through a
 * link, with its metadata beside the trace reports (`fetchPayload`, as `spec-ci trace validate --url`
 * does), once per process. Vitest reads each test file before any plugin hook: a download path that
 * does not exist yet reads as empty there.
 */
export class RemoteTraces {
  private root = ''
  private reportDir = ''
  private entries: RemoteEntry[] = []
  private readonly byTestFile = new Map<string, RemoteEntry>()

  constructor(
    private readonly options: readonly ResolvedRemoteTrace[],
    private readonly report: ReportOptions | false | undefined,
  ) {}

  readonly configureVitest: NonNullable<Plugin['configureVitest']> = async ({ project }) => {
    const root = project.config.root
    this.root = root
    // The downloads go with the run's reports, also when the summary reporter is left out.
    this.reportDir = resolveReportOptions(this.report || {}, root).dir
    const traceDir = path.join(this.reportDir, 'trace')
    this.entries = []
    this.byTestFile.clear()
    for (const options of this.options) {
      const { file, metadataFile } = payloadFiles(traceDir, options.name)
      const unusable = await this.unusable(file, root)
      // A stand-in that does not exist, directly in the report directory: Vitest's read of the real
      // path could go through the link in the way.
      const testFile = unusable === undefined ? file : path.join(this.reportDir, `${options.name}${UNUSABLE_SUFFIX}`)
      const entry: RemoteEntry = { options, file, metadataFile, testFile, displayFile: toPosix(path.relative(root, testFile)), unusable, outcome: undefined }
      this.entries.push(entry)
      this.byTestFile.set(testFile, entry)
    }
    const glob = project.globTestFiles.bind(project)
    project.globTestFiles = async (filters) => {
      const found = await glob(filters)
      // A trace glob such as `**/*.ndjson` may also match an earlier run's download: it is listed once, as ours.
      const own = new Set(this.entries.flatMap((e) => [e.file, e.testFile]))
      const listed = this.entries.filter((e) => !filters?.length || filters.some((f) => e.testFile.includes(f) || e.displayFile.includes(f))).map((e) => e.testFile)
      return { ...found, testFiles: [...found.testFiles.filter((f) => !own.has(f)), ...listed] }
    }
  }

  /** The test file ids of the entries: Vitest imports a file by its path, Vite's graph by `/`-relative URL. */
  readonly ownId: OwnId = {
    query: REMOTE_QUERY,
    resolve: (source) => {
      const plain = source.endsWith(REMOTE_QUERY) ? source.slice(0, -REMOTE_QUERY.length) : source
      for (const entry of this.entries) if (plain === entry.testFile || plain === `/${entry.displayFile}`) return entry.testFile + REMOTE_QUERY
      return null
    },
    // Replaced by the conformance plugin, which renders the module (see conformancePlugin).
    load: () => null,
  }

  /** The entry whose test file is `testFile`, if any. */
  entryOf(testFile: string): RemoteEntry | undefined {
    return this.byTestFile.get(testFile)
  }

  /** Fetches the entry's payload once (a watch-mode re-run reuses the outcome) and says how it came out. */
  settle(entry: RemoteEntry): Promise<RemoteOutcome> {
    return (entry.outcome ??= this.fetch(entry))
  }

  /** Why the download path cannot be written or read safely: a link or a non-folder on the way, or in its place. */
  private async unusable(file: string, root: string): Promise<string | undefined> {
    try {
      if (await realFolders(this.reportDir, path.dirname(file), false)) await fileOrNothing(file)
      return undefined
    } catch (error) {
      return describeWriteProblem(error, root)
    }
  }

  private async fetch(entry: RemoteEntry): Promise<RemoteOutcome> {
    const { options } = entry
    const url = new URL(options.url)
    const secrets = secretsOf(url)
    const failed = (name: 'RemotePayloadRefused' | 'RemotePayloadFailed', why: string): RemoteOutcome => ({
      kind: 'failed',
      name,
      message: scrub(printable(`${options.entry} (${options.shown}) was not fetched, so none of its rules was checked: ${why}`), secrets),
    })
    if (entry.unusable !== undefined) return failed('RemotePayloadFailed', entry.unusable)
    try {
      await mkdir(this.reportDir, { recursive: true })
      // A fresh download per run: an earlier run's payload and metadata never stand for this one's.
      await removeFileInside(this.reportDir, entry.file)
      await removeFileInside(this.reportDir, entry.metadataFile)
      const fetched = await fetchPayload(url, {
        outDir: path.join(this.reportDir, 'trace'),
        name: options.name,
        allowHosts: options.allowHosts,
        allowLoopbackHttp: options.allowLoopbackHttp,
        maxBytes: options.maxDownloadBytes,
        timeoutMs: options.downloadTimeout,
        write: (file, content) => writeFileInside(this.reportDir, file, content),
      })
      return { kind: 'fetched', file: fetched.file }
    } catch (error) {
      if (error instanceof RemotePayloadError) return failed('RemotePayloadRefused', inConfigWords(error.message, options.entry))
      return failed('RemotePayloadFailed', describeWriteProblem(error, this.root))
    }
  }
}

function describeWriteProblem(error: unknown, root: string): string {
  if (error instanceof UnsafePathError)
    return `the download path cannot be used: ${toPosix(path.relative(root, error.at))} is ${error.obstacle === 'link' ? 'a symbolic link' : error.obstacle === 'not-a-file' ? 'not a regular file' : 'not a folder'}; the report directory is written only below it, never through a link`
  return `the download could not be written: ${(error as Error)?.message ?? String(error)}`
}

/**
 * The module of an entry whose payload was not fetched: its rule tests (as the spec has them, `off`
 * ones skipped) each fail with the same message, and none passes.
 */
export function renderUnfetchedModule(input: { file: string; displayFile: string; title: string; severities: Record<string, RuleSeverity>; name: string; message: string }): RenderedModule {
  const out = new ModuleWriter(input.displayFile, 'fix the remote entry in the config', harnessPath('task-location'))
  out.importVitest(['describe', 'test'])
  out.statement(`const unfetched = () => { const error = new Error(${JSON.stringify(input.message)}); error.name = ${JSON.stringify(input.name)}; throw error }`)
  out.describe(input.title, 1, () => {
    for (const [rule, severity] of Object.entries(input.severities)) {
      if (severity === 'off') out.skip(`rule ${rule}`, undefined)
      else out.test(`rule ${rule}`, 'unfetched')
    }
  })
  return out.toModule({ file: input.file, readByVite: false })
}
