/**
 * Whether a value matches a Pact date/time pattern as the official verifier (Pact's Rust core) decides,
 * not as java.time would. Written by hand because no library has those semantics: @js-joda/core (a port
 * of java.time) is strict about field widths and has no English names without a 45 MB locale package,
 * and the official verifier differs from java.time. What it does was measured by running it on (pattern,
 * value) pairs (tests/integration/pact-date-differential.test.ts keeps them):
 * - numeric fields take 1 up to the letter count of digits (at least 2 for day, month, hour, minute,
 *   second; 4 for a one-letter year): `yyyy-MM-dd` takes `2024-1-5` and `24-01-05`, not `02024-01-05`;
 * - English day, month, era and AM/PM names in any case (`tue`, `NOV`, `pm`); the weekday is not checked
 *   against the date; `EEEE` and `MMMM` want the full name, up to three letters the short one;
 * - `z` takes the zone abbreviations listed below, in capitals (`UTC` is not one of them there);
 * - the day must exist in its month (`31 Feb`, `2023-02-29` fail), hours and minutes in range, seconds
 *   up to 60 (a leap second).
 * Letters it does not support (narrow names `EEEEE`/`MMMMM`, `zzzz`, `aa`, zone ids, localized offsets,
 * week-based fields) are a mismatch naming the pattern.
 */

const SHORT_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const FULL_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
const SHORT_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
/** The abbreviations the official verifier took for `z` when probed (it refused UTC, UT, Z, SGT, PHT, ICT, BRT, ART, CLT, COT, PET). */
const ZONE_ABBREVIATIONS = new Set(
  'GMT EST EDT CST CDT MST MDT PST PDT AKST AKDT HST BST IST CET CEST EET EEST WET WEST JST KST AEST AEDT ACST AWST NZST NZDT MSK HKT WIB SAST WAT EAT AST ADT NST NDT GST PKT NPT CAT'.split(' '),
)

/** Ways of reading a value tried at most (a plain pattern needs a handful). */
const MAX_MATCH_STEPS = 10_000

type Token = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number }

function tokenize(pattern: string): Token[] | string {
  const tokens: Token[] = []
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i]!
    // The official verifier reads no optional section: a pattern with one matches nothing there (measured).
    if (c === '[' || c === ']') return 'an optional section "[…]", which the official Pact verifier does not read (it fails every value)'
    if (c === "'") {
      let text = ''
      i++
      for (;;) {
        if (i >= pattern.length) return 'an unclosed quote'
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'"
            i += 2
            continue
          }
          i++
          break
        }
        text += pattern[i++]
      }
      tokens.push({ kind: 'literal', text: text === '' ? "'" : text })
      continue
    }
    if (/[A-Za-z]/.test(c)) {
      let count = 1
      while (pattern[i + count] === c) count++
      tokens.push({ kind: 'field', letter: c, count })
      i += count
      continue
    }
    if (c === '{' || c === '}' || c === '#') return `the reserved character "${c}"`
    tokens.push({ kind: 'literal', text: c })
    i++
  }
  return tokens
}

/** The first field the official verifier does not read, whatever the value (checked before any value is read). */
function unsupportedField(tokens: readonly Token[]): string | undefined {
  for (const token of tokens) {
    if (token.kind !== 'field') continue
    const { letter, count } = token
    const limit: Record<string, number> = { E: 4, M: 4, L: 4, a: 1, G: 3, z: 3, X: 5, x: 5, Z: 5 }
    const supported =
      (letter === 'M' || letter === 'L') && count > 2
        ? count <= 4
        : letter in NUMERIC
          ? !(letter === 'Q' || letter === 'q') || count <= 2
          : letter in limit && count <= limit[letter]! && !(letter === 'Z' && count === 4)
    if (!supported) return `the pattern letter ${letter.repeat(count)} is not supported`
  }
  return undefined
}

/** The date fields read so far, checked together once the whole value is read (the others are checked by range as read). */
interface Fields {
  year?: number
  month?: number
  day?: number
}

