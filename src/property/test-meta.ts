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
  /** The shrunk failing run's operations per client, when the property was generated from the spec's operations. */
  history?: PropertyHistoryMeta
  /** Where `writeFailingHistory` wrote the failing run's trace, relative to the project root, with `/`. */
  historyFile?: string
}

/** One operation of a failing run, for a timeline: times are ranks of the run's clock readings (1, 2, …). */
export interface PropertyHistoryOperation {
  /** 1-based. */
  client: number
  /** The call, e.g. `write("a", 1)`. */
  call: string
  /** What it returned (JSON), or `threw …`; `null` when it never completed. */
  result: string | null
  invoke: number
  complete: number | null
}

export interface PropertyHistoryMeta {
  clients: number
  /** At most {@link MAX_HISTORY_OPERATIONS}, in invocation order. */
  operations: PropertyHistoryOperation[]
  /** Operations left out past the bound. */
  omitted: number
}

export const MAX_HISTORY_OPERATIONS = 200
