import { SpecRuntimeError, TraceCheckStoppedError } from '../src/conformance/check-errors.ts'

/** Why the single pass over a trace was stopped from the harness: a rule test waiting for it ended first. */
export class RuleTestEnded extends Error {
  override name = 'RuleTestEnded'
  readonly test: string

  constructor(test: string, reason: unknown) {
    super(`rule test "${test}" ended while waiting for it (${firstLine(reason)})`, { cause: reason })
    this.test = test
  }
}

/** The one failure every rule test of a trace reports when the single pass over it failed. */
export interface UncheckedTrace {
  name: string
  message: string
  /** Line of the trace the failure points at. */
  line: number
}

const ALIKE = 'Every rule test of this trace fails alike.'

/** Turns whatever stopped the pass over `displayFile` into one message naming the file, the line and what to do. */
export function describeUncheckedTrace(error: unknown, displayFile: string, timeout: number): UncheckedTrace {
  if (error instanceof TraceCheckStoppedError) {
    const at = error.line > 0 ? `after line ${error.line}` : 'before its first record (line 1)'
    const line = Math.max(error.line, 1)
    if (error.stop.kind === 'timeout')
      return {
        name: 'TraceTimeout',
        line,
        message:
          `${displayFile} was not checked to the end: reading stopped ${at} when its time limit of ${timeout} ms ran out ` +
          `(conformance.timeout, or the timeout of its trace group). ${ALIKE} Raise the timeout for traces this large.`,
      }
    const why = error.stop.reason instanceof RuleTestEnded ? error.stop.reason.message : `it was aborted (${firstLine(error.stop.reason)})`
    return {
      name: 'TraceReadAbandoned',
      line,
      message: `${displayFile} was not checked to the end: reading stopped ${at} because ${why}. ${ALIKE} The trace's own time limit is conformance.timeout (${timeout} ms).`,
    }
  }
  if (error instanceof SpecRuntimeError)
    return { name: 'SpecRuntimeError', line: error.line, message: `${displayFile} could not be checked: ${error.message}. ${ALIKE}` }
  const name = error instanceof Error && error.name ? error.name : 'TraceReadError'
  return { name, line: 1, message: `${displayFile} could not be checked: ${firstLine(error)}. ${ALIKE}` }
}

function firstLine(value: unknown): string {
  let text: string
  try {
    text = value instanceof Error ? value.message : String(value)
  } catch {
    text = 'an unprintable value'
  }
  return text.split('\n')[0]!.replace(/\.$/, '')
}
