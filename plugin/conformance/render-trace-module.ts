import type { LiveCaptureTally, TraceUnderTestConfig } from '../../generated-test-harness/conformance.ts'
import type { RuleSeverity } from '../../src/spec-model/types.ts'
import type { SpecSource } from '../load-spec.ts'
import { ModuleWriter, type RenderedModule } from '../module-writer.ts'
import { DEFAULT_CONCURRENCY_BOUNDS } from './resolve-conformance-options.ts'

/**
 * What the trace's module hands `conformanceChecks` (the harness's own config fields, as plain data),
 * and what it imports: the harness, a spec module, the sidecar.
 */
export interface TraceModuleInput
  extends Pick<TraceUnderTestConfig, 'file' | 'displayFile' | 'specOptions' | 'maxStoredViolations' | 'maxLineBytes' | 'maxDecompressedBytes' | 'timeout' | 'partitionBy' | 'concurrency'> {
  harness: string
  spec: SpecSource
  severities: Record<string, RuleSeverity>
  /** Import id of the sidecar's text, when the trace has one. */
  sidecar: { id: string; file: string; displayFile: string } | undefined
  /**
   * A live capture's: what its receiver took in (checked by a test of its own before the rules), or why
   * it was not checked (every test is skipped with that note).
   */
  live?: { tally: LiveCaptureTally } | { skipped: string }
}

/** The live capture's own test, before its rule tests (see liveCaptureCheck). */
export const LIVE_CAPTURE_TEST = 'spans were captured'

const str = JSON.stringify

/**
 * What a rule test may take beyond the trace's own time limit (loading a sidecar, reporting): its Vitest
 * timeout is `timeout` plus this, so the read's limit, with its clear message, is what ends a slow trace.
 */
export const RULE_TEST_TIMEOUT_MARGIN_MS = 10_000

/**
 * The test module of one trace: literal describe/test calls (so static collection sees every rule test)
 * that only call the harness. Every generated line maps to line 1 of the trace: that is where the rule
 * tests are declared; a failing rule points at its first violating line through the error instead.
 * Vitest's static collector treats any call named `test*`/`*Test` as a test, so harness names avoid both.
 */
export function renderTraceModule(input: TraceModuleInput): RenderedModule {
  const name = input.displayFile.split('/').pop() ?? input.displayFile
  const out = new ModuleWriter(input.displayFile, 'edit the trace or the config', input.harness)
  out.importVitest(['describe', 'test'])
  const live = input.live
  if (live && 'skipped' in live) {
    // Nothing was captured to check: each test says why, and reads nothing.
    out.describe(name, 1, () => {
      for (const title of [LIVE_CAPTURE_TEST, ...Object.keys(input.severities).map((rule) => `rule ${rule}`)]) out.test(title, `(context) => context.skip(${str(live.skipped)})`)
    })
    return out.toModule({ file: input.file, readByVite: false })
  }
  out.importFrom(input.harness, live ? ['conformanceChecks', 'liveCaptureCheck'] : ['conformanceChecks'])
  if (input.spec.kind === 'module') out.importFrom(input.spec.file, { default: 'spec' })
  if (input.sidecar) out.importFrom(input.sidecar.id, { default: 'sidecarText' })
  const config = [
    `file: ${str(input.file)}`,
    `displayFile: ${str(input.displayFile)}`,
    `spec: ${input.spec.kind === 'module' ? 'spec' : str(input.spec.name)}`,
    `specOptions: ${str(input.specOptions)}`,
    `rules: ${str(input.severities)}`,
    `maxStoredViolations: ${input.maxStoredViolations}`,
    `maxLineBytes: ${input.maxLineBytes}`,
    `maxDecompressedBytes: ${input.maxDecompressedBytes}`,
    `timeout: ${input.timeout}`,
    // Only when set: a trace module without partitioning stays as it was.
    input.partitionBy !== undefined && input.partitionBy.length > 0 ? `partitionBy: ${str(input.partitionBy)}` : '',
    // Only when a bound differs from the engine's default: other trace modules stay as they were.
    input.concurrency !== undefined && (Object.keys(DEFAULT_CONCURRENCY_BOUNDS) as Array<keyof typeof DEFAULT_CONCURRENCY_BOUNDS>).some((k) => input.concurrency![k] !== DEFAULT_CONCURRENCY_BOUNDS[k])
      ? `concurrency: ${str(input.concurrency)}`
      : '',
    input.sidecar ? `expectations: { file: ${str(input.sidecar.file)}, displayFile: ${str(input.sidecar.displayFile)}, text: sidecarText }` : '',
  ].filter(Boolean)
  out.statement(`const trace = conformanceChecks({ ${config.join(', ')} })`)
  const timeout = input.timeout + RULE_TEST_TIMEOUT_MARGIN_MS
  out.describe(name, 1, () => {
    if (live) out.test(LIVE_CAPTURE_TEST, `(context) => liveCaptureCheck(context, ${str(live.tally)})`)
    for (const [rule, severity] of Object.entries(input.severities)) {
      if (severity === 'off') out.skip(`rule ${rule}`, undefined)
      else out.test(`rule ${rule}`, `trace.rule(${str(rule)})`, { timeout })
    }
  }, { testsOnItsLine: true })
  // A trace may be huge: Vite must not read it into the map (see MapSource.readByVite).
  return out.toModule({ file: input.file, readByVite: false })
}
