import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Plugin } from 'vite'
import type { TestProject, Vitest } from 'vitest/node'
import type { LiveCaptureTally } from '../../generated-test-harness/live-capture-check.ts'
import { realFolders, removeFileInside, UnsafePathError } from '../../src/drift/write-inside.ts'
import { SpecCiConfigError } from '../../src/errors.ts'
import { captureEndpointEnv } from '../../src/otlp/capture-endpoint.ts'
import { startOtlpReceiver, type OtlpReceiver } from '../../src/otlp/receiver.ts'
import { toPosix } from '../../src/posix-path.ts'
import type { OwnId } from '../input-files.ts'
import { resolveReportOptions } from '../reporter/resolve-report-options.ts'
import type { ReportOptions } from '../types.ts'
import type { ResolvedLiveCapture } from './resolve-conformance-options.ts'

export const LIVE_QUERY = '?spec-ci-live&raw'

/** Refusals listed in the capture's failure; the rest are counted. */
const LISTED_REFUSALS = 5

/** How the capture came out, when its test module is loaded. */
export type LiveOutcome = { kind: 'captured'; tally: LiveCaptureTally } | { kind: 'skipped'; reason: string }

/**
 * The live capture of one Vitest run (main process). `configureVitest` starts the OTLP receiver before
 * any test runs and puts its endpoint into the environment of the projects that run before the
 * conformance project (Vitest's `sequence.groupOrder`: the plugin gives conformance a later group), and
 * lists the capture file as one more test file of the conformance project. When Vitest loads that test
 * module, those projects have finished: the receiver is closed (the requests in flight answered and
 * written) and the module checks the file like any trace.
 */
export class LiveCapture {
  /** Absolute capture file. */
  file = ''
  displayFile = ''
  private receiver: OtlpReceiver | undefined
  private vitest: Vitest | undefined
  private drivers: TestProject[] = []
  private endpoint = ''
  private watchMode = false
  private outcome: Promise<LiveOutcome> | undefined
  private readonly tally = { batches: 0, spans: 0, services: new Set<string>(), refused: [] as Array<{ status: number; message: string }>, moreRefused: 0 }

  constructor(
    readonly options: ResolvedLiveCapture,
    private readonly report: ReportOptions | false | undefined,
  ) {}

  readonly configureVitest: NonNullable<Plugin['configureVitest']> = async ({ vitest, project }) => {
    const root = project.config.root
    // The capture goes with the run's reports, also when the summary reporter is left out.
    const reportDir = resolveReportOptions(this.report || {}, root).dir
    this.file = path.join(reportDir, 'live', `${this.options.name}.otlp.jsonl`)
    this.displayFile = toPosix(path.relative(root, this.file))
    this.vitest = vitest
    const glob = project.globTestFiles.bind(project)
    project.globTestFiles = async (filters) => {
      const found = await glob(filters)
      const listed = !filters?.length || filters.some((f) => this.file.includes(f) || this.displayFile.includes(f))
      return listed ? { ...found, testFiles: [...found.testFiles, this.file] } : found
    }
    if (vitest.config.watch) {
      this.watchMode = true
      return
    }
    const order = project.config.sequence.groupOrder
    this.drivers = vitest.projects.filter((p) => p !== project && p.config.sequence.groupOrder < order)
    if (this.drivers.length === 0) return
    // A fresh capture per run, written only below the report directory and never through a link.
    try {
      await mkdir(reportDir, { recursive: true })
      await realFolders(reportDir, path.dirname(this.file), true)
      await removeFileInside(reportDir, this.file)
    } catch (error) {
      throw this.fileError(error, root, reportDir)
    }
    // protobufjs (and the OTLP schema it parses) is loaded only when a live capture starts, not with the plugin.
    const { decodeOtlpTraces } = await import('../../src/trace/otlp-protobuf.ts')
    try {
      this.receiver = await startOtlpReceiver({
        outFile: this.file,
        exclusive: true,
        port: this.options.port,
        maxBodyBytes: this.options.maxBodyBytes,
        decodeProtobuf: decodeOtlpTraces,
        onBatch: (batch) => {
          this.tally.batches++
          this.tally.spans += batch.spans
          for (const service of batch.services) this.tally.services.add(service)
        },
        onRefused: (refused) => {
          if (this.tally.refused.length < LISTED_REFUSALS) this.tally.refused.push(refused)
          else this.tally.moreRefused++
        },
      })
    } catch (error) {
      // The receiver opens the capture file before it listens: only a listen error is about the port.
      if ((error as NodeJS.ErrnoException).syscall !== 'listen') throw this.fileError(error, root, reportDir)
      throw new SpecCiConfigError(`specCi: conformance.live: the OTLP receiver cannot listen on 127.0.0.1:${this.options.port}: ${(error as Error).message}${this.options.port !== 0 ? '; choose another port, or 0 for a free one' : ''}`)
    }
    const env = captureEndpointEnv(this.receiver.url)
    this.endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT!
    // Each project's workers are started with process.env, then its config's env, when it first runs.
    for (const driver of this.drivers) driver.config.env = { ...driver.config.env, ...env }
    vitest.onClose(() => this.receiver?.close())
  }

