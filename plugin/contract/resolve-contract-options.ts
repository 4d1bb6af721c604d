import { SpecCiConfigError } from '../../src/errors.ts'
import { parseFocusList } from '../../src/contract/focus.ts'
import { DEFAULT_MAX_JSON_DEPTH } from '../../src/json/json-scanner.ts'
import { knownKeys, subject } from '../options/known-keys.ts'
import { optionalGlobList, optionalName, positiveWholeNumber, timeoutMs } from '../options/option-values.ts'
import type { ContractOptions, ContractProviderOptions } from '../types.ts'

export interface ResolvedContractProvider {
  /** Set when the provider is already running (option or `SPEC_CI_PROVIDER_URL`). */
  baseUrl: string | undefined
  /** Module that starts the provider, relative to the root; unused when `baseUrl` is set. */
  start: string | undefined
  states: string | undefined
  /** Module of message producers, relative to the root. */
  messages: string | undefined
  timeoutMs: number
  maxBodyBytes: number
}

export interface ResolvedContractOptions {
  name: string
  include: string[]
  exclude: string[]
  provider: ResolvedContractProvider
  focus: string[]
  maxJsonDepth: number
  /**
   * The project's Vitest `testTimeout`: the steps one test may take, each bounded by `provider.timeout`
   * (start function, listening, states, request), plus a margin, so the step's own message wins.
   */
  testTimeoutMs: number
  /** The project's Vitest `hookTimeout`: closing the provider (afterAll), bounded by `provider.timeout`. */
  hookTimeoutMs: number
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
export const DEFAULT_PROVIDER_TIMEOUT_MS = 5000
const CONTRACT_KEYS: ReadonlyArray<keyof ContractOptions> = ['contracts', 'provider', 'exclude', 'name', 'focus', 'maxJsonDepth']
const PROVIDER_KEYS: ReadonlyArray<keyof ContractProviderOptions> = ['baseUrl', 'start', 'states', 'messages', 'timeout', 'maxBodyBytes']
/** Steps of one contract test bounded by `provider.timeout` each: start, listen, states, request. */
const STEPS_PER_TEST = 4
const MARGIN_MS = 1000

type Env = Record<string, string | undefined>

function checkUrl(value: string, where: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new SpecCiConfigError(`specCi: ${where} is ${JSON.stringify(value)}; expected an absolute http(s) URL such as "http://127.0.0.1:3000"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SpecCiConfigError(`specCi: ${where} is ${JSON.stringify(value)}; only http: and https: providers can be verified`)
  return value.replace(/\/+$/, '')
}

function modulePath(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value === '')
    throw new SpecCiConfigError(`specCi: ${where} must name a module by path relative to the project root (e.g. "contracts/states.ts"), not ${typeof value === 'function' ? 'a function: options reach the test workers as data' : JSON.stringify(value)}`)
  return value
}

/** Resolves the contract options once; `SPEC_CI_PROVIDER_URL` and `SPEC_CI_FOCUS` override the config. */
export function resolveContractOptions(options: ContractOptions, env: Env = process.env): ResolvedContractOptions {
  const o = knownKeys<ContractOptions>(options, subject('contract'), CONTRACT_KEYS)
  if (!Array.isArray(o.contracts) || o.contracts.length === 0 || o.contracts.some((g) => typeof g !== 'string'))
    throw new SpecCiConfigError('specCi: contract.contracts must list at least one glob, e.g. ["contracts/**/*.json"]')
  const provider = knownKeys<ContractProviderOptions>(o.provider ?? {}, subject('contract.provider'), PROVIDER_KEYS)
  const envUrl = env.SPEC_CI_PROVIDER_URL?.trim()
  const baseUrl = envUrl ? checkUrl(envUrl, 'SPEC_CI_PROVIDER_URL') : provider.baseUrl !== undefined ? checkUrl(provider.baseUrl, 'contract.provider.baseUrl') : undefined
  const start = modulePath(provider.start, 'contract.provider.start')
  const messages = modulePath(provider.messages, 'contract.provider.messages')
  if (!baseUrl && !start && !messages)
    throw new SpecCiConfigError('specCi: contract.provider needs baseUrl (a running provider) or start (a module that starts it), or set SPEC_CI_PROVIDER_URL; or, for message pacts only, messages (a module of message producers)')
  const timeout = timeoutMs(provider.timeout, 'contract.provider.timeout', DEFAULT_PROVIDER_TIMEOUT_MS)
  const envFocus = parseFocusList(env.SPEC_CI_FOCUS)
  if (o.focus !== undefined && (!Array.isArray(o.focus) || o.focus.some((t) => typeof t !== 'string')))
    throw new SpecCiConfigError(`specCi: contract.focus must be a list of strings, got ${JSON.stringify(o.focus)}`)
  return {
    name: optionalName(o.name, 'contract.name', 'contract'),
    include: [...o.contracts],
    exclude: [...optionalGlobList(o.exclude, 'contract.exclude', 'contracts/drafts/**'), '**/node_modules/**'],
    provider: {
      baseUrl,
      start: baseUrl ? undefined : start,
      states: modulePath(provider.states, 'contract.provider.states'),
      messages,
      timeoutMs: timeout,
      maxBodyBytes: positiveWholeNumber(provider.maxBodyBytes, 'contract.provider.maxBodyBytes', DEFAULT_MAX_BODY_BYTES, 'bytes'),
    },
    focus: envFocus.length > 0 ? envFocus : [...(o.focus ?? [])],
    maxJsonDepth: positiveWholeNumber(o.maxJsonDepth, 'contract.maxJsonDepth', DEFAULT_MAX_JSON_DEPTH, 'levels'),
    testTimeoutMs: STEPS_PER_TEST * timeout + MARGIN_MS,
    hookTimeoutMs: timeout + MARGIN_MS,
  }
}
