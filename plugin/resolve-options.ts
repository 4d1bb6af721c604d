import { SpecCiConfigError } from '../src/errors.ts'
import type { RuleSeverity } from '../src/spec/types.ts'
import type { ConformanceOptions, SpecCiOptions } from './types.ts'
import { resolveContractOptions, type ResolvedContractOptions } from './contract/resolve-contract-options.ts'
import { validateReportOptions } from './reporter/resolve-report-options.ts'
import type { ReportOptions } from './types.ts'
import type { GenerateOptions } from './types.ts'
import { resolveBddOptions, type ResolvedBddOptions } from './generate/bdd-options.ts'
import { resolvePropertyOptions, type ResolvedPropertyOptions } from './property/resolve-property-options.ts'

export interface ResolvedTraceGroup {
  include: string[]
  spec: string
  specOptions: Record<string, unknown>
  rules: Record<string, RuleSeverity>
}

export interface ResolvedConformanceOptions {
  name: string
  groups: ResolvedTraceGroup[]
  include: string[]
  exclude: string[]
  maxStoredViolations: number
  maxLineBytes: number
}

export interface ResolvedSpecCiOptions {
  conformance: ResolvedConformanceOptions | undefined
  contract?: ResolvedContractOptions | undefined
  /** `false`: no summary reporter. */
  report?: ReportOptions | false
  generate?: ResolvedGenerateOptions | undefined
  property?: ResolvedPropertyOptions | undefined
}

export interface ResolvedGenerateOptions {
  name: string
  /** Test files of the project: feature files (and drift manifests). */
  include: string[]
  exclude: string[]
  bdd: ResolvedBddOptions | undefined
}

function resolveGenerate(o: GenerateOptions): ResolvedGenerateOptions {
  const bdd = resolveBddOptions(o)
  return { name: o.name ?? 'generate', include: [...(bdd?.features ?? [])], exclude: [...(bdd?.exclude ?? ['**/node_modules/**'])], bdd }
}

export const SIDECAR_GLOB = '**/*.expect.yml'

function positiveInteger(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw new SpecCiConfigError(`specCi: ${option} is ${JSON.stringify(value)}; expected a positive integer`)
  return value as number
}

function resolveConformance(o: ConformanceOptions): ResolvedConformanceOptions {
  if (!Array.isArray(o.traces) || o.traces.length === 0)
    throw new SpecCiConfigError('specCi: conformance.traces must list at least one glob, e.g. ["traces/**/*.ndjson"]')
  const defaults = { spec: o.spec ?? 'kvonce', specOptions: { ...o.specOptions }, rules: { ...o.rules } }
  const groups = o.traces.map((entry, i): ResolvedTraceGroup => {
    if (typeof entry === 'string') return { include: [entry], ...defaults }
    const include = typeof entry.include === 'string' ? [entry.include] : entry.include
    if (!Array.isArray(include) || include.length === 0 || include.some((g) => typeof g !== 'string'))
      throw new SpecCiConfigError(`specCi: conformance.traces[${i}].include must be a glob or a list of globs`)
    return {
      include: [...include],
      spec: entry.spec ?? defaults.spec,
      specOptions: { ...defaults.specOptions, ...entry.specOptions },
      rules: { ...defaults.rules, ...entry.rules },
    }
  })
  return {
    name: o.name ?? 'conformance',
    groups,
    include: groups.flatMap((g) => g.include),
    exclude: [...(o.exclude ?? []), SIDECAR_GLOB, '**/node_modules/**'],
    maxStoredViolations: positiveInteger(o.maxStoredViolations, 'conformance.maxStoredViolations', 1000),
    maxLineBytes: positiveInteger(o.maxLineBytes, 'conformance.maxLineBytes', 16 * 1024 * 1024),
  }
}

/** Resolves user options once into a new object; the caller's object is never modified. */
export function resolveSpecCiOptions(options: SpecCiOptions = {}): ResolvedSpecCiOptions {
  return {
    conformance: options.conformance ? resolveConformance(options.conformance) : undefined,
    contract: options.contract ? resolveContractOptions(options.contract) : undefined,
    generate: options.generate ? resolveGenerate(options.generate) : undefined,
    property: options.property ? resolvePropertyOptions(options.property) : undefined,
    report: options.report === false ? false : validateReportOptions(options.report, 'specCi: report'),
  }
}
