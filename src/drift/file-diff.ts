import { createTwoFilesPatch } from 'diff'
import type { FileDrift } from './compare-trees.ts'

/** Changed files per target that get a diff in the report. */
export const MAX_DIFF_FILES = 50
/** Lines of one file's diff kept; the rest is cut (`truncated`). */
export const MAX_DIFF_LINES = 200
/** Characters of one file's diff kept. */
export const MAX_DIFF_CHARS = 20_000
/** A side larger than this is not diffed (the test's own failure still shows both). */
const MAX_DIFF_INPUT_CHARS = 1_000_000
/** Milliseconds one diff may take before it is given up. */
const DIFF_TIMEOUT_MS = 200

/** The normalised diff of one changed file, for the report and the dashboard. */
export interface FileDiff {
  /** Relative to the project root, as in the target's `files`. */
  file: string
  /** Unified diff of the normalised texts (`--- committed`, `+++ generated`); absent when none was made. */
  diff?: string
  /** Lines of the whole diff (before any cut). */
  lines: number
  truncated: boolean
  /** Why there is no diff (binary, too large), or how the file was compared. */
  note?: string
}

/** The unified diff of a change, cut to {@link MAX_DIFF_LINES} lines and {@link MAX_DIFF_CHARS} characters. */
export function fileDiff(change: FileDrift, file: string): FileDiff {
  const note = change.note
  if (note?.startsWith('binary')) return { file, lines: 0, truncated: false, note }
  const before = change.expected ?? ''
  const after = change.actual ?? ''
  if (before.length > MAX_DIFF_INPUT_CHARS || after.length > MAX_DIFF_INPUT_CHARS)
    return { file, lines: 0, truncated: true, note: `larger than ${MAX_DIFF_INPUT_CHARS} characters: not diffed here; the file's test failure shows both sides` }
  const patch = createTwoFilesPatch(`committed/${file}`, `generated/${file}`, before, after, undefined, undefined, { context: 3, timeout: DIFF_TIMEOUT_MS })
  if (patch === undefined) return { file, lines: 0, truncated: true, note: `the diff took longer than ${DIFF_TIMEOUT_MS} ms and was given up` }
  // The first line of createTwoFilesPatch is a "====" separator with no information.
  const all = patch.split('\n').filter((line, i) => !(i === 0 && line.startsWith('====')))
  if (all.at(-1) === '') all.pop()
  let kept = all.slice(0, MAX_DIFF_LINES).join('\n')
  let truncated = all.length > MAX_DIFF_LINES
  if (kept.length > MAX_DIFF_CHARS) {
    kept = kept.slice(0, MAX_DIFF_CHARS)
    truncated = true
  }
  return { file, diff: kept, lines: all.length, truncated, ...(note ? { note } : {}) }
}
