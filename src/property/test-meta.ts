import type { SeedSource } from './seed.ts'

/** What a property test puts on `task.meta.specCi`, for the reporter's `property` section. */
export interface PropertyTestMeta {
  kind: 'property'
  /** The property (the test's name). */
  name: string
  spec: string
  numRuns: number
  seed: number
  seedSource: SeedSource
  /** Runs made: all of them when it passed, up to the first failure otherwise. */
  runs: number
  counterexample?: string
  /** fast-check's replay path of the shrunk counterexample. */
  path?: string
  rule?: string
  reason?: string
  events?: string[]
  /** The command that replays this property with the same seed. */
  replay?: string
}
