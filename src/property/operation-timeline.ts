import { AsyncLocalStorage } from 'node:async_hooks'
import type { EventInterval } from '../trace/types.ts'

/** One call of the implementation in a run: when it was invoked and when it completed. */
export interface RecordedOperation {
  /** 1-based, in order of invocation. */
  readonly index: number
  /** How the call reads in a failure, e.g. `writer 2: put("a", "v1")`. */
  readonly label: string
  readonly invokedAt: bigint
  completedAt?: bigint
  /** When the operation's latest emit returned: its next event happened after it. */
  lastEmitAt?: bigint
}

/**
 * The real time of a run's operations and of the events they emit, read from one monotonic clock
 * (`process.hrtime.bigint()`, made strictly increasing: two readings never tie, so the order of the
 * readings is the order in which the code ran, the scheduler's order under `fc.scheduler`, and a seed
 * always gives the same intervals' order, hence the same verdict).
 *
 * Which operation emits an event is known from the async context (`AsyncLocalStorage`): `emit` needs no
 * argument naming it, and the implementation need not be changed.
 */
export class OperationTimeline {
  readonly operations: RecordedOperation[] = []
  readonly #context = new AsyncLocalStorage<RecordedOperation>()
  #last = 0n
  /** Before any operation of the run was invoked. */
  readonly startedAt: bigint

  /**
   * `attributeEvents: false`: no async context is kept (nothing is emitted, or who emitted does not
   * matter): the context's promise hooks cost far more than the operations of an in-memory implementation.
   */
  constructor(
    private readonly clock: () => bigint = process.hrtime.bigint,
    private readonly attributeEvents = true,
  ) {
    this.startedAt = this.now()
  }

  /** Stops keeping the async context (and its promise hooks, once no other context is in use): call it when the run is over. */
  close(): void {
    this.#context.disable()
  }

  /** The clock, strictly increasing. */
  now(): bigint {
    const t = this.clock()
    this.#last = t > this.#last ? t : this.#last + 1n
    return this.#last
  }

  /** Calls `call` as one operation, recording its invocation and completion; events it emits are attributed to it. */
  run<T>(label: string, call: () => Promise<T> | T): Promise<T> {
    const operation: RecordedOperation = { index: this.operations.length + 1, label, invokedAt: this.now() }
    this.operations.push(operation)
    const start = (): Promise<T> => {
      try {
        return Promise.resolve(call())
      } catch (error) {
        return Promise.reject(error)
      }
    }
    const result = this.attributeEvents ? this.#context.run(operation, start) : start()
    return result.then(
      (value) => {
        operation.completedAt = this.now()
        return value
      },
      (error: unknown) => {
        operation.completedAt = this.now()
        throw error
      },
    )
  }

  /**
   * The interval of an event being emitted now, and the operation emitting it (absent when it is
   * emitted outside every operation). An event is emitted during its operation and reports something
   * the operation did: it happened after the operation was invoked and after the operation's previous
   * event was reported (one operation's events are in its program order), and no later than now. Call
   * {@link emitted} once the event is recorded.
   */
  eventInterval(): { interval: EventInterval; operation: RecordedOperation | undefined } {
    const operation = this.#context.getStore()
    const start = operation === undefined ? this.startedAt : (operation.lastEmitAt ?? operation.invokedAt)
    return { interval: { start, end: this.now() }, operation }
  }

  /** The operation's emit returned: its next event happened after this. */
  emitted(operation: RecordedOperation | undefined): void {
    if (operation !== undefined) operation.lastEmitAt = this.now()
  }
}
