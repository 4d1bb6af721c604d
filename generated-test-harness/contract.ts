import type { TestContext } from 'vitest'
import { GeneratorError, generateExpectedResponse, generateRequest, type GeneratorContext } from '../src/contract/apply-generators.ts'
import { formatMessageMismatches, formatMismatches } from '../src/contract/format-failure.ts'
import { matchResponse } from '../src/contract/match-http.ts'
import { decodeContract } from '../src/contract/contract-codec.ts'
import { contractTestMeta } from '../src/contract/test-meta.ts'
import type { ContractInteraction, Mismatch, ParsedContract, ProviderState } from '../src/contract/types.ts'
import { startFunctionOf, startProvider, type RunningProvider } from './contract-provider.ts'
import { ProviderUnavailableError, ResponseTooDeepError, sendRequest } from './contract-request.ts'
import { ResponseTooLargeError } from './contract-response-body.ts'
import { RequestLeavesProviderError, requestUrl } from './contract-url.ts'
import { StepTimeoutError, withTimeout } from './contract-timeout.ts'
import { describeThrown, thrownText } from '../src/thrown-value.ts'
import { locatedError } from './located-error.ts'
import { verifyMessage } from './contract-message.ts'
import { setSpecCiMeta } from './task-meta.ts'

export interface ContractVerifierConfig {
  file: string
  displayFile: string
  /** Test titles by interaction index (descriptions, made unique). */
  titles: string[]
  provider: { baseUrl?: string; start?: string; states?: string; messages?: string; timeoutMs: number; maxBodyBytes: number }
  /** `contract.maxJsonDepth`: how deep a JSON response body may nest. */
  maxJsonDepth: number
  /** A configured module that does not exist: every interaction fails with this. */
  moduleError?: string
  /** The plugin's parse of the file (`encodeContract`); absent when the file could not be read. */
  contract?: string
  providerModule?: Record<string, unknown>
  stateHandlers?: Record<string, unknown>
  /** The module of message producers (`contract.provider.messages`). */
  messageProducers?: Record<string, unknown>
}


export interface ContractVerifier {
  verify(context: TestContext, index: number): Promise<void>
  fileError(context: TestContext, message: string, line: number): never
  stop(): Promise<void>
}

type StateHandler = (params: Record<string, unknown>, context: { baseUrl: string | undefined; state: string }) => unknown

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object'

/** What a state handler may return as values: a plain object (a Response, a Map or an array is not one). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v) || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** Handlers by state name: the module's default export object, its `states` export, or its named exports. */
function handlerTable(module: Record<string, unknown>): Record<string, unknown> {
  if (isObject(module.default) && typeof module.default !== 'function') return module.default
  if (isObject(module.states)) return module.states
  return module
}

/** JSON-safe mismatches for meta (the reporter serialises it): no symbols or undefined values. */
function plainMismatches(mismatches: readonly Mismatch[]): Mismatch[] {
  return mismatches.map((m) => ({ ...m, expected: m.expected === undefined || typeof m.expected === 'symbol' ? null : m.expected, actual: m.actual === undefined || typeof m.actual === 'symbol' ? null : m.actual }))
}

/**
 * One contract file under test. The file is read once in the worker; the provider is started on the
 * first interaction that needs it and stopped after the file (afterAll); provider states run before
 * each interaction's request.
 */
