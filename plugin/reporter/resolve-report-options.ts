import path from 'node:path'
import { SpecCiConfigError } from '../../src/errors.ts'
import { pathInside } from '../../src/report/report-path.ts'
import { knownKeys } from '../options/known-keys.ts'
import type { ReportOptions } from '../types.ts'

export const DEFAULT_REPORT_DIR = 'hermetic-reports'

export const DEFAULT_CUCUMBER_MESSAGES = 'bdd/cucumber-messages.ndjson'

const REPORT_KEYS: ReadonlyArray<keyof ReportOptions> = ['dir', 'adapterSummary', 'cucumberMessages']

export interface ResolvedReportOptions {
  /** Absolute report directory. */
  dir: string
  adapterSummary: boolean
  /** Absolute path of the Cucumber Messages NDJSON, inside `dir`; `undefined`: not written. */
  cucumberMessages: string | undefined
}

/** Checks the shape of `report` options right away, so a typo fails at config time, not after the run. */
export function validateReportOptions(options: unknown, where: string): ReportOptions {
  if (options === undefined) return {}
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new SpecCiConfigError(`${where} is ${JSON.stringify(options)}; expected false or an object like { dir: 'hermetic-reports' }`)
  const { dir, adapterSummary, cucumberMessages } = knownKeys<ReportOptions>(options, where, REPORT_KEYS)
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
  }
}
