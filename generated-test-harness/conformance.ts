import { statSync } from 'node:fs'
import type { TestContext } from 'vitest'
import { checkTraceFile, type CheckTraceOptions, type ConformanceResult, type RuleOutcome } from '../src/conformance/check-trace.ts'
import type { Expectations } from '../src/conformance/expectations.ts'
import {
  compareWithExpected,
  formatExpectationFailure,
  formatRuleFailure,
} from '../src/conformance/format-rule-failure.ts'
import { PROJECTION_META_KEYS, ruleTestMeta } from '../src/conformance/test-meta.ts'
import { projectionRecord } from '../src/spec-model/projection-record.ts'
import type { RuleSeverity, SpecModel } from '../src/spec-model/types.ts'
import { builtInSpecs } from '../src/built-in-specs/index.ts'
import { locatedError } from './located-error.ts'
import { setSpecCiMeta } from './task-meta.ts'
import { describeUncheckedTrace, RuleTestEnded } from './unchecked-trace.ts'

export interface TraceUnderTestConfig {
  file: string
  displayFile: string
  /** Built-in spec name, or the model imported from the user's spec module. */
  spec: string | SpecModel
  specOptions: Record<string, unknown>
  rules: Record<string, RuleSeverity>
  maxStoredViolations: number
  maxLineBytes: number
  maxDecompressedBytes: number
  /** Time limit of reading and checking the trace, in ms (`conformance.timeout`). */
  timeout: number
  /** OTLP resource attributes splitting the trace into partitions (`conformance.partitionBy`); absent: none. */
  partitionBy?: string[]
  /** Bounds of the search over orders of overlapping events (`conformance.concurrency`); absent: the engine's defaults. */
  concurrency?: { maxSearchSteps: number; maxWindowEvents: number; maxStates: number }
  expectations?: { file: string; displayFile: string; text: string }
}

export interface TraceUnderTest {
  checkRule(context: TestContext, rule: string): Promise<void>
  /** The test function of one rule: `checkRule` with its rule (the module's code stays short). */
  rule(rule: string): (context: TestContext) => Promise<void>
}

/**
 * One trace file under test. The trace is read and checked once (a small one as its module is collected,
 * a large one on the first rule test that runs), and
 * every rule test reads its outcome from that single pass: one verdict per trace. When the pass fails
 * (its time limit ran out, the file cannot be read, the spec threw, or a rule test waiting for it was
 * ended by Vitest, which stops it), every rule test fails with the same message at the same line.
 */
