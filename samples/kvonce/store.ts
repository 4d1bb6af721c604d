/**
 * A small in-memory KvOnce store: each key is written at most once. It is the implementation the
 * samples' BDD steps, properties and HTTP service run against, and it reports every trace event it
 * produces (the NDJSON event schema of the `kvonce` spec) through `onEvent`, so its behaviour can be
 * checked by the same conformance engine that checks recorded traces.
 */

export type PutResult = 'written' | 'duplicate' | 'failed'

/** One trace event, as the `kvonce` spec reads it. */
export interface KvOnceTraceEvent {
  type: 'success' | 'retry' | 'failure'
  key: string
  value?: string
  reason?: string
  context?: { attempt: number }
}

export interface KvOnceStore {
  /** Writes `value` once: `written`, `duplicate` when the key already holds a value, `failed` when retries ran out. */
  put(key: string, value: string): Promise<PutResult>
  get(key: string): Promise<string | undefined>
}

export interface KvOnceStoreOptions {
  /** Receives every event the store produces, in the order it produces them. */
  onEvent?: (event: KvOnceTraceEvent) => void
  /** Retries after a transient fault before the write is given up. @default 3 */
  maxRetries?: number
  /**
   * Whether write attempt `attempt` of `key` hits a transient fault; attempts are counted per key over
   * all its writes (0 = the key's first try). Deterministic
   * functions keep runs reproducible; see `faults.ts`. @default never
   */
  faults?: (key: string, attempt: number) => boolean
  /**
   * The store's simulated I/O wait, awaited before each write attempt. Property tests pass a scheduler
   * here so fast-check can choose how concurrent writers interleave. @default a resolved promise
   */
  io?: () => Promise<void>
}

export function createKvOnceStore(options: KvOnceStoreOptions = {}): KvOnceStore {
  const { onEvent = () => {}, maxRetries = 3, faults = () => false, io = () => Promise.resolve() } = options
  const values = new Map<string, string>()
  // The spec counts retries per key, over all writes of it: the budget and the attempt numbers are the key's.
  const retries = new Map<string, number>()
  // Writes of one key run one at a time, so concurrent writers cannot interleave their retries.
  const queues = new Map<string, Promise<unknown>>()

  function exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (queues.get(key) ?? Promise.resolve()).then(work)
    const settled = result.catch(() => {})
    queues.set(key, settled)
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key)
    })
    return result
  }

  async function write(key: string, value: string): Promise<PutResult> {
    for (;;) {
      await io()
      // Check and set with no await between them.
      if (values.has(key)) {
        onEvent({ type: 'failure', key, reason: 'duplicate' })
        return 'duplicate'
      }
      const done = retries.get(key) ?? 0
      if (!faults(key, done)) {
        values.set(key, value)
        onEvent({ type: 'success', key, value, context: { attempt: done + 1 } })
        return 'written'
      }
      if (done >= maxRetries) {
        onEvent({ type: 'failure', key, reason: 'retries-exhausted' })
        return 'failed'
      }
      retries.set(key, done + 1)
      onEvent({ type: 'retry', key, context: { attempt: done + 1 } })
    }
  }

  return {
    put: (key, value) => exclusive(key, () => write(key, value)),
    async get(key) {
      await io()
      return values.get(key)
    },
  }
}
