import type { ChunkReader } from './byte-source.ts'
import type { TraceFormat } from './types.ts'

/**
 * How much decompressed input detection may look at. A first line longer than this is not parsed:
 * the format is then told by whether the prefix mentions `resourceSpans`.
 */
export const DETECTION_PEEK_BYTES = 1 << 20

const OPEN_BRACE = 0x7b
const LF = 0x0a

/**
 * Peeks at the start of the input (the peeked chunks are read again by the records reader). A first
 * line that is a whole `TracesData` is OTLP JSON Lines when another record follows it, and one OTLP JSON
 * document when only whitespace does (what an OTLP JSON exporter writes), so that case peeks on.
 */
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
  const format = classify(Buffer.concat(peeked, total), false)
  if (format !== ONE_LINE_SO_FAR) return format
  while (total < DETECTION_PEEK_BYTES) {
    const chunk = await chunks.peek()
    if (chunk === undefined) return 'otlp-json'
    total += chunk.length
    if (!isAllWhitespace(chunk)) return 'otlp-jsonl'
  }
  return 'otlp-jsonl'
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
 * whole input. Anything unrecognised is NDJSON, so garbage is reported line by line; a prefix that is
 * only a one-line `TracesData` followed by whitespace is taken for OTLP JSON Lines unless `complete`.
 */
export function formatOfPrefix(prefix: Buffer, complete: boolean): TraceFormat {
  const format = classify(prefix, complete)
  return format === ONE_LINE_SO_FAR ? 'otlp-jsonl' : format
}

/** The first line is a whole `TracesData` and nothing but whitespace follows it in the prefix. */
const ONE_LINE_SO_FAR = 'one-line-so-far'

function classify(prefix: Buffer, complete: boolean): TraceFormat | typeof ONE_LINE_SO_FAR {
  // A protobuf TracesData starts with its field 1 (resource_spans, length-delimited): byte 0x0A. So does
  // text starting with a blank line, which is told apart by the bytes JSON text never holds.
  if (prefix[0] === LF && !isJsonText(prefix, complete)) return 'otlp-protobuf'
  let i = prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf ? 3 : 0
  while (i < prefix.length && isJsonWhitespace(prefix[i]!)) i++
  if (isJepsenEdn(prefix, i)) return 'jepsen-edn'
  if (i === prefix.length || prefix[i] !== OPEN_BRACE) return 'ndjson'
  const nl = prefix.indexOf(LF, i)
  const lineEnd = nl !== -1 ? nl : complete ? prefix.length : -1
  if (lineEnd !== -1) {
    const first = parseObject(prefix.toString('utf8', i, lineEnd))
    if (first !== undefined) {
      if (!Object.hasOwn(first, 'resourceSpans')) return 'ndjson'
      if (!isAllWhitespace(prefix.subarray(lineEnd))) return 'otlp-jsonl'
      return complete ? 'otlp-json' : ONE_LINE_SO_FAR
    }
  }
  return prefix.indexOf('"resourceSpans"', i) !== -1 ? 'otlp-json' : 'ndjson'
}

const HASH = 0x23
const COLON = 0x3a
const COMMA = 0x2c
const JEPSEN_TAG = Buffer.from('#jepsen.history.Op{')

/**
 * A Jepsen history line: an EDN map whose first key is a keyword (`{:process 0, :type :invoke, …}`; EDN
 * counts commas as whitespace), or a newer Jepsen's record `#jepsen.history.Op{…}`. No JSON text starts so.
 */
function isJepsenEdn(prefix: Buffer, start: number): boolean {
  if (prefix[start] === HASH) return prefix.subarray(start, start + JEPSEN_TAG.length).equals(JEPSEN_TAG)
  if (prefix[start] !== OPEN_BRACE) return false
  let i = start + 1
  while (i < prefix.length && (isJsonWhitespace(prefix[i]!) || prefix[i] === COMMA)) i++
  return prefix[i] === COLON
}

/**
 * Whether the bytes may be text of a JSON-based format: valid UTF-8 (a sequence cut at the end of an
 * incomplete prefix aside) without the control characters JSON never holds unescaped (all below 0x20
 * but tab, LF and CR). Protobuf holds them as tags and lengths (0x12 is the tag of every
 * `KeyValue.value`, `Span.span_id`, `ResourceSpans.scope_spans`), and its ids are random bytes.
 */
function isJsonText(prefix: Buffer, complete: boolean): boolean {
  for (const byte of prefix) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false
  try {
    // A decoder per call: one that streams keeps a cut sequence for its next call.
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: !complete })
    return true
  } catch {
    return false
  }
}

function isAllWhitespace(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (!isJsonWhitespace(byte)) return false
  return true
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
