import { DateTimeFormatter, ResolverStyle } from '@js-joda/core'
import { pactDateTimeProblem } from './pact-date-pattern.ts'

/**
 * Pact's `date`, `time` and `timestamp`/`datetime` matchers (and their generators) are written with
 * Java's DateTimeFormatter patterns (`yyyy-MM-dd'T'HH:mm:ss.SSSX`). Matching follows the official
 * verifier (see dateTimeProblem); the generators' patterns are compiled by @js-joda/core,
 * a port of java.time, rather than by a pattern compiler of our own. Without a locale plugin it compiles
 * the numeric letters (`y u M L Q q d D F H h k K m s S n N A`, offsets `X x Z`, `'quoted'` text and
 * `[optional]` sections); letters that print names or need locale data (`E e c G a Y w W z O`, `MMM`)
 * do not compile, and a rule that uses them is a mismatch naming the pattern, never an exception.
 */

/** Pact's defaults when a rule or generator gives no format (those of the Pact reference implementation). */
export const DEFAULT_DATE_FORMATS = { date: 'yyyy-MM-dd', time: 'HH:mm:ss', timestamp: "yyyy-MM-dd'T'HH:mm:ssXXX" } as const

export type DateTimeKind = keyof typeof DEFAULT_DATE_FORMATS

const cache = new Map<string, DateTimeFormatter | string>()
const CACHED = 500

/**
 * Outside quotes, `y` (year of era) becomes `u` (proleptic year): under java.time's STRICT resolver a
 * year of era without an era never resolves to a date, so `2023-02-29` would pass; with `u` the day is
 * checked against its month and year, as Pact's reference implementation does.
 */
function strictYears(pattern: string): string {
  let out = ''
  let quoted = false
  for (const c of pattern) {
    if (c === "'") quoted = !quoted
    out += !quoted && c === 'y' ? 'u' : c
  }
  return out
}

/** The formatter of a pattern, or why it cannot be compiled. */
export function compileJavaDatePattern(pattern: string, strict = true): DateTimeFormatter | string {
  const key = `${strict ? 's' : 'p'}${pattern}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  let compiled: DateTimeFormatter | string
  try {
    compiled = strict ? DateTimeFormatter.ofPattern(strictYears(pattern)).withResolverStyle(ResolverStyle.STRICT) : DateTimeFormatter.ofPattern(pattern)
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]!.replace(/, use @js-joda\/locale plugin!?/, '')
    compiled = `the date/time pattern ${JSON.stringify(pattern)} cannot be used: ${reason}. Supported pattern letters: y u M L Q q d D F H h k K m s S n N A, offsets X x Z, 'quoted text' and [optional] sections; names and locale fields (E e c G a MMM Y w W z O V) are not supported`
  }
  if (cache.size >= CACHED) cache.delete(cache.keys().next().value!)
  cache.set(key, compiled)
  return compiled
}

/**
 * Undefined when `text` is a whole, valid date/time in `pattern`, as the official Pact verifier reads
 * it (src/contract/pact-date-pattern.ts: its semantics differ from java.time's); otherwise why not.
 */
export function dateTimeProblem(pattern: string, text: string): string | undefined {
  return pactDateTimeProblem(pattern, text)
}
