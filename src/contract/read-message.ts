import { InteractionShapeError } from './interaction-shape-error.ts'
import { nestsDeeperThan } from './json-depth.ts'
import { normalizeMatchingRules } from './matching-rules.ts'
import type { ExpectedMessage, ExpectedMessageContents } from './message-types.ts'
import { NO_BODY } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

const CONTENT_TYPE_KEYS = new Set(['contenttype', 'content-type'])

/** The metadata's content type (`contentType`, `content-type`, `Content-Type`), when it states one. */
export function metadataContentType(metadata: ReadonlyArray<[string, unknown]> | Record<string, unknown>): string | undefined {
  const entries = Array.isArray(metadata) ? metadata : Object.entries(metadata)
  const found = entries.find(([key]) => CONTENT_TYPE_KEYS.has(key.toLowerCase()))
  return typeof found?.[1] === 'string' ? found[1] : undefined
}

export function isContentTypeKey(key: string): boolean {
  return CONTENT_TYPE_KEYS.has(key.toLowerCase())
}

const isJsonType = (contentType: string | undefined): boolean => contentType === undefined || /[/+]json\b/i.test(contentType)

/**
 * The contents of a message: v4 wraps them as `{ content, contentType, encoded }` (base64 decoded, JSON
 * text parsed when the content type is JSON); v3 states them as they are.
 */
function readContents(holder: Record<string, unknown>, version: number, maxJsonDepth: number, metadataType: string | undefined): { contents: unknown; contentType: string | undefined } {
  if (!Object.hasOwn(holder, 'contents')) return { contents: NO_BODY, contentType: metadataType }
  let contents = holder.contents
  let contentType = metadataType
  if (version >= 4 && isJsonObject(contents) && Object.hasOwn(contents, 'content') && ('contentType' in contents || 'encoded' in contents)) {
    const wrapper = contents
    contentType = typeof wrapper.contentType === 'string' && wrapper.contentType !== '*/*' ? wrapper.contentType : metadataType
    contents = wrapper.content
    if (typeof contents === 'string' && wrapper.encoded && wrapper.encoded !== false) contents = Buffer.from(contents, 'base64').toString('utf8')
    if (typeof contents === 'string' && contentType !== undefined && isJsonType(contentType))
      try {
        contents = JSON.parse(contents)
      } catch {
        // a JSON content type over text that is not JSON: compared as text
      }
  }
  if (contents === null && version >= 4) return { contents: NO_BODY, contentType }
  if (nestsDeeperThan(contents, maxJsonDepth))
    throw new InteractionShapeError(`contents nest objects and arrays deeper than ${maxJsonDepth} levels; raise contract.maxJsonDepth if the contract really needs it`, holder, 'contents')
  return { contents, contentType }
}

function readOne(raw: unknown, version: number, maxJsonDepth: number, where: string, owner: unknown): ExpectedMessageContents {
  if (!isJsonObject(raw)) throw new InteractionShapeError(`${where} must be an object with "contents" (and "metadata"), got ${JSON.stringify(raw) ?? 'nothing'}`, owner)
  const rawMetadata = raw.metadata ?? raw.metaData
  if (rawMetadata !== undefined && rawMetadata !== null && !isJsonObject(rawMetadata))
    throw new InteractionShapeError(`${where}.metadata must be an object, got ${JSON.stringify(rawMetadata)}`, raw)
  const metadata = Object.entries(isJsonObject(rawMetadata) ? rawMetadata : {})
  const { contents, contentType } = readContents(raw, version, maxJsonDepth, metadataContentType(metadata))
  const rules = isJsonObject(raw.matchingRules) ? raw.matchingRules : {}
  // v3 and v4 name the contents' category `body`; some v4 files (and the compliance cases) `content`.
  const body = normalizeMatchingRules({ body: rules.body ?? rules.content }, 3).body
  const metadataRules = normalizeMatchingRules({ header: rules.metadata }, 3).header
  return { contents, contentType, metadata, rules: { body, metadata: metadataRules } }
}

/**
 * A message interaction: v3 `messages` entries and v4 `Asynchronous/Messages` carry one message;
 * v4 `Synchronous/Messages` a `request` and a `response` list.
 */
export function readExpectedMessage(raw: Record<string, unknown>, version: number, maxJsonDepth: number): ExpectedMessage {
  if (raw.type === 'Synchronous/Messages') {
    const responses = Array.isArray(raw.response) ? raw.response : raw.response === undefined ? [] : [raw.response]
    if (responses.length === 0) throw new InteractionShapeError('a synchronous message needs "response": a list of the expected response messages', raw)
    return {
      kind: 'synchronous',
      request: raw.request === undefined ? undefined : readOne(raw.request, version, maxJsonDepth, 'request', raw),
      responses: responses.map((r, i) => readOne(r, version, maxJsonDepth, `response[${i}]`, raw.response)),
    }
  }
  if (raw.type !== undefined && raw.type !== 'Asynchronous/Messages')
    throw new InteractionShapeError(`interaction type ${JSON.stringify(raw.type)} is not one vitest-spec-ci verifies (Synchronous/HTTP, Asynchronous/Messages, Synchronous/Messages)`, raw, 'type')
  return { kind: 'asynchronous', responses: [readOne(raw, version, maxJsonDepth, 'message', raw)] }
}