/** Digit bounds of a numeric letter, and where its value goes with its range. */
const NUMERIC: Record<string, { min: number; max: number; set?: (f: Fields, v: number) => void; oneLetterMax: number }> = {
  y: { min: 0, max: Number.MAX_SAFE_INTEGER, oneLetterMax: 4, set: (f, v) => void (f.year = v) },
  u: { min: 0, max: Number.MAX_SAFE_INTEGER, oneLetterMax: 4, set: (f, v) => void (f.year = v) },
  M: { min: 1, max: 12, oneLetterMax: 2, set: (f, v) => void (f.month = v) },
  L: { min: 1, max: 12, oneLetterMax: 2, set: (f, v) => void (f.month = v) },
  d: { min: 1, max: 31, oneLetterMax: 2, set: (f, v) => void (f.day = v) },
  D: { min: 1, max: 366, oneLetterMax: 3 },
  H: { min: 0, max: 23, oneLetterMax: 2 },
  k: { min: 1, max: 24, oneLetterMax: 2 },
  K: { min: 0, max: 11, oneLetterMax: 2 },
  h: { min: 1, max: 12, oneLetterMax: 2 },
  m: { min: 0, max: 59, oneLetterMax: 2 },
  s: { min: 0, max: 60, oneLetterMax: 2 },
  S: { min: 0, max: Number.MAX_SAFE_INTEGER, oneLetterMax: 9 },
  n: { min: 0, max: 999_999_999, oneLetterMax: 9 },
  A: { min: 0, max: 86_399_999, oneLetterMax: 8 },
  Q: { min: 1, max: 4, oneLetterMax: 1 },
  q: { min: 1, max: 4, oneLetterMax: 1 },
}

/** A name among `names` at `at`, in any case: its length, or 0. Longest first (`may` vs `march`). */
function nameAt(text: string, at: number, names: readonly string[]): number {
  const rest = text.slice(at).toLowerCase()
  let best = 0
  for (const name of names) if (name.length > best && rest.startsWith(name)) best = name.length
  return best
}

/** Lengths a text field may take at `at` (several when a choice must be backtracked); a string: unsupported. */
function textLengths(token: { letter: string; count: number }, text: string, at: number, fields: Fields): number[] | string {
  const { letter, count } = token
  const unsupported = `the pattern letter ${letter.repeat(count)} is not supported`
  switch (letter) {
    case 'E':
      if (count > 4) return unsupported
      return [nameAt(text, at, count === 4 ? FULL_DAYS : SHORT_DAYS)].filter((n) => n > 0)
    case 'M':
    case 'L': {
      if (count > 4) return unsupported
      const names = count === 4 ? FULL_MONTHS : SHORT_MONTHS
      const n = nameAt(text, at, names)
      if (n > 0) fields.month = names.indexOf(text.slice(at, at + n).toLowerCase()) + 1
      return n > 0 ? [n] : []
    }
    case 'a': {
      if (count > 1) return unsupported
      return [nameAt(text, at, ['am', 'pm'])].filter((n) => n > 0)
    }
    case 'G':
      if (count > 3) return unsupported
      return [nameAt(text, at, ['ad', 'bc'])].filter((n) => n > 0)
    case 'z': {
      if (count > 3) return unsupported
      const word = /^[A-Z]{2,5}/.exec(text.slice(at))?.[0] ?? ''
      const lengths: number[] = []
      for (let n = word.length; n >= 2; n--) if (ZONE_ABBREVIATIONS.has(word.slice(0, n))) lengths.push(n)
      return lengths
    }
    case 'X':
    case 'x':
    case 'Z':
      return offsetLengths(letter, count, text, at)
    default:
      return unsupported
  }
}

