import type { ChunkReader } from './byte-source.ts'
import type { TraceFormat } from './types.ts'

/**
 * How much decompressed input detection may look at. A first line longer than this is not parsed:
 * the format is then told by whether the prefix mentions `resourceSpans`.
 */
export const DETECTION_PEEK_BYTES = 1 << 20

const OPEN_BRACE = 0x7b
const LF = 0x0a

/** Peeks at the start of the input (the peeked chunks are read again by the records reader). */
export async function detectFormat(chunks: ChunkReader): Promise<TraceFormat> {
  const peeked: Buffer[] = []
  let total = 0
  const progress = { content: false }
  while (total < DETECTION_PEEK_BYTES) {
    const chunk = await chunks.peek()
    if (chunk === undefined) return formatOfPrefix(Buffer.concat(peeked, total), true)
    peeked.push(chunk)
    total += chunk.length
    if (firstLineSettled(chunk, progress)) break
  }
  return formatOfPrefix(Buffer.concat(peeked, total), false)
}

/** Whether the chunks seen so far hold enough to decide: the first content byte is not `{`, or its line has ended. */
function firstLineSettled(chunk: Buffer, progress: { content: boolean }): boolean {
  let i = 0
  if (!progress.content) {
    while (i < chunk.length && isLeadingByte(chunk[i]!)) i++
    if (i === chunk.length) return false
    progress.content = true
    if (chunk[i] !== OPEN_BRACE) return true
  }
  return chunk.indexOf(LF, i) !== -1
}

/**
 * Decides the format from the start of the decompressed input. `complete` when the prefix is the
 * whole input. Anything unrecognised is NDJSON, so garbage is reported line by line.
 */
export function formatOfPrefix(prefix: Buffer, complete: boolean): TraceFormat {
  let i = prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf ? 3 : 0
  while (i < prefix.length && isJsonWhitespace(prefix[i]!)) i++
  if (i === prefix.length || prefix[i] !== OPEN_BRACE) return 'ndjson'
  const nl = prefix.indexOf(LF, i)
  const lineEnd = nl !== -1 ? nl : complete ? prefix.length : -1
  if (lineEnd !== -1) {
    const first = parseObject(prefix.toString('utf8', i, lineEnd))
    if (first !== undefined) return Object.hasOwn(first, 'resourceSpans') ? 'otlp-jsonl' : 'ndjson'
  }
  return prefix.indexOf('"resourceSpans"', i) !== -1 ? 'otlp-json' : 'ndjson'
}

function parseObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined
  } catch {
    return undefined
  }
}

function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d
}

/** JSON whitespace or a byte of a UTF-8 BOM: what may come before the first content byte. */
function isLeadingByte(byte: number): boolean {
  return isJsonWhitespace(byte) || byte === 0xef || byte === 0xbb || byte === 0xbf
}
