import type { Mismatch, ParsedContract } from './types.ts'

/** What a contract test puts on `task.meta.specCi`: one interaction's outcome. */
export interface ContractTestMeta {
  kind: 'contract'
  /** The contract file, relative to the project root, with `/`. */
  file: string
  line: number
  /** The test title (the interaction's description, made unique). */
  description: string
  /** Absent when the file itself could not be read. */
  format?: ParsedContract['format']
  consumer?: string
  provider?: string
  status: 'passed' | 'failed' | 'skipped'
  request?: { method: string; path: string }
  /** Names of the interaction's provider states. */
  states?: string[]
  mismatches: Mismatch[]
  /** Why the interaction could not be verified (provider down, missing state handler, …). */
  error?: string
  /** Why the plugin declared the interaction skipped (`contract.focus`, …). */
  skipReason?: string
}

export interface ContractTestMetaInit {
  file: string
  line: number
  description: string
  status: ContractTestMeta['status']
  /** The parsed contract, when the file could be read. */
  contract?: Pick<ParsedContract, 'format' | 'consumer' | 'provider'>
  states?: string[]
  error?: string
  skipReason?: string
}

/** The meta of a contract test, for the plugin's skipped tests and the harness's run ones alike. */
export function contractTestMeta(init: ContractTestMetaInit): ContractTestMeta {
  const { contract } = init
  return {
    kind: 'contract',
    file: init.file,
    line: init.line,
    description: init.description,
    ...(contract ? { format: contract.format, consumer: contract.consumer, provider: contract.provider } : {}),
    status: init.status,
    ...(init.states ? { states: init.states } : {}),
    ...(init.skipReason !== undefined ? { skipReason: init.skipReason } : {}),
    mismatches: [],
    ...(init.error !== undefined ? { error: init.error } : {}),
  }
}
