import type { Body, RuleSet } from './types.ts'

/** One message as the contract states it: its contents, metadata and their matching rules. */
export interface ExpectedMessageContents {
  /** `NO_BODY` when the contract says nothing about the contents; a string for text, otherwise JSON. */
  contents: Body
  /** The contents' content type (v4 `contentType`, else the metadata's `contentType`/`content-type`). */
  contentType: string | undefined
  metadata: Array<[key: string, value: unknown]>
  /** Body rules (`$`-rooted within the contents) and metadata rules (by key). */
  rules: { body: Array<[path: string, rules: RuleSet]>; metadata: Array<[key: string, rules: RuleSet]> }
}

/**
 * A message interaction: a v3 `messages` entry or a v4 `Asynchronous/Messages` one (no request, one
 * expected message), or a v4 `Synchronous/Messages` one (a request given to the producer, one or more
 * expected responses).
 */
export interface ExpectedMessage {
  kind: 'asynchronous' | 'synchronous'
  request?: ExpectedMessageContents
  responses: ExpectedMessageContents[]
}

/** What a message producer returned, read: contents (JSON, text, or `NO_BODY`) and metadata. */
export interface ActualMessage {
  contents: unknown
  metadata: Record<string, unknown>
}
