import type { ExpectedMessage } from './message-types.ts'

/** The contract formats read: the origin's simple format and Pact's HTTP/message pacts. */
export type ContractFormat = 'simple' | 'pact-v2' | 'pact-v3' | 'pact-v4'

/** One Pact matcher as written in the file, its kind under `match` (`type`, `regex`, `include`, …). */
export interface Matcher {
  match: string
  [field: string]: unknown
}

export interface RuleSet {
  matchers: Matcher[]
  /** How several matchers at one path combine. @default 'AND' */
  combine: 'AND' | 'OR'
}

/** Matching rules of one request or response, by category; body paths are `$`-rooted within the body. */
export interface MatchingRules {
  body: Array<[path: string, rules: RuleSet]>
  header: Array<[name: string, rules: RuleSet]>
  query: Array<[name: string, rules: RuleSet]>
  path: RuleSet | undefined
  /** v4 `status` rules (`statusCode` matchers) of a response. */
  status?: RuleSet
}

/** One Pact generator as written in the file, its kind under `type` (`RandomInt`, `ProviderState`, …). */
export interface Generator {
  type: string
  [field: string]: unknown
}

/** Generators of one request or response, by category; body paths are `$`-rooted within the body. */
export interface Generators {
  body: Array<[path: string, generator: Generator]>
  header: Array<[name: string, generator: Generator]>
  query: Array<[name: string, generator: Generator]>
  path?: Generator
  status?: Generator
}

/** Absent body: the contract says nothing about it. */
export const NO_BODY: unique symbol = Symbol('no body')
export type Body = unknown

export interface ExpectedRequest {
  method: string
  path: string
  /** Parameter name → values, in order. */
  query: Array<[name: string, values: string[]]>
  headers: Array<[name: string, value: string]>
  /** `NO_BODY` when the contract has none; a string for a text body, otherwise JSON. */
  body: Body
  matchingRules: MatchingRules
  /** Pact v3/v4 `generators` (the verifier applies them to the request it sends). */
  generators?: Generators
}

export interface ExpectedResponse {
  status: number
  headers: Array<[name: string, value: string]>
  body: Body
  matchingRules: MatchingRules
  /** Pact v3/v4 `generators` (ProviderState ones are applied to the expected response). */
  generators?: Generators
}

export interface ProviderState {
  name: string
  params: Record<string, unknown>
}

/** A problem of one interaction (or of the whole file), at a line of the contract file. */
export interface ContractProblem {
  message: string
  line: number
}

export interface ContractInteraction {
  description: string
  /** The simple format's per-interaction `id`, when given. */
  id?: string
  /** Line of the interaction's object in the file. */
  line: number
  kind: 'http' | 'message'
  states: ProviderState[]
  /** Present for a well-formed HTTP interaction. */
  request?: ExpectedRequest
  response?: ExpectedResponse
  /** Present for a well-formed message interaction (`kind: 'message'`). */
  message?: ExpectedMessage
  /** Why this interaction cannot be verified as written (its test fails with this). */
  problem?: ContractProblem
}

export interface ParsedContract {
  format: ContractFormat
  /** The simple format's `id`; Pact files have none. */
  id: string | undefined
  consumer: string | undefined
  provider: string | undefined
  interactions: ContractInteraction[]
}

export type MismatchKind =
  | 'status'
  | 'header'
  | 'metadata'
  | 'body'
  | 'missing'
  | 'unexpected'
  | 'length'
  | 'type'
  | 'regex'
  | 'include'
  | 'integer'
  | 'decimal'
  | 'number'
  | 'boolean'
  | 'null'
  | 'equality'
  | 'min'
  | 'max'
  | 'unsupported'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'semver'
  | 'contentType'
  | 'arrayContains'
  | 'eachKey'
  | 'generator'
  | 'method'
  | 'path'
  | 'query'

/** One difference between what the contract expects and what the provider answered. */
export interface Mismatch {
  kind: MismatchKind
  /** `status`, `$.headers.content-type`, `$.body.items[0].id`, … */
  path: string
  expected: unknown
  actual: unknown
  message: string
}