export function contractVerifier(config: ContractVerifierConfig): ContractVerifier {
  let contract: ParsedContract | undefined
  let provider: Promise<RunningProvider> | undefined

  // Failures are located at the interaction's line in the contract file.
  const fail = (name: string, message: string, title: string, line: number): never => {
    throw locatedError({ name, message, label: title, file: config.file, line })
  }

  const running = (): Promise<RunningProvider> => {
    if (config.provider.baseUrl) return Promise.resolve({ baseUrl: config.provider.baseUrl, stop: async () => {} })
    const moduleName = config.provider.start ?? 'the provider module'
    provider ??= Promise.resolve().then(() => startProvider(startFunctionOf(config.providerModule ?? {}, moduleName), moduleName, config.provider.timeoutMs))
    return provider
  }

  /** The interaction's states, all of them within `provider.timeout`; the values they give to ProviderState generators. */
  async function setUpStates(states: ProviderState[], baseUrl: string | undefined, title: string, line: number): Promise<Record<string, unknown>> {
    if (states.length === 0) return {}
    const ms = config.provider.timeoutMs
    const what = `the provider state handlers (${states.map((s) => JSON.stringify(s.name)).join(', ')})`
    try {
      return await withTimeout(runStates(states, baseUrl, title, line), ms, what)
    } catch (error) {
      if (error instanceof StepTimeoutError)
        fail('ProviderStateFailed', `${config.displayFile}:${line}: ${(error as Error).message} (contract.provider.timeout); make the handlers faster or raise the option`, title, line)
      throw error
    }
  }

  /**
   * Runs the handlers in order. Each state's params, then the plain object its handler returns (if any),
   * become values for the interaction's ProviderState generators (later ones override earlier ones).
   */
  async function runStates(states: ProviderState[], baseUrl: string | undefined, title: string, line: number): Promise<Record<string, unknown>> {
    const values: Record<string, unknown> = {}
    if (!config.stateHandlers)
      fail('MissingStateHandler', `${config.displayFile}:${line}: the interaction needs provider state "${states[0]!.name}", but contract.provider.states names no module of state handlers`, title, line)
    const table = handlerTable(config.stateHandlers!)
    for (const state of states) {
      const handler = Object.hasOwn(table, state.name) ? table[state.name] : undefined
      if (typeof handler !== 'function') {
        const known = Object.keys(table).filter((k) => typeof table[k] === 'function')
        fail(
          'MissingStateHandler',
          `${config.displayFile}:${line}: no handler for provider state "${state.name}" in ${config.provider.states} (it handles: ${known.map((k) => JSON.stringify(k)).join(', ') || 'nothing'}).\n` +
            `Add it: export default { ${JSON.stringify(state.name)}: async (params, { baseUrl }) => { … } }`,
          title,
          line,
        )
      }
      let returned: unknown
      try {
        returned = await (handler as StateHandler)(state.params, { baseUrl, state: state.name })
      } catch (error) {
        fail('ProviderStateFailed', `${config.displayFile}:${line}: the handler of provider state "${state.name}" failed: ${thrownText(error)}`, title, line)
      }
      // Defined, not assigned: a key such as `__proto__` stays ordinary data.
      for (const source of [state.params, isPlainObject(returned) ? returned : {}])
        for (const [key, value] of Object.entries(source)) Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true })
    }
    return values
  }

  return {
    async verify(context, index) {
      contract ??= decodeContract(config.contract!)
      const interaction: ContractInteraction | undefined = contract.interactions[index]
      const title = config.titles[index] ?? `interaction ${index + 1}`
      if (!interaction) fail('ContractChanged', `${config.displayFile} changed while the run was starting; run it again`, title, 1)
      const line = interaction!.line
      const meta = contractTestMeta({ file: config.displayFile, line, description: title, status: 'failed', contract, states: interaction!.states.map((s) => s.name) })
      setSpecCiMeta(context, meta)
      try {
        if (interaction!.problem) fail('InvalidContract', `${config.displayFile}:${interaction!.problem.line}: ${interaction!.problem.message}`, title, interaction!.problem.line)
        if (config.moduleError) fail('ProviderConfigError', config.moduleError, title, line)
        if (interaction!.kind === 'message') {
          // A message needs no running provider, but its states' handlers get the provider's URL when
          // one is configured (they may set up data through it): started only for such a state.
          let stateUrl: string | undefined
          if (interaction!.states.length > 0 && (config.provider.baseUrl || config.provider.start))
            try {
              stateUrl = (await running()).baseUrl
            } catch (error) {
              fail('ProviderStartFailed', `${config.displayFile}:${line}: the provider did not start: ${thrownText(error)}`, title, line)
            }
          await setUpStates(interaction!.states, stateUrl, title, line)
          const at = `${config.displayFile}:${line}`
          const mismatches = await verifyMessage({
            description: interaction!.description,
            states: interaction!.states,
            message: interaction!.message!,
            producers: config.messageProducers,
            producersOption: config.provider.messages,
            at,
            timeoutMs: config.provider.timeoutMs,
            maxJsonDepth: config.maxJsonDepth,
            fail: (name, message) => fail(name, message, title, line),
          })
          meta.mismatches = plainMismatches(mismatches)
          if (mismatches.length > 0) fail('ContractMismatch', formatMessageMismatches(interaction!.description, at, mismatches), title, line)
          meta.status = 'passed'
          return
        }
        if (!config.provider.baseUrl && !config.provider.start)
          fail('ProviderConfigError', `${config.displayFile}:${line}: an HTTP interaction needs a provider: set contract.provider.baseUrl or contract.provider.start (or SPEC_CI_PROVIDER_URL); contract.provider.messages only produces messages`, title, line)
        const { request, response } = interaction as Required<Pick<ContractInteraction, 'request' | 'response'>>
        meta.request = { method: request.method, path: request.path }
        let baseUrl: string
        try {
          baseUrl = (await running()).baseUrl
        } catch (error) {
          return fail('ProviderStartFailed', `${config.displayFile}:${line}: the provider did not start: ${thrownText(error)}`, title, line)
        }
        // Before the states too: a request that would leave the provider sends nothing at all.
        let url: URL
        try {
          url = requestUrl(baseUrl, request)
        } catch (error) {
          if (error instanceof RequestLeavesProviderError) fail(error.name, `${config.displayFile}:${line}: ${error.message}`, title, line)
          throw error
        }
        const values = await setUpStates(interaction!.states, baseUrl, title, line)
        // Generators: the request's on what is sent, ProviderState ones on the expected response too.
        const generatorContext: GeneratorContext = { values, states: interaction!.states.map((s) => s.name) }
        let sent = request
        let expected = response
        try {
          sent = generateRequest(request, generatorContext)
          expected = generateExpectedResponse(response, generatorContext)
          if (sent.path !== request.path || sent.query !== request.query) url = requestUrl(baseUrl, sent)
        } catch (error) {
          if (error instanceof GeneratorError || error instanceof RequestLeavesProviderError) fail(error.name, `${config.displayFile}:${line}: ${error.message}`, title, line)
          throw error
        }
        let actual
        try {
          actual = await sendRequest(baseUrl, sent, { timeoutMs: config.provider.timeoutMs, maxBodyBytes: config.provider.maxBodyBytes, maxJsonDepth: config.maxJsonDepth }, url!)
        } catch (error) {
          const located = error instanceof ProviderUnavailableError || error instanceof ResponseTooLargeError || error instanceof ResponseTooDeepError
          if (located) fail(error.name, `${config.displayFile}:${line}: ${error.message}`, title, line)
          throw error
        }
        const mismatches = matchResponse(expected, actual)
        meta.mismatches = plainMismatches(mismatches)
        if (mismatches.length > 0) fail('ContractMismatch', formatMismatches(sent, config.displayFile, line, mismatches), title, line)
        meta.status = 'passed'
      } catch (error) {
        meta.error = meta.mismatches.length > 0 ? undefined : describeThrown(error).message
        throw error
      }
    },
    fileError(context, message, line) {
      setSpecCiMeta(context, contractTestMeta({ file: config.displayFile, line, description: context.task.name, status: 'failed', error: message }))
      return fail('InvalidContract', message, context.task.name, line)
    },
    async stop() {
      const started = provider
      provider = undefined
      if (!started) return
      const running = await started.catch(() => undefined)
      if (!running) return
      const what = `closing the provider started by ${config.provider.start ?? 'contract.provider.start'}`
      try {
        await withTimeout(running.stop(), config.provider.timeoutMs, what)
      } catch (error) {
        if (error instanceof StepTimeoutError) throw new Error(`${(error as Error).message} (contract.provider.timeout): its close() must resolve once the server is closed`)
        throw error
      }
    },
  }
}
export { atLine, suiteAtLine } from './task-location.ts'
