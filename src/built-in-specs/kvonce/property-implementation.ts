/**
 * The adapter contract of a KvOnce implementation under property test. `put` writes a key at most once:
 * `written` the first time it succeeds, `duplicate` once the key holds a value, `failed` when its retries
 * ran out. Every trace event (retries with their attempt numbers, the success, failures) goes to `emit`.
 */
export interface KvOnceImplementation {
  put(key: string, value: string): Promise<'written' | 'duplicate' | 'failed'>
  get(key: string): Promise<string | undefined>
}

export type PutOutcome = Awaited<ReturnType<KvOnceImplementation['put']>>

/** What the model knows: the value each key was first written with. */
export interface KvOnceModel {
  values: Map<string, string>
}

export type KvOnceStep =
  | { op: 'put'; key: string; value: string; result: unknown }
  | { op: 'get'; key: string; result: unknown }

export const show = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value))

export function describeStep(step: KvOnceStep): string {
  return step.op === 'put' ? `put(${show(step.key)}, ${show(step.value)}) → ${show(step.result)}` : `get(${show(step.key)}) → ${show(step.result)}`
}
