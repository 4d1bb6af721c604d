/** Why a check stopped before the end of its trace. */
export type StopCause = { kind: 'timeout'; timeout: number } | { kind: 'aborted'; reason: unknown }

/**
 * A check stopped before the end of the trace: its time limit ran out or its signal was aborted. `line`
 * is the last line checked (0 when no record had been read yet).
 */
export class TraceCheckStoppedError extends Error {
  override name = 'TraceCheckStoppedError'
  readonly line: number
  readonly stop: StopCause

  constructor(stop: StopCause, line: number) {
    const at = line > 0 ? `after line ${line}` : 'before its first record'
    const why = stop.kind === 'timeout' ? `its time limit of ${stop.timeout} ms ran out` : `it was aborted${describeReason(stop.reason)}`
    super(`the check stopped ${at}: ${why}`, stop.kind === 'aborted' ? { cause: stop.reason } : undefined)
    this.stop = stop
    this.line = line
  }
}

/** A spec's own code (parseEvent, apply, an invariant) threw while checking the record at `line`. */
export class SpecRuntimeError extends Error {
  override name = 'SpecRuntimeError'
  readonly line: number

  constructor(spec: string, line: number, error: unknown) {
    super(`spec "${spec}" threw while checking line ${line}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    this.line = line
  }
}

function describeReason(reason: unknown): string {
  if (reason === undefined) return ''
  const text = reason instanceof Error ? reason.message : String(reason)
  return text ? ` (${text})` : ''
}
