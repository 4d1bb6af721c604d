/**
 * Room, beyond the generator's own `timeout`, for what a target's test does around the run: listing and
 * fingerprinting the target and its inputs, comparing, and under `-u` writing. Generous on purpose: the
 * generator's timeout is the limit that should trip, with its own message.
 */
export const TEST_TIMEOUT_MARGIN_MS = 30_000

/** Vitest's timeout for each test of a target (any of them may be the one that runs the generator). */
export const driftTestTimeout = (target: { timeoutMs: number }): number => target.timeoutMs + TEST_TIMEOUT_MARGIN_MS
