import type { MarkdownKit } from './section-builder.ts'
import { bigintAsDecimal } from '../json/stringify-report.ts'

/**
 * Longest inline text kept from an input; the rest is cut with `…`. A PR comment holds at most
 * 65,536 characters, and one hostile 1 MB key must not push every other finding out of it.
 */
export const MAX_INLINE_CHARS = 300

// Everything that can start Markdown or HTML syntax inline, in table cells, or GitHub math (`$`).
// Numeric character references are literal text in CommonMark, never markup, and contain no `|`.
const SYNTAX = /[\\`*_{}[\]()#!|~<>&$]/g
// Block syntax only counts at the start of a line: a list, a heading underline, a numbered list.
const LEADING_BLOCK = /^[ \t]*(?:[-+=]|\d+[.)])/
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g
// Other control characters would reach the page raw (or break a table row); shown as U+FFFD.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g
// A zero-width space after `@` keeps `@everyone` / `@org/team` from notifying anyone.
const MENTION = /@/g

function stringify(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return ''
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value, bigintAsDecimal) ?? String(value)
    } catch {
      return String(value)
    }
  }
  return String(value)
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  // Never end on half a surrogate pair.
  const safe = /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut
  return `${safe}…`
}

/** Inline text from an input, made inert: no Markdown, HTML, mention, comment marker or line break survives. */
export function escapeInline(value: unknown, max = MAX_INLINE_CHARS): string {
  return truncate(stringify(value), max)
    .replace(LINE_BREAKS, ' ↵ ')
    .replace(CONTROLS, '\ufffd')
    .replace(SYNTAX, (ch) => `&#${ch.charCodeAt(0)};`)
    .replace(LEADING_BLOCK, (start) => `${start.slice(0, -1)}&#${start.charCodeAt(start.length - 1)};`)
    .replace(MENTION, '@&#8203;')
}

/**
 * A {@link MarkdownKit} for one summary. It remembers the strings it produced, so a table can tell a
 * cell a builder already escaped (kept) from raw input (escaped).
 */
export function createMarkdownKit(): MarkdownKit {
  const produced = new Set<string>()
  const mark = (s: string): string => {
    produced.add(s)
    return s
  }
  const text = (value: unknown): string => mark(escapeInline(value))
  // `<code>` rather than backticks: inside a backtick span nothing can be escaped, so `|` would still
  // split a table cell and `<!-- vitest-spec-ci -->` would stay in the comment body verbatim.
  const code = (value: unknown): string => mark(`<code>${escapeInline(value)}</code>`)
  const cell = (value: string | number): string => {
    if (typeof value === 'number') return String(value)
    return produced.has(value) ? value : escapeInline(value)
  }
  const table = (headers: string[], rows: Array<Array<string | number>>): string => {
    const width = headers.length
    const line = (cells: Array<string | number>): string => {
      const padded = Array.from({ length: width }, (_, i) => (i < cells.length ? cell(cells[i]!) : ''))
      return `| ${padded.join(' | ')} |`
    }
    return mark([line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n'))
  }
  return { text, code, table }
}
