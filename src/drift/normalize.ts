import stableStringify from 'json-stable-stringify'
import { dropIgnoredPaths } from './ignore-paths.ts'
import { parseYamlSafely } from '../yaml/safe-yaml.ts'

export type ArtifactKind = 'json' | 'yaml' | 'text' | 'binary'

/** A file's content as compared: canonical JSON for JSON/YAML, LF text, or raw bytes. */
export interface NormalizedArtifact {
  kind: ArtifactKind
  /** What is compared and shown in a diff; for binary, a one-line description. */
  text: string
  /** Binary files are compared by these bytes. */
  bytes?: Uint8Array
  /** Why a .json/.yaml file was compared as text (it did not parse). */
  note?: string
}

const decoder = new TextDecoder('utf-8', { fatal: true })

function kindOf(file: string): ArtifactKind {
  const lower = file.toLowerCase()
  if (lower.endsWith('.json')) return 'json'
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'yaml'
  return 'text'
}

function canonical(value: unknown, ignorePaths: readonly string[]): string {
  return stableStringify(dropIgnoredPaths(value, ignorePaths), { space: 2 }) ?? 'undefined'
}

/**
 * The form two versions of an artifact are compared in: JSON and YAML (parsed safely) as canonical JSON
 * without the ignored paths, so key order, whitespace and volatile stamps do not count; other text with
 * LF line ends; anything that is not UTF-8 text byte for byte.
 */
export function normalizeArtifact(file: string, bytes: Uint8Array, ignorePaths: readonly string[]): NormalizedArtifact {
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    return { kind: 'binary', text: `(binary, ${bytes.length} bytes)`, bytes }
  }
  if (text.includes('\0')) return { kind: 'binary', text: `(binary, ${bytes.length} bytes)`, bytes }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const lf = text.replace(/\r\n?/g, '\n')
  const kind = kindOf(file)
  if (kind === 'json') {
    try {
      return { kind, text: canonical(JSON.parse(lf), ignorePaths) }
    } catch (e) {
      return { kind: 'text', text: lf, note: `not valid JSON (${(e as Error).message}); compared as text` }
    }
  }
  if (kind === 'yaml') {
    const parsed = parseYamlSafely(lf)
    if (parsed.ok) return { kind, text: canonical(parsed.value, ignorePaths) }
    return { kind: 'text', text: lf, note: `not valid YAML (line ${parsed.problem.line}: ${parsed.problem.message}); compared as text` }
  }
  return { kind, text: lf }
}

export function sameArtifact(a: NormalizedArtifact, b: NormalizedArtifact): boolean {
  if (a.bytes || b.bytes) return !!a.bytes && !!b.bytes && Buffer.from(a.bytes).equals(b.bytes)
  return a.text === b.text
}
