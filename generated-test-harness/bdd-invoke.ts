import { statusOfReturn, statusOfThrown } from '../src/bdd/status.ts'
import type { CucumberStatus, StepResultRecord } from '../src/bdd/run-record.ts'
import { describeThrown } from '../src/thrown-value.ts'

/** What calling one step or hook function gave. */
export interface Invocation {
  status: CucumberStatus
  durationNs: number
  /** What was thrown (FAILED, or the Pending/SkippedException), or the timeout's error. */
  error?: unknown
}

const MAX_STACK = 16 * 1024

/** A step or hook that ran past its timeout (what cucumber-js calls "function timed out"). */
export class StepTimeoutError extends Error {
  override name = 'StepTimeoutError'
}

/**
 * Calls a step or hook function with Cucumber's outcome rules (see src/bdd/status.ts) and its
 * timeout: after `timeoutMs` (0 or less: none) it is FAILED with `timeoutMessage()`, whatever the
 * function does later.
 */
export async function invoke(call: () => unknown, timeoutMs: number, timeoutMessage: () => string): Promise<Invocation> {
  const started = process.hrtime.bigint()
  const elapsed = () => Number(process.hrtime.bigint() - started)
  let timer: NodeJS.Timeout | undefined
  try {
    const running = Promise.resolve().then(call)
    const value =
      timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? await Promise.race([
            running,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new StepTimeoutError(timeoutMessage())), timeoutMs)
            }),
          ])
        : await running
    return { status: statusOfReturn(value), durationNs: elapsed() }
  } catch (error) {
    return { status: statusOfThrown(error), durationNs: elapsed(), error }
  } finally {
    if (timer) clearTimeout(timer)
  }
}

/** The run record's result of an invocation (message and exception for what was thrown). */
export function resultRecord(invocation: Invocation, message?: string): StepResultRecord {
  const result: StepResultRecord = { status: invocation.status, durationNs: invocation.durationNs }
  if (invocation.error !== undefined) {
    const { name, message: text } = describeThrown(invocation.error)
    result.message = message ?? text
    // A thrown error is the result's exception, also a PendingException/SkippedException (as the CCK's
    // pending-exception and skipped-exception samples show); a returned 'pending' throws nothing.
    if (invocation.status === 'FAILED' || invocation.status === 'PENDING' || invocation.status === 'SKIPPED') {
      let stack: string | undefined
      try {
        const raw = (invocation.error as { stack?: unknown } | null)?.stack
        if (typeof raw === 'string') stack = raw.slice(0, MAX_STACK)
      } catch {
        // an unreadable stack is left out
      }
      result.exception = { type: name, message: text, ...(stack !== undefined && { stackTrace: stack }) }
    }
  } else if (message !== undefined) result.message = message
  return result
}
