import { SpecCiConfigError } from '../src/errors.ts'
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../src/trace/open-trace.ts'
import type { RuleSeverity } from '../src/spec/types.ts'
import type { ConformanceOptions, SpecCiOptions } from './types.ts'
import { resolveContractOptions, type ResolvedContractOptions } from './contract/resolve-contract-options.ts'
import { validateReportOptions } from './reporter/resolve-report-options.ts'
import type { ReportOptions } from './types.ts'
import type { GenerateOptions } from './types.ts'
import { resolveBddOptions, type ResolvedBddOptions } from './generate/bdd-options.ts'
import type { ResolvedDriftOptions } from './generate/drift-plugin.ts'
import { resolvePropertyOptions, type ResolvedPropertyOptions } from './property/resolve-property-options.ts'

export interface ResolvedTraceGroup {
  include: string[]
  spec: string
  specOptions: Record<string, unknown>
  rules: Record<string, RuleSeverity>
  /** Time limit of reading and checking one trace, in ms. */
  timeout: number
}

export interface ResolvedConformanceOptions {
  name: string
  groups: ResolvedTraceGroup[]
  include: string[]
  exclude: string[]
  maxStoredViolations: number
  maxLineBytes: number
  maxDecompressedBytes: number
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
  /** Test files of the project: drift manifests and feature files. */
  include: string[]
  exclude: string[]
  bdd: ResolvedBddOptions | undefined
  drift: ResolvedDriftOptions | undefined
}

function resolveDrift(o: GenerateOptions): ResolvedDriftOptions | undefined {
  if (o.manifests === undefined) return undefined
  if (!Array.isArray(o.manifests) || o.manifests.length === 0 || o.manifests.some((g) => typeof g !== 'string' || g === ''))
    throw new SpecCiConfigError(`specCi: generate.manifests is ${JSON.stringify(o.manifests)}; expected a list of globs relative to the project root, e.g. ["**/*.generate.yml"]`)
  return {
    manifests: [...o.manifests],
    exclude: ['**/node_modules/**'],
    maxReportedFiles: positiveInteger(o.maxReportedFiles, 'generate.maxReportedFiles', 200),
  }
}

function resolveGenerate(o: GenerateOptions): ResolvedGenerateOptions {
  const bdd = resolveBddOptions(o)
  const drift = resolveDrift(o)
  if (!bdd && !drift)
    throw new SpecCiConfigError('specCi: generate needs "manifests" (drift manifests, e.g. ["**/*.generate.yml"]) or "features" with "steps" (BDD smoke)')
  return {
    name: o.name ?? 'generate',
    include: [...(drift?.manifests ?? []), ...(bdd?.features ?? [])],
    exclude: [...(bdd?.exclude ?? ['**/node_modules/**'])],
    bdd,
    drift,
  }
}

export const SIDECAR_GLOB = '**/*.expect.yml'

/** Default `conformance.timeout`: the time limit of reading and checking one trace. */
export const DEFAULT_TRACE_TIMEOUT_MS = 120_000

function positiveInteger(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || (value as number) < 1)
    throw new SpecCiConfigError(`specCi: ${option} is ${JSON.stringify(value)}; expected a positive integer`)
  return value as number
}

function resolveConformance(o: ConformanceOptions): ResolvedConformanceOptions {
  if (!Array.isArray(o.traces) || o.traces.length === 0)
    throw new SpecCiConfigError('specCi: conformance.traces must list at least one glob, e.g. ["traces/**/*.ndjson"]')
  const defaults = {
    spec: o.spec ?? 'kvonce',
    specOptions: { ...o.specOptions },
    rules: { ...o.rules },
    timeout: positiveInteger(o.timeout, 'conformance.timeout', DEFAULT_TRACE_TIMEOUT_MS),
  }
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
      timeout: positiveInteger(entry.timeout, `conformance.traces[${i}].timeout`, defaults.timeout),
    }
  })
  return {
    name: o.name ?? 'conformance',
    groups,
    include: groups.flatMap((g) => g.include),
    exclude: [...(o.exclude ?? []), SIDECAR_GLOB, '**/node_modules/**'],
    maxStoredViolations: positiveInteger(o.maxStoredViolations, 'conformance.maxStoredViolations', 1000),
    maxLineBytes: positiveInteger(o.maxLineBytes, 'conformance.maxLineBytes', 16 * 1024 * 1024),
    maxDecompressedBytes: positiveInteger(o.maxDecompressedBytes, 'conformance.maxDecompressedBytes', DEFAULT_MAX_DECOMPRESSED_BYTES),
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
