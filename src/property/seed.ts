/** Under this name the property project's plugin provides Vitest's `sequence.seed` to the workers. */
export const SEQUENCE_SEED_KEY = 'vitest-spec-ci:sequence-seed'

export type SeedSource = 'SPEC_CI_SEED' | 'sequence.seed' | 'random'

export interface ResolvedSeed {
  seed: number
  source: SeedSource
}

/** fast-check seeds are 32-bit integers; Vitest's default `sequence.seed` is `Date.now()`. */
const toInt32 = (value: number): number => value | 0

/**
 * `SPEC_CI_SEED`, else Vitest's `--sequence.seed`, else random. The returned seed is the one that
 * replays the run: it is what the failure message and the replay command show.
 */
export function resolveSeed(env: string | undefined, sequenceSeed: number | undefined, random: () => number = Math.random): ResolvedSeed {
  if (env !== undefined && env.trim() !== '') {
    const n = Number(env.trim())
    if (!Number.isInteger(n)) throw new RangeError(`SPEC_CI_SEED is ${JSON.stringify(env)}; expected an integer such as 42`)
    return { seed: toInt32(n), source: 'SPEC_CI_SEED' }
  }
  if (typeof sequenceSeed === 'number' && Number.isFinite(sequenceSeed)) return { seed: toInt32(sequenceSeed), source: 'sequence.seed' }
  return { seed: toInt32(Math.floor(random() * 0x1_0000_0000)), source: 'random' }
}

/** `SPEC_CI_NUM_RUNS` overrides the suite's `numRuns`. */
export function resolveNumRuns(env: string | undefined, configured: number | undefined, fallback = 100): number {
  if (env !== undefined && env.trim() !== '') {
    const n = Number(env.trim())
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`SPEC_CI_NUM_RUNS is ${JSON.stringify(env)}; expected a positive integer`)
    return n
  }
  if (configured !== undefined) {
    if (!Number.isInteger(configured) || configured < 1) throw new RangeError(`numRuns is ${JSON.stringify(configured)}; expected a positive integer`)
    return configured
  }
  return fallback
}
