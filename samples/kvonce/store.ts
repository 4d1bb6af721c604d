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
   * Whether write attempt `attempt` (0 = the first try) of `key` hits a transient fault. Deterministic
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

  return {
    async put(key, value) {
      for (let attempt = 0; ; attempt++) {
        await io()
        // Check and set with no await between them: a concurrent writer cannot slip in.
        if (values.has(key)) {
          onEvent({ type: 'failure', key, reason: 'duplicate' })
          return 'duplicate'
        }
        if (!faults(key, attempt)) {
          values.set(key, value)
          onEvent({ type: 'success', key, value, context: { attempt: attempt + 1 } })
          return 'written'
        }
        if (attempt >= maxRetries) {
          onEvent({ type: 'failure', key, reason: 'retries-exhausted' })
          return 'failed'
        }
        onEvent({ type: 'retry', key, context: { attempt: attempt + 1 } })
      }
    },
    async get(key) {
      await io()
      return values.get(key)
    },
  }
}
