import { resolveConformanceOptions, type ResolvedConformanceOptions } from './conformance/resolve-conformance-options.ts'
import { resolveContractOptions, type ResolvedContractOptions } from './contract/resolve-contract-options.ts'
import { resolveGenerateOptions, type ResolvedGenerateOptions } from './generate/resolve-generate-options.ts'
import { knownKeys } from './options/known-keys.ts'
import { resolvePropertyOptions, type ResolvedPropertyOptions } from './property/resolve-property-options.ts'
import { validateReportOptions } from './reporter/resolve-report-options.ts'
import type { ContractOptions, PropertyOptions, ReportOptions, SpecCiOptions } from './types.ts'

export {
  DEFAULT_TRACE_TIMEOUT_MS,
  SIDECAR_GLOB,
  type ResolvedConformanceOptions,
  type ResolvedTraceGroup,
} from './conformance/resolve-conformance-options.ts'
export type { ResolvedGenerateOptions } from './generate/resolve-generate-options.ts'

export interface ResolvedSpecCiOptions {
  conformance: ResolvedConformanceOptions | undefined
  contract?: ResolvedContractOptions | undefined
  /** `false`: no summary reporter. */
  report?: ReportOptions | false
  generate?: ResolvedGenerateOptions | undefined
  property?: ResolvedPropertyOptions | undefined
}

const SPEC_CI_KEYS: ReadonlyArray<keyof SpecCiOptions> = ['conformance', 'contract', 'generate', 'property', 'report']

/**
 * Resolves user options once into a new object, checking every key and value on the way, so a typo
 * fails when the config is loaded, with its option path; the caller's object is never modified.
 */
export function resolveSpecCiOptions(options: SpecCiOptions = {}): ResolvedSpecCiOptions {
  const o = knownKeys<SpecCiOptions>(options, 'specCi', SPEC_CI_KEYS)
  return {
    conformance: o.conformance !== undefined ? resolveConformanceOptions(o.conformance) : undefined,
    contract: o.contract !== undefined ? resolveContractOptions(o.contract as ContractOptions) : undefined,
    generate: o.generate !== undefined ? resolveGenerateOptions(o.generate) : undefined,
    property: o.property !== undefined ? resolvePropertyOptions(o.property as PropertyOptions) : undefined,
    report: o.report === false ? false : validateReportOptions(o.report, 'specCi: report'),
  }
}
