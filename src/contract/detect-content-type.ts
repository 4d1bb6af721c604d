/**
 * The content type of a body as Pact's `contentType` matcher sees it: binary bodies by their magic
 * numbers, text bodies as JSON, XML or plain text. Pact's reference implementation asks a MIME sniffer
 * (tree_magic) for the same answer; the table below covers the common binary formats.
 */
const MAGIC: ReadonlyArray<[type: string, offset: number, bytes: number[]]> = [
  ['image/png', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', 0, [0xff, 0xd8, 0xff]],
  ['image/gif', 0, [0x47, 0x49, 0x46, 0x38]],
  ['image/bmp', 0, [0x42, 0x4d]],
  ['image/tiff', 0, [0x49, 0x49, 0x2a, 0x00]],
  ['image/tiff', 0, [0x4d, 0x4d, 0x00, 0x2a]],
  ['image/x-icon', 0, [0x00, 0x00, 0x01, 0x00]],
  ['application/pdf', 0, [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['application/gzip', 0, [0x1f, 0x8b]],
  ['application/zip', 0, [0x50, 0x4b, 0x03, 0x04]],
  ['application/x-7z-compressed', 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['application/x-bzip2', 0, [0x42, 0x5a, 0x68]],
  ['application/wasm', 0, [0x00, 0x61, 0x73, 0x6d]],
  ['audio/mpeg', 0, [0x49, 0x44, 0x33]],
  ['audio/ogg', 0, [0x4f, 0x67, 0x67, 0x53]],
  ['audio/flac', 0, [0x66, 0x4c, 0x61, 0x43]],
  ['video/mp4', 4, [0x66, 0x74, 0x79, 0x70]],
]

function startsWith(bytes: Uint8Array, offset: number, magic: number[]): boolean {
  return bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b)
}

function riff(bytes: Uint8Array): string | undefined {
  if (!startsWith(bytes, 0, [0x52, 0x49, 0x46, 0x46])) return undefined
  const kind = String.fromCharCode(...bytes.slice(8, 12))
  return kind === 'WEBP' ? 'image/webp' : kind === 'WAVE' ? 'audio/wav' : kind === 'AVI ' ? 'video/x-msvideo' : undefined
}

function isText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text
  } catch {
    return undefined
  }
}

/** The detected media type (`application/json`, `image/png`, `text/plain`, `application/octet-stream`, …). */
export function detectContentType(bytes: Uint8Array): string {
  for (const [type, offset, magic] of MAGIC) if (startsWith(bytes, offset, magic)) return type
  const riffType = riff(bytes)
  if (riffType) return riffType
  const text = isText(bytes)
  if (text === undefined) return 'application/octet-stream'
  const trimmed = text.trim()
  if (/^<\?xml[\s>]/.test(trimmed) || /^<[A-Za-z_][\w.:-]*[\s\S]*>$/.test(trimmed)) {
    return /^<!doctype html|^<html[\s>]/i.test(trimmed) ? 'text/html' : 'application/xml'
  }
  if (/^<!doctype html/i.test(trimmed)) return 'text/html'
  if (trimmed !== '')
    try {
      JSON.parse(trimmed)
      return 'application/json'
    } catch {
      // not JSON: text
    }
  return 'text/plain'
}

/**
 * `application/json` matches `application/json; charset=utf-8`; `+json`/`+xml` types count as their base, and
 * `text/plain` takes any text body (JSON, XML and HTML are text/plain's subtypes in the MIME hierarchy).
 */
export function contentTypeMatches(expected: string, detected: string): boolean {
  const base = (t: string) => t.split(';')[0]!.trim().toLowerCase()
  const e = base(expected)
  const d = base(detected)
  if (e === d) return true
  if (d === 'application/json' && (e.endsWith('+json') || e === 'text/json')) return true
  if (d === 'application/xml' && (e.endsWith('+xml') || e === 'text/xml')) return true
  // In the MIME hierarchy JSON, XML and HTML are kinds of text/plain.
  if (e === 'text/plain' && ['application/json', 'application/xml', 'text/html'].includes(d)) return true
  return false
}
