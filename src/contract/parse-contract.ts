import { DEFAULT_MAX_JSON_DEPTH, JsonSyntaxError } from '../json/json-scanner.ts'
import { parseJsonWithLines } from '../json/parse-json-with-lines.ts'
import { InteractionShapeError, readExpectedRequest, readExpectedResponse } from './read-http.ts'
import { readExpectedMessage } from './read-message.ts'
import { NO_BODY, type ContractFormat, type ContractInteraction, type ExpectedRequest, type ParsedContract, type ProviderState } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

/** A contract file that cannot be read at all (not JSON, not a contract); the message names the line. */
export class ContractFileError extends Error {
  override name = 'ContractFileError'
  readonly line: number
  constructor(message: string, line: number) {
    super(message)
    this.line = line
  }
}

function nameOf(party: unknown): string | undefined {
  if (typeof party === 'string') return party
  if (isJsonObject(party) && typeof party.name === 'string') return party.name
  return undefined
}

/** `metadata.pactSpecification.version` (also the older spellings) → its major version. */
function pactVersion(root: Record<string, unknown>): number | undefined {
  const metadata = isJsonObject(root.metadata) ? root.metadata : undefined
  const spec = metadata?.pactSpecification ?? metadata?.['pact-specification'] ?? metadata?.pactSpecificationVersion
  const version = isJsonObject(spec) ? spec.version : spec
  if (typeof version === 'string' || typeof version === 'number') {
    const major = Number.parseInt(String(version), 10)
    if (Number.isInteger(major)) return major
  }
  // A pact without its version: Pact's `{ name }` parties and interactions are enough to tell. (The
  // simple format may name its parties too, but as plain strings.)
  const party = (p: unknown): boolean => isJsonObject(p) && typeof p.name === 'string'
  if (party(root.consumer) && party(root.provider) && (Array.isArray(root.interactions) || Array.isArray(root.messages))) return 2
  return undefined
}

function readStates(raw: Record<string, unknown>): ProviderState[] {
  const states: ProviderState[] = []
  const single = raw.providerState ?? raw.provider_state ?? raw.state
  if (typeof single === 'string' && single !== '') states.push({ name: single, params: {} })
  if (Array.isArray(raw.providerStates))
    for (const s of raw.providerStates) {
      if (typeof s === 'string') states.push({ name: s, params: {} })
      else if (isJsonObject(s) && typeof s.name === 'string') states.push({ name: s.name, params: isJsonObject(s.params) ? { ...s.params } : {} })
    }
  return states
}

function describeInteraction(raw: Record<string, unknown>, index: number): string {
  if (typeof raw.description === 'string' && raw.description.trim() !== '') return raw.description
  if (typeof raw.id === 'string' && raw.id !== '') return raw.id
  const request = isJsonObject(raw.request) ? raw.request : undefined
  if (request && typeof request.path === 'string') return `${typeof request.method === 'string' ? request.method.toUpperCase() : 'GET'} ${request.path}`
  return `interaction ${index + 1}`
}

const V4_HTTP = 'Synchronous/HTTP'

/** What the verifier cannot send, though Pact can state it: `fetch` refuses a body on GET and HEAD. */
function unsendable(request: ExpectedRequest, raw: Record<string, unknown>): InteractionShapeError | undefined {
  if ((request.method === 'GET' || request.method === 'HEAD') && request.body !== NO_BODY)
    return new InteractionShapeError(`request: a ${request.method} request cannot carry a body, but this one has "body"; remove it or use another method (e.g. POST)`, raw.request)
  return undefined
}

export interface ParseContractOptions {
  /** How deep objects and arrays may nest. @default DEFAULT_MAX_JSON_DEPTH (256) */
  maxJsonDepth?: number
}

/**
 * Reads a contract: the origin's simple format (one interaction, or `interactions: [...]`) or a Pact
 * v2/v3/v4 file. Unknown fields are ignored. A broken interaction does not spoil the others: it carries
 * its `problem` and its line.
 */
export function parseContract(text: string, options: ParseContractOptions = {}): ParsedContract {
  const maxJsonDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH
  let parsed
  try {
    parsed = parseJsonWithLines(text, { maxDepth: maxJsonDepth })
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new ContractFileError(error.kind === 'depth' ? `${error.message}; raise contract.maxJsonDepth if the contract really needs it` : `not valid JSON: ${error.message}`, error.line)
    throw error
  }
  const { value: root, lineOf, lineOfKey } = parsed
  if (!isJsonObject(root)) throw new ContractFileError('a contract must be a JSON object (a simple contract or a Pact file)', 1)

  const major = pactVersion(root)
  const format: ContractFormat = major === undefined ? 'simple' : major >= 4 ? 'pact-v4' : major === 3 ? 'pact-v3' : 'pact-v2'
  const version = major ?? 3
  let entries: unknown[]
  if (format === 'simple') {
    if (Array.isArray(root.interactions)) entries = root.interactions
    else if (isJsonObject(root.request) || isJsonObject(root.response)) entries = [root]
    else throw new ContractFileError('a simple contract needs "request" and "response", or an "interactions" array', lineOf(root))
  } else {
    entries = [...(Array.isArray(root.interactions) ? root.interactions : []), ...(Array.isArray(root.messages) ? root.messages.map((m) => ({ __message: true, m })) : [])]
  }

  const interactions = entries.map((entry, index): ContractInteraction => {
    const message = isJsonObject(entry) && entry.__message === true
    const raw = message ? (entry as { m: unknown }).m : entry
    if (!isJsonObject(raw))
      return { description: `interaction ${index + 1}`, line: lineOf(raw === entry ? root : raw), kind: 'http', states: [], problem: { message: `interaction ${index + 1} must be an object`, line: lineOf(root) } }
    const line = lineOf(raw)
    const description = describeInteraction(raw, index)
    const states = readStates(raw)
    const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : undefined
    const isMessage = message || (format === 'pact-v4' && typeof raw.type === 'string' && raw.type !== V4_HTTP)
    try {
      if (isMessage) return { description, id, line, kind: 'message', states, message: readExpectedMessage(raw, version, maxJsonDepth) }
      const limits = { maxJsonDepth }
      const request = readExpectedRequest(raw.request, version, raw, limits)
      const response = readExpectedResponse(raw.response, version, { statusRequired: format === 'simple' }, raw, limits)
      const refused = unsendable(request, raw)
      if (refused) throw refused
      return { description, id, line, kind: 'http', states, request, response }
    } catch (error) {
      if (!(error instanceof InteractionShapeError)) throw error
      const at = error.key === undefined ? lineOf(error.node) : lineOfKey(error.node, error.key)
      return { description, id, line, kind: isMessage ? 'message' : 'http', states, problem: { message: error.message, line: at } }
    }
  })

  return {
    format,
    id: typeof root.id === 'string' ? root.id : undefined,
    consumer: nameOf(root.consumer),
    provider: nameOf(root.provider),
    interactions,
  }
}
