import { isMap, isScalar, isSeq, type Node } from 'yaml'
import { parseTimeout } from '../duration.ts'
import { parseYamlSafely, type YamlProblem } from '../yaml/safe-yaml.ts'

export const DEFAULT_TIMEOUT_MS = 60_000

export interface DriftTarget {
  /** Committed output directory, relative to the project root, as written. */
  path: string
  /** Generator command; `{out}` is replaced by a fresh temporary directory. */
  run: string
  /** Globs (relative to the root) whose files the generator reads: editing one re-runs the target. */
  inputs: string[]
  /** Globs, relative to the target, of files left out of the comparison on both sides. */
  exclude: string[]
  /** Fields dropped from JSON/YAML before comparing (see dropIgnoredPaths). */
  ignorePaths: string[]
  /** `timeout` of the entry: a whole number of milliseconds or a duration string (`60s`), as every timeout option. */
  timeoutMs: number
  /** Line of the target's entry in the manifest. */
  line: number
}

/** A target entry that cannot be used; the others still run. */
export interface BrokenTarget {
  path: string | undefined
  line: number
  problem: string
}

export type ParsedManifest = { ok: true; targets: Array<DriftTarget | BrokenTarget> } | { ok: false; problem: YamlProblem }

const KNOWN = new Set(['path', 'run', 'inputs', 'exclude', 'ignorePaths', 'timeout'])

export const isBroken = (t: DriftTarget | BrokenTarget): t is BrokenTarget => 'problem' in t

function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return []
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value
  return undefined
}

/**
 * Reads a `*.generate.yml` manifest: `targets:` is a list of `{ path, run, inputs?, exclude?,
 * ignorePaths?, timeout? }`. YAML errors and a missing `targets` list fail the whole file at their line;
 * a bad target fails only that target, at its line.
 */
export function parseManifest(text: string): ParsedManifest {
  const parsed = parseYamlSafely(text)
  if (!parsed.ok) return parsed
  const lineOf = (node: Node | null | undefined): number => (node?.range ? parsed.lines.linePos(node.range[0]).line : 1)
  const root = parsed.document.contents
  if (!isMap(root)) return { ok: false, problem: { line: lineOf(root), message: 'a manifest is a mapping with a "targets" list' } }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (key !== 'targets') return { ok: false, problem: { line: lineOf(pair.key as Node), message: `unknown field "${key}"; a manifest has only "targets"` } }
  }
  const list = root.get('targets', true)
  if (!isSeq(list) || list.items.length === 0)
    return { ok: false, problem: { line: lineOf((list as Node | undefined) ?? root), message: '"targets" must be a non-empty list of { path, run } entries' } }
  const values = (parsed.value as { targets: unknown[] }).targets
  const targets = list.items.map((item, i): DriftTarget | BrokenTarget => {
    const line = lineOf(item as Node)
    const value = values[i]
    if (!isMap(item) || value === null || typeof value !== 'object' || Array.isArray(value))
      return { path: undefined, line, problem: `targets[${i}] must be a mapping with "path" and "run"` }
    const entry = value as Record<string, unknown>
    const path = typeof entry.path === 'string' && entry.path.trim() !== '' ? entry.path : undefined
    const broken = (problem: string, at = line): BrokenTarget => ({ path, line: at, problem })
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : ''
      if (!KNOWN.has(key)) return broken(`unknown field "${key}" in target ${path ?? i}; known fields: ${[...KNOWN].join(', ')}`, lineOf(pair.key as Node))
    }
    if (!path) return broken(`targets[${i}] needs "path": the committed output directory, relative to the project root`)
    if (typeof entry.run !== 'string' || entry.run.trim() === '') return broken(`target ${path} needs "run": the generator command, writing into {out}`)
    if (!entry.run.includes('{out}'))
      return broken(`target ${path}: "run" must write into {out} (a fresh temporary directory), e.g. "node gen.mjs --out {out}"; the generator never runs inside the committed target`)
    const inputs = stringList(entry.inputs)
    const exclude = stringList(entry.exclude)
    const ignorePaths = stringList(entry.ignorePaths)
    if (!inputs) return broken(`target ${path}: "inputs" must be a glob or a list of globs`)
    if (!exclude) return broken(`target ${path}: "exclude" must be a glob or a list of globs`)
    if (!ignorePaths) return broken(`target ${path}: "ignorePaths" must be a list of field paths such as generatedAt`)
    const timeoutMs = entry.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseTimeout(entry.timeout)
    if (timeoutMs === undefined) return broken(`target ${path}: "timeout" is ${JSON.stringify(entry.timeout)}; expected a duration such as 60s, 500ms or 2m`)
    return { path, run: entry.run, inputs, exclude, ignorePaths, timeoutMs, line }
  })
  return { ok: true, targets }
}