  /** Why the capture file cannot be made fresh, in the words of the config: a link in the way, or the error. */
  private fileError(error: unknown, root: string, reportDir: string): Error {
    const shown = (file: string) => toPosix(path.relative(root, file)) || '.'
    if (error instanceof UnsafePathError)
      return new SpecCiConfigError(
        `specCi: conformance.live: the capture ${this.displayFile} cannot be written: ${shown(error.at)} is ${error.obstacle === 'link' ? 'a symbolic link' : error.obstacle === 'not-a-file' ? 'not a regular file' : 'not a folder'}; ` +
          `the capture is written only into real folders below the report directory ${shown(reportDir)}, never through a link. Remove ${shown(error.at)}`,
      )
    return new SpecCiConfigError(`specCi: conformance.live: the capture ${this.displayFile} cannot be created: ${(error as Error)?.message ?? String(error)}`)
  }

  /** The test file id of the capture: Vitest imports the file by its path, Vite's graph by `/`-relative URL. */
  readonly ownId: OwnId = {
    query: LIVE_QUERY,
    resolve: (source) => {
      if (this.file === '') return null
      if (source === this.file || source === `/${this.displayFile}`) return this.file + LIVE_QUERY
      if (source === this.file + LIVE_QUERY || source === `/${this.displayFile}${LIVE_QUERY}`) return this.file + LIVE_QUERY
      return null
    },
    // Replaced by the conformance plugin, which renders the module (see conformancePlugin).
    load: () => null,
  }

  /** Closes the capture once (the driving projects have finished by now) and says how it came out. */
  settle(): Promise<LiveOutcome> {
    return (this.outcome ??= this.close())
  }

  private async close(): Promise<LiveOutcome> {
    if (this.watchMode)
      return { kind: 'skipped', reason: `live capture is checked in \`vitest run\`, not in watch mode; the last run's capture can be replayed with: spec-ci trace validate ${this.displayFile}` }
    if (!this.receiver)
      return { kind: 'skipped', reason: 'no project runs before the conformance project in this run, so nothing drove the service: run the contract, generate or property project too' }
    await this.receiver.close()
    const names = this.drivers.map((d) => d.name)
    const ran = new Set(
      (this.vitest?.state.getFiles() ?? [])
        .filter((file) => names.includes(file.projectName ?? '') && hasRun(file))
        .map((file) => file.projectName ?? ''),
    )
    if (ran.size === 0 && this.tally.spans === 0)
      return { kind: 'skipped', reason: `no test of ${names.join(', ')} ran in this run, so nothing drove the service` }
    const { batches, spans, refused, moreRefused } = this.tally
    // Named as the projects that ran: the root config's own project is a driver too, with no test files in most setups.
    const drivers = ran.size > 0 ? names.filter((name) => ran.has(name)) : names
    return {
      kind: 'captured',
      tally: { file: this.file, displayFile: this.displayFile, batches, spans, services: [...this.tally.services].sort(), refused, moreRefused, drivers, endpoint: this.endpoint },
    }
  }
}

interface TaskLike {
  type: string
  result?: { state?: string }
  tasks?: TaskLike[]
}

/** Whether a test of the file ran (passed or failed), not only collected or skipped. */
function hasRun(task: TaskLike): boolean {
  if (task.type === 'test') return task.result?.state === 'pass' || task.result?.state === 'fail'
  return (task.tasks ?? []).some(hasRun)
}
