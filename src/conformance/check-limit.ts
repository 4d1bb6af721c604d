import { SpecCiConfigError } from '../errors.ts'
import { TraceCheckStoppedError, type StopCause } from './check-errors.ts'

/**
 * The time limit and abort signal of one check. Tested after every batch (a clock read, so it holds even
 * while synchronous checking keeps timers from firing), and raced against each read, so a reader that
 * yields nothing for a long time (a huge line, a long run of blank lines) is left on time too.
 */
export class CheckLimit {
  /** Last line checked. */
  line = 0
  readonly active: boolean
  private readonly timeout: number | undefined
  private readonly deadline: number
  private readonly signal: AbortSignal | undefined
  private timer: NodeJS.Timeout | undefined
  /** Rejects the latest read waited for (a no-op once it has settled). One at a time: no reaction piles up per batch. */
  private rejectWaiting: ((error: TraceCheckStoppedError) => void) | undefined
  private readonly onAbort = (): void => this.stopWaiting({ kind: 'aborted', reason: this.signal?.reason })

  constructor(timeout: number | undefined, signal: AbortSignal | undefined) {
    if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0 && Number.isFinite(timeout)))
      throw new SpecCiConfigError(`checkRecords: timeout is ${JSON.stringify(timeout)}; expected a positive number of milliseconds`)
    this.timeout = timeout
    this.deadline = timeout === undefined ? Infinity : performance.now() + timeout
    this.signal = signal
    this.active = timeout !== undefined || signal !== undefined
    if (timeout !== undefined) {
      this.timer = setTimeout(() => this.stopWaiting({ kind: 'timeout', timeout }), timeout)
      this.timer.unref()
    }
    signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  /** Throws a {@link TraceCheckStoppedError} when the signal was aborted or the time is up. */
  check(): void {
    if (this.signal?.aborted) throw new TraceCheckStoppedError({ kind: 'aborted', reason: this.signal.reason }, this.line)
    if (this.timeout !== undefined && performance.now() >= this.deadline) throw new TraceCheckStoppedError({ kind: 'timeout', timeout: this.timeout }, this.line)
  }

  /** `step`, or a {@link TraceCheckStoppedError} as soon as the limit is reached while waiting for it. */
  race<T>(step: Promise<T>): Promise<T> {
    if (!this.active) return step
    this.check()
    // Rejecting it once `step` has settled it is a no-op, so the reject is never taken back.
    return new Promise<T>((resolve, reject) => {
      this.rejectWaiting = reject
      step.then(resolve, reject)
    })
  }

  end(): void {
    clearTimeout(this.timer)
    this.signal?.removeEventListener('abort', this.onAbort)
    this.rejectWaiting = undefined
  }

  private stopWaiting(cause: StopCause): void {
    const reject = this.rejectWaiting
    this.rejectWaiting = undefined
    reject?.(new TraceCheckStoppedError(cause, this.line))
  }
}
