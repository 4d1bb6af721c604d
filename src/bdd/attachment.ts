import type { AttachmentRecord } from './run-record.ts'

/** Each attachment body kept in the run record (and the test's annotation) is at most this long. */
export const MAX_ATTACHMENT_BODY = 1024 * 1024

export interface AttachOptions {
  mediaType?: string
  fileName?: string
}

/**
 * An attachment record from what `attach(data, mediaTypeOrOptions)` was given, as cucumber-js reads
 * it: a string is the body as it is (IDENTITY, `text/plain` unless told), unless its media type starts
 * with `base64:` (already Base64); bytes are Base64 (`application/octet-stream` unless told). Bodies
 * over {@link MAX_ATTACHMENT_BODY} characters are cut there (`truncatedFrom` says how long they were),
 * so the record stays bounded in the test's meta.
 */
export function attachmentRecord(data: string | Uint8Array, mediaTypeOrOptions: string | AttachOptions | undefined, now: number): AttachmentRecord {
  const options: AttachOptions = typeof mediaTypeOrOptions === 'string' ? { mediaType: mediaTypeOrOptions } : (mediaTypeOrOptions ?? {})
  let mediaType = options.mediaType
  let body: string
  let contentEncoding: AttachmentRecord['contentEncoding']
  if (typeof data === 'string') {
    if (mediaType?.startsWith('base64:')) {
      mediaType = mediaType.slice('base64:'.length)
      contentEncoding = 'BASE64'
    } else contentEncoding = 'IDENTITY'
    body = data
    mediaType ??= 'text/plain'
  } else {
    body = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')
    contentEncoding = 'BASE64'
    mediaType ??= 'application/octet-stream'
  }
  const record: AttachmentRecord = { body, contentEncoding, mediaType, timestampMs: now }
  if (body.length > MAX_ATTACHMENT_BODY) {
    // Base64 is cut at a multiple of 4 so that what is kept still decodes.
    record.body = body.slice(0, contentEncoding === 'BASE64' ? MAX_ATTACHMENT_BODY - (MAX_ATTACHMENT_BODY % 4) : MAX_ATTACHMENT_BODY)
    record.truncatedFrom = body.length
  }
  if (options.fileName !== undefined) record.fileName = options.fileName
  return record
}

/** All attachment bodies of one attempt of a scenario together are at most this long; later ones are left empty. */
export const MAX_ATTEMPT_ATTACHMENTS = 8 * MAX_ATTACHMENT_BODY

/**
 * Keeps an attempt's attachments bounded: once the bodies kept reach {@link MAX_ATTEMPT_ATTACHMENTS},
 * later bodies are emptied (`truncatedFrom` keeps their length). Returns the total kept so far.
 */
export function withinAttemptBudget(record: AttachmentRecord, keptSoFar: number): number {
  if (keptSoFar + record.body.length <= MAX_ATTEMPT_ATTACHMENTS) return keptSoFar + record.body.length
  record.truncatedFrom ??= record.body.length
  record.body = ''
  return keptSoFar
}

/** `log(text)`: Cucumber's log media type. */
export const LOG_MEDIA_TYPE = 'text/x.cucumber.log+plain'
/** `link(url)`. */
export const LINK_MEDIA_TYPE = 'text/uri-list'
