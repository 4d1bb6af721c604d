import { matchMessage } from '../src/contract/match-message.ts'
import type { ActualMessage, ExpectedMessage, ExpectedMessageContents } from '../src/contract/message-types.ts'
import type { Mismatch, ProviderState } from '../src/contract/types.ts'
import { NO_BODY } from '../src/contract/types.ts'
import { nestsDeeperThan } from '../src/contract/json-depth.ts'
import { thrownText } from '../src/thrown-value.ts'
import { StepTimeoutError, withTimeout } from './contract-timeout.ts'

/** What a message producer is called with. */
export interface MessageProducerContext {
  /** The interaction's description (the producer's key). */
  description: string
  /** The interaction's provider states, with their params (their handlers have run already). */
  states: ProviderState[]
  /** A synchronous message's request: its contents and metadata as the contract states them. */
  request?: { contents: unknown; metadata: Record<string, unknown> }
}

export type MessageProducer = (context: MessageProducerContext) => unknown

/** Fails the interaction (at its line) with a named error. */
export type FailInteraction = (name: string, message: string) => never

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object'

/** Producers by description: the module's default export object, its `messages` export, or its named exports. */
export function producerTable(module: Record<string, unknown>): Record<string, unknown> {
  if (isObject(module.default) && typeof module.default !== 'function') return module.default
  if (isObject(module.messages)) return module.messages
  return module
}

/**
 * Bytes become text (JSON when the pact's contents are JSON); anything else is taken as the JSON it
 * serialises to, as Pact JS sends a producer's message to the official verifier (a Date becomes its
 * string, undefined keys vanish). A string is a string, as a consumer reads it.
 */
function readContents(value: unknown, expected: ExpectedMessageContents, what: string, maxJsonDepth: number, fail: FailInteraction): unknown {
  if (value === undefined) return NO_BODY
  if (value instanceof Uint8Array) {
    const text = Buffer.from(value).toString('utf8')
    if (typeof expected.contents !== 'string' && expected.contents !== NO_BODY)
      try {
        return JSON.parse(text)
      } catch {
        return text
      }
    return text
  }
  let json: unknown
  try {
    const text = JSON.stringify(value)
    json = text === undefined ? NO_BODY : JSON.parse(text)
  } catch (error) {
    fail('InvalidMessage', `${what} returned contents that are not JSON: ${(error as Error).message}`)
  }
  if (nestsDeeperThan(json, maxJsonDepth)) fail('InvalidMessage', `${what} returned contents nested deeper than ${maxJsonDepth} levels (contract.maxJsonDepth)`)
  return json
}

function readProduced(value: unknown, expected: ExpectedMessageContents, what: string, maxJsonDepth: number, fail: FailInteraction): ActualMessage {
  if (!isObject(value) || value instanceof Uint8Array || !Object.hasOwn(value, 'contents'))
    fail('InvalidMessage', `${what} must return { contents, metadata? }, but returned ${value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 120) ?? typeof value}`)
  const { contents, metadata } = value as { contents: unknown; metadata?: unknown }
  if (metadata !== undefined && !isObject(metadata)) fail('InvalidMessage', `${what} returned metadata that is not an object: ${JSON.stringify(metadata)}`)
  let plainMetadata: Record<string, unknown> = {}
  try {
    plainMetadata = metadata === undefined ? {} : (JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>)
  } catch (error) {
    fail('InvalidMessage', `${what} returned metadata that is not JSON: ${(error as Error).message}`)
  }
  return { contents: readContents(contents, expected, what, maxJsonDepth, fail), metadata: plainMetadata }
}

export interface VerifyMessageInit {
  description: string
  states: ProviderState[]
  message: ExpectedMessage
  /** The producers module's exports; undefined when `contract.provider.messages` names none. */
  producers: Record<string, unknown> | undefined
  /** `contract.provider.messages` as configured, for messages. */
  producersOption: string | undefined
  /** Where the failure points: `file:line`. */
  at: string
  timeoutMs: number
  /** `contract.maxJsonDepth`: how deep produced contents may nest. */
  maxJsonDepth: number
  fail: FailInteraction
}

/**
 * Calls the interaction's producer (keyed by description) and matches what it returns: an
 * asynchronous message against the contract's message; a synchronous one's responses, each against
 * the expected response at its index. Returns the mismatches (empty: the message meets the contract).
 */
export async function verifyMessage(init: VerifyMessageInit): Promise<Mismatch[]> {
  const { description, message, fail, at } = init
  if (!init.producers)
    fail('MissingMessageProducer', `${at}: "${description}" is a message interaction, but contract.provider.messages names no module of message producers; add one exporting { ${JSON.stringify(description)}: async ({ states }) => ({ contents, metadata }) }`)
  const table = producerTable(init.producers!)
  const producer = Object.hasOwn(table, description) ? table[description] : undefined
  if (typeof producer !== 'function') {
    const known = Object.keys(table).filter((k) => typeof table[k] === 'function')
    fail(
      'MissingMessageProducer',
      `${at}: no message producer for "${description}" in ${init.producersOption} (it produces: ${known.map((k) => JSON.stringify(k)).join(', ') || 'nothing'}).\n` +
        `Add it: export default { ${JSON.stringify(description)}: async ({ states${message.kind === 'synchronous' ? ', request' : ''} }) => ({ contents: …, metadata: { … } }) }`,
    )
  }
  const what = `the message producer of "${description}" in ${init.producersOption}`
  const context: MessageProducerContext = { description, states: init.states.map((s) => ({ name: s.name, params: { ...s.params } })) }
  if (message.request)
    context.request = { contents: message.request.contents === NO_BODY ? undefined : message.request.contents, metadata: Object.fromEntries(message.request.metadata) }
  let produced: unknown
  try {
    produced = await withTimeout(Promise.resolve().then(() => (producer as MessageProducer)(context)), init.timeoutMs, what)
  } catch (error) {
    if (error instanceof StepTimeoutError) fail('MessageProducerFailed', `${at}: ${error.message} (contract.provider.timeout); make it faster or raise the option`)
    fail('MessageProducerFailed', `${at}: ${what} failed: ${thrownText(error)}`)
  }
  if (message.kind === 'asynchronous') return matchMessage(message.responses[0]!, readProduced(produced, message.responses[0]!, what, init.maxJsonDepth, fail))
  const list = Array.isArray(produced) ? produced : [produced]
  const mismatches: Mismatch[] = []
  for (const [i, expected] of message.responses.entries()) {
    const label = `$.response[${i}]`
    if (i >= list.length) {
      mismatches.push({ kind: 'missing', path: label, expected: expected.contents === NO_BODY ? null : expected.contents, actual: undefined, message: `${label}: expected a response message but the producer returned ${list.length}` })
      continue
    }
    mismatches.push(...matchMessage(expected, readProduced(list[i], expected, `${what} (response ${i})`, init.maxJsonDepth, fail), label))
  }
  return mismatches
}