/** Offsets as java.time spells them: `X` also takes `Z`; 1 letter ±HH[MM], 2 ±HHMM, 3 ±HH:MM, `Z` ±HHMM. */
function offsetLengths(letter: string, count: number, text: string, at: number): number[] | string {
  const rest = text.slice(at)
  if ((letter === 'X' || (letter === 'Z' && count === 5)) && rest.startsWith('Z')) return [1]
  const forms: RegExp[] =
    letter === 'Z'
      ? count <= 3
        ? [/^[+-]\d{4}/]
        : count === 5
          ? [/^[+-]\d{2}:\d{2}/]
          : []
      : count === 1
        ? [/^[+-]\d{2}\d{2}/, /^[+-]\d{2}/]
        : count === 2 || count === 4
          ? [/^[+-]\d{4}/]
          : count === 3 || count === 5
            ? [/^[+-]\d{2}:\d{2}/]
            : []
  if (forms.length === 0) return `the pattern letter ${letter.repeat(count)} is not supported`
  const lengths: number[] = []
  for (const form of forms) {
    const m = form.exec(rest)
    if (m && Number(m[0].slice(1, 3)) <= 18) lengths.push(m[0].length)
  }
  return lengths
}

function daysIn(month: number, year: number | undefined): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Whether what was read is a real date and time. */
function fieldsProblem(f: Fields): string | undefined {
  if (f.month !== undefined && f.day !== undefined && f.day > daysIn(f.month, f.year))
    return `${f.day} is not a day of month ${f.month}${f.year === undefined ? '' : ` in ${f.year}`}`
  return undefined
}

/** Undefined when `text` is wholly a date/time in `pattern` as the official Pact verifier reads it; otherwise why not. */
export function dateTimeProblem(pattern: string, text: string): string | undefined {
  const tokenized = tokenize(pattern)
  const refused = typeof tokenized === 'string' ? tokenized : unsupportedField(tokenized)
  if (refused !== undefined || typeof tokenized === 'string') return `the date/time pattern ${JSON.stringify(pattern)} cannot be used: ${refused}`
  return matchTokens(tokenized, pattern, text)
}

function matchTokens(tokens: readonly Token[], pattern: string, text: string): string | undefined {
  let unsupported: string | undefined
  let deepest = 0
  // Depth-first over the tokens; numeric widths and zone names may need a shorter choice for what
  // follows. Bounded: adjacent numeric fields of a hostile pattern could otherwise take exponential time.
  let budget = MAX_MATCH_STEPS
  const match = (t: number, at: number, fields: Fields): string | undefined | false => {
    if (--budget < 0) return `the date/time pattern ${JSON.stringify(pattern)} is too ambiguous to check (more than ${MAX_MATCH_STEPS} ways to read the value were tried)`
    deepest = Math.max(deepest, at)
    if (t === tokens.length) return at === text.length ? fieldsProblem(fields) : false
    const token = tokens[t]!
    if (token.kind === 'literal') return text.startsWith(token.text, at) ? match(t + 1, at + token.text.length, fields) : false
    const numeric = NUMERIC[token.letter]
    const textual = numeric === undefined || ((token.letter === 'M' || token.letter === 'L') && token.count >= 3)
    if (!textual) {
      const most = Math.max(token.count, token.count === 1 ? numeric!.oneLetterMax : Math.min(token.count, numeric!.oneLetterMax))
      let digits = 0
      while (digits < most && at + digits < text.length && text.charCodeAt(at + digits) >= 48 && text.charCodeAt(at + digits) <= 57) digits++
      let lastProblem: string | undefined | false = false
      for (let n = digits; n >= 1; n--) {
        const value = Number(text.slice(at, at + n))
        if (value < numeric!.min || value > numeric!.max) {
          lastProblem = `${text.slice(at, at + n)} is out of range for ${token.letter.repeat(token.count)}`
          continue
        }
        const next: Fields = { ...fields }
        numeric!.set?.(next, value)
        const result = match(t + 1, at + n, next)
        if (result === undefined) return undefined
        if (result !== false) lastProblem = result
      }
      return lastProblem
    }
    const next: Fields = { ...fields }
    const lengths = textLengths(token, text, at, next)
    if (typeof lengths === 'string') {
      unsupported = lengths
      return false
    }
    let lastProblem: string | undefined | false = false
    for (const n of lengths) {
      const result = match(t + 1, at + n, next)
      if (result === undefined) return undefined
      if (result !== false) lastProblem = result
    }
    return lastProblem
  }
  const result = match(0, 0, {})
  if (result === undefined) return undefined
  if (unsupported !== undefined) return `the date/time pattern ${JSON.stringify(pattern)} cannot be used: ${unsupported}`
  if (result !== false) return result
  return `${JSON.stringify(text)} does not match the pattern ${JSON.stringify(pattern)} (at index ${Math.min(deepest, text.length)})`
}

