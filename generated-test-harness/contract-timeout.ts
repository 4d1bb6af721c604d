/** A step of a contract test did not finish within `contract.provider.timeout`. */
export class StepTimeoutError extends Error {
  override name = 'TimeoutError'
}

/**
 * `promise`, or a `StepTimeoutError` saying "<what> did not finish within <ms> ms" once `ms`
 * pass. Each step of a contract test (start, states, request, close) is bounded by
 * `contract.provider.timeout`, and the project's Vitest timeouts are derived from it, so this message
 * (naming the step) is what a slow provider gets, not Vitest's generic "Test timed out".
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new StepTimeoutError(`${what} did not finish within ${ms} ms`))
    }, ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
