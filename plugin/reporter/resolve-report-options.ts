import path from 'node:path'
import { SpecCiConfigError } from '../../src/errors.ts'
import { pathInside } from '../../src/report/report-path.ts'
import { knownKeys } from '../options/known-keys.ts'
import type { HistoryOptions, ReportOptions } from '../types.ts'

export const DEFAULT_REPORT_DIR = 'hermetic-reports'

export const DEFAULT_CUCUMBER_MESSAGES = 'bdd/cucumber-messages.ndjson'

const REPORT_KEYS: ReadonlyArray<keyof ReportOptions> = ['dir', 'adapterSummary', 'cucumberMessages', 'dashboard', 'history']

const HISTORY_KEYS: ReadonlyArray<keyof HistoryOptions> = ['keep', 'from']

export const DEFAULT_HISTORY_KEEP = 20
export const MAX_HISTORY_KEEP = 1000

export interface ResolvedReportOptions {
  /** Absolute report directory. */
  dir: string
  adapterSummary: boolean
  /** Absolute path of the Cucumber Messages NDJSON, inside `dir`; `undefined`: not written. */
  cucumberMessages: string | undefined
  /** `undefined`: no dashboard written. */
  dashboard: { keep: number; from: string | undefined } | undefined
}

const HISTORY_HINT = "expected false, a number of runs to keep (e.g. 20), a directory of earlier summary.json files, or { keep: 20, from: 'previous-reports' }"

function validateKeep(keep: unknown, where: string): number {
  if (typeof keep !== 'number' || !Number.isInteger(keep) || keep < 0 || keep > MAX_HISTORY_KEEP)
    throw new SpecCiConfigError(`${where} is ${JSON.stringify(keep)}; expected a whole number of runs from 0 to ${MAX_HISTORY_KEEP} (0 keeps no history.json)`)
  return keep
}

function validateFrom(from: unknown, where: string): string {
  if (typeof from !== 'string' || from.trim() === '') throw new SpecCiConfigError(`${where} is ${JSON.stringify(from)}; expected a directory of earlier summary.json files, relative to the project root`)
  return from
}

/** `report.history` checked and copied: `false`, or the runs to keep and the directory to read. */
function validateHistory(history: unknown, where: string): false | HistoryOptions {
  if (history === false) return false
  if (typeof history === 'number') return { keep: validateKeep(history, where) }
  if (typeof history === 'string') return { from: validateFrom(history, where) }
  if (history === null || typeof history !== 'object' || Array.isArray(history)) throw new SpecCiConfigError(`${where} is ${JSON.stringify(history)}; ${HISTORY_HINT}`)
  const { keep, from } = knownKeys<HistoryOptions>(history, where, HISTORY_KEYS)
  const resolved: HistoryOptions = {}
  if (keep !== undefined) resolved.keep = validateKeep(keep, `${where}.keep`)
  if (from !== undefined) resolved.from = validateFrom(from, `${where}.from`)
  return resolved
}

/** Checks the shape of `report` options right away, so a typo fails at config time, not after the run. */
export function validateReportOptions(options: unknown, where: string): ReportOptions {
  if (options === undefined) return {}
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new SpecCiConfigError(`${where} is ${JSON.stringify(options)}; expected false or an object like { dir: 'hermetic-reports' }`)
  const { dir, adapterSummary, cucumberMessages, dashboard, history } = knownKeys<ReportOptions>(options, where, REPORT_KEYS)
  if (dashboard !== undefined && typeof dashboard !== 'boolean') throw new SpecCiConfigError(`${where}.dashboard is ${JSON.stringify(dashboard)}; expected true or false`)
  const historyResolved = history === undefined ? undefined : validateHistory(history, `${where}.history`)
  if (dir !== undefined && (typeof dir !== 'string' || dir.trim() === ''))
    throw new SpecCiConfigError(`${where}.dir is ${JSON.stringify(dir)}; expected a non-empty directory path relative to the project root`)
  if (adapterSummary !== undefined && typeof adapterSummary !== 'boolean')
    throw new SpecCiConfigError(`${where}.adapterSummary is ${JSON.stringify(adapterSummary)}; expected true or false`)
  if (cucumberMessages !== undefined && cucumberMessages !== false) {
    const hint = `expected false or a path inside the report directory, relative to it, e.g. ${JSON.stringify(DEFAULT_CUCUMBER_MESSAGES)}`
    if (typeof cucumberMessages !== 'string') throw new SpecCiConfigError(`${where}.cucumberMessages is ${JSON.stringify(cucumberMessages)}; ${hint}`)
    try {
      pathInside('/report-dir', cucumberMessages)
    } catch {
      throw new SpecCiConfigError(`${where}.cucumberMessages is ${JSON.stringify(cucumberMessages)}, which leaves the report directory; ${hint}`)
    }
  }
  const resolved: ReportOptions = {}
  if (dir !== undefined) resolved.dir = dir as string
  if (adapterSummary !== undefined) resolved.adapterSummary = adapterSummary as boolean
  if (cucumberMessages !== undefined) resolved.cucumberMessages = cucumberMessages as false | string
  if (dashboard !== undefined) resolved.dashboard = dashboard as boolean
  if (historyResolved !== undefined) resolved.history = historyResolved
  return resolved
}

/**
 * The report directory: `SPEC_CI_REPORT_DIR` (a CI override) over `report.dir` over `hermetic-reports`,
 * relative to the Vitest root.
 */
export function resolveReportOptions(options: ReportOptions, root: string, env: NodeJS.ProcessEnv = process.env): ResolvedReportOptions {
  const dir = env.SPEC_CI_REPORT_DIR || options.dir || DEFAULT_REPORT_DIR
  const resolvedDir = path.resolve(root, dir)
  const messages = options.cucumberMessages ?? DEFAULT_CUCUMBER_MESSAGES
  return {
    dir: resolvedDir,
    adapterSummary: options.adapterSummary ?? false,
    cucumberMessages: messages === false ? undefined : pathInside(resolvedDir, messages),
    dashboard: options.dashboard === false ? undefined : resolveHistory(options.history, root),
  }
}

/** `report.history` (already validated) as the runs to keep and the absolute directory to read. */
function resolveHistory(history: ReportOptions['history'], root: string): { keep: number; from: string | undefined } {
  if (history === false) return { keep: 0, from: undefined }
  if (history === undefined) return { keep: DEFAULT_HISTORY_KEEP, from: undefined }
  if (typeof history === 'number') return { keep: history, from: undefined }
  if (typeof history === 'string') return { keep: DEFAULT_HISTORY_KEEP, from: path.resolve(root, history) }
  return { keep: history.keep ?? DEFAULT_HISTORY_KEEP, from: history.from === undefined ? undefined : path.resolve(root, history.from) }
}