/** The parts of a moment a pattern may print (a ZonedDateTime's, as plain numbers). */
export interface DateParts {
  year: number
  month: number
  day: number
  dayOfYear: number
  /** 1 (Monday) to 7. */
  dayOfWeek: number
  hour: number
  minute: number
  second: number
  nano: number
  offsetSeconds: number
}

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0')
const capitalized = (name: string): string => name[0]!.toUpperCase() + name.slice(1)

function formatOffset(letter: string, count: number, seconds: number): string {
  if (seconds === 0 && (letter === 'X' || (letter === 'Z' && count === 5))) return 'Z'
  const sign = seconds < 0 ? '-' : '+'
  const hours = pad(Math.floor(Math.abs(seconds) / 3600), 2)
  const minutes = pad(Math.floor((Math.abs(seconds) % 3600) / 60), 2)
  if (letter === 'Z') return count === 5 ? `${sign}${hours}:${minutes}` : `${sign}${hours}${minutes}`
  if (count === 1) return minutes === '00' ? `${sign}${hours}` : `${sign}${hours}${minutes}`
  return count === 2 || count === 4 ? `${sign}${hours}${minutes}` : `${sign}${hours}:${minutes}`
}

/**
 * A moment written in a pattern, for the DateTime/Date/Time generators, so that what is generated reads
 * back under the same pattern by {@link dateTimeProblem} (English names; `z` only for a zero offset, as
 * `GMT`). A pattern it cannot write is the reason as a string.
 */
export function formatDate(pattern: string, at: DateParts): string | { problem: string } {
  const tokens = tokenize(pattern)
  const refused = typeof tokens === 'string' ? tokens : unsupportedField(tokens)
  if (refused !== undefined || typeof tokens === 'string') return { problem: `the date/time pattern ${JSON.stringify(pattern)} cannot be used: ${refused}` }
  let out = ''
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text
      continue
    }
    const { letter, count } = token
    switch (letter) {
      case 'y':
      case 'u':
        out += count === 2 ? pad(at.year % 100, 2) : pad(at.year, count)
        break
      case 'M':
      case 'L':
        out += count >= 3 ? capitalized((count === 4 ? FULL_MONTHS : SHORT_MONTHS)[at.month - 1]!) : pad(at.month, count)
        break
      case 'd': out += pad(at.day, count); break
      case 'D': out += pad(at.dayOfYear, count); break
      case 'H': out += pad(at.hour, count); break
      case 'k': out += pad(at.hour === 0 ? 24 : at.hour, count); break
      case 'K': out += pad(at.hour % 12, count); break
      case 'h': out += pad(at.hour % 12 === 0 ? 12 : at.hour % 12, count); break
      case 'm': out += pad(at.minute, count); break
      case 's': out += pad(at.second, count); break
      case 'S': out += pad(at.nano, 9).slice(0, count).padEnd(count, '0'); break
      case 'n': out += pad(at.nano, count); break
      case 'A': out += pad(((at.hour * 60 + at.minute) * 60 + at.second) * 1000 + Math.floor(at.nano / 1e6), count); break
      case 'Q':
      case 'q': out += pad(Math.floor((at.month - 1) / 3) + 1, count); break
      case 'E': out += capitalized((count === 4 ? FULL_DAYS : SHORT_DAYS)[at.dayOfWeek - 1]!); break
      case 'a': out += at.hour < 12 ? 'AM' : 'PM'; break
      case 'G': out += at.year > 0 ? 'AD' : 'BC'; break
      case 'z':
        if (at.offsetSeconds !== 0) return { problem: `the date/time pattern ${JSON.stringify(pattern)} cannot be used: z names a zone only at offset 0 (GMT) here` }
        out += 'GMT'
        break
      default:
        out += formatOffset(letter, count, at.offsetSeconds)
    }
  }
  return out
}