export function conformanceChecks(config: TraceUnderTestConfig): TraceUnderTest {
  const spec = typeof config.spec === 'string' ? builtInSpecs[config.spec] : config.spec
  if (!spec) throw new Error(`vitest-spec-ci: unknown built-in spec "${String(config.spec)}"`)
  let pending: Promise<ConformanceResult> | undefined
  const stop = new AbortController()
  let projectionSent = false
  // The YAML parser is loaded only for traces with a sidecar: most workers never need it.
  type Sidecar = { expectations: Expectations; linesFor: (e: Expectations, rule: string) => number[] }
  let sidecar: Promise<Sidecar> | undefined
  const loadSidecar = (text: string, displayFile: string): Promise<Sidecar> =>
    (sidecar ??= import('../src/conformance/expectations.ts').then((m) => ({
      expectations: m.parseExpectations(text, displayFile, Object.keys(spec.rules)),
      linesFor: m.expectedLinesFor,
    })))

  const run = (): Promise<ConformanceResult> => {
    const options: CheckTraceOptions = {
      specOptions: config.specOptions,
      rules: config.rules,
      maxStoredViolations: config.maxStoredViolations,
      maxLineBytes: config.maxLineBytes,
      maxDecompressedBytes: config.maxDecompressedBytes,
      timeout: config.timeout,
      signal: stop.signal,
    }
    if (config.partitionBy !== undefined) options.partitionBy = config.partitionBy
    if (config.concurrency !== undefined) options.concurrency = config.concurrency
    pending ??= checkTraceFile(config.file, spec, options)
    return pending
  }
  // A small trace is read and checked as the module is collected (openChunkReader reads it with
  // synchronous calls), so its verdict is ready when the first rule test runs. A large one waits for its
  // first rule test, so that a run filtering its tests out (`-t`) never pays for its check. Its failure
  // is the rule tests' to report, not an unhandled rejection.
  if (isSmallFile(config.file)) run().catch(() => {})

  /** The single pass's result; a rule test ended while waiting (Vitest's timeout, a cancelled run) stops the pass. */
  const verdict = async (context: TestContext): Promise<ConformanceResult> => {
    const endedTest = (): void => stop.abort(new RuleTestEnded(context.task.name, context.signal.reason))
    if (context.signal.aborted) endedTest()
    else context.signal.addEventListener('abort', endedTest, { once: true })
    try {
      return await run()
    } catch (error) {
      const { name, message, line } = describeUncheckedTrace(error, config.displayFile, config.timeout)
      throw locatedError({ name, message, label: context.task.name, file: config.file, line })
    } finally {
      context.signal.removeEventListener('abort', endedTest)
    }
  }

  const checks: TraceUnderTest = {
    rule: (rule) => (context) => checks.checkRule(context, rule),
    async checkRule(context, rule) {
      const result = await verdict(context)
      const outcome = result.rules.find((r) => r.rule === rule)
      if (!outcome) throw new Error(`vitest-spec-ci: spec "${spec.name}" has no rule "${rule}"`)
      const meta = ruleTestMeta(config.displayFile, result, outcome)
      if (!projectionSent) {
        meta.projection = projectionRecord(result.projection, PROJECTION_META_KEYS)
        projectionSent = true
      }
      setSpecCiMeta(context, meta)

      if (config.expectations) {
        const { expectations, linesFor } = await loadSidecar(config.expectations.text, config.expectations.displayFile)
        const lines = linesFor(expectations, rule)
        const mismatch = compareWithExpected(outcome, lines)
        const matched = mismatch.unexpected.length === 0 && mismatch.missing.length === 0 && outcome.count === outcome.violations.length
        meta.expected = { file: config.expectations.displayFile, lines, matched }
        if (!matched) {
          const unexpected = mismatch.unexpected[0]
          const missing = mismatch.missing[0]
          const message = formatExpectationFailure(config.displayFile, config.expectations.displayFile, outcome, mismatch)
          const atUnexpected = unexpected !== undefined && (missing === undefined || unexpected.line <= missing)
          const line = atUnexpected ? unexpected.line : (missing ?? 1)
          const column = atUnexpected ? unexpected.column : undefined
          throw locatedError({ name: 'ExpectedViolationsMismatch', message, label: context.task.name, file: config.file, line, column })
        }
        return
      }
      await reportOutcome(context, config, outcome)
    },
  }
  return checks
}


/** Traces read ahead of their first rule test: at most one read of the file. */
const SMALL_TRACE_BYTES = 128 * 1024

function isSmallFile(file: string): boolean {
  try {
    const stats = statSync(file)
    return stats.isFile() && stats.size <= SMALL_TRACE_BYTES
  } catch {
    return false
  }
}

async function reportOutcome(context: TestContext, config: TraceUnderTestConfig, outcome: RuleOutcome): Promise<void> {
  if (outcome.count === 0) return
  const message = formatRuleFailure(config.displayFile, outcome)
  if (outcome.severity === 'warn') {
    await context.annotate(message, 'warning')
    return
  }
  const first = outcome.violations[0]
  // At an OTLP span, the column too: a one-line batch holds every span on line 1.
  throw locatedError({ name: 'RuleViolation', message, label: context.task.name, file: config.file, line: first?.line ?? 1, column: first?.column })
}

export { liveCaptureCheck, type LiveCaptureTally } from './live-capture-check.ts'
export { atLine, eachAtLine, suiteAtLine } from './task-location.ts'
