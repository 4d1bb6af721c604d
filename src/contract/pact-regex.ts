import { RE2JS } from 're2js'

/**
 * Pact `regex` rules run on RE2 (re2js), whose matching time is linear in the input: a pattern from a
 * contract such as `(a+)+$` cannot hang the run. RE2 is the dialect of Pact's reference implementation
 * (Rust's `regex` crate) too: no backreferences, no lookahead or lookbehind.
 */
const cache = new Map<string, RE2JS | string>()
const CACHED = 1000

/** The compiled pattern (`matches(text)`: the whole text matches, as Pact's rules mean), or why it cannot be used. */
export function compilePactRegex(source: string): RE2JS | string {
  const hit = cache.get(source)
  if (hit !== undefined) return hit
  let compiled: RE2JS | string
  try {
    compiled = RE2JS.compile(source)
  } catch (error) {
    const reason = (error as Error).message
    compiled = `the regex ${JSON.stringify(source)} cannot be used: ${reason}. Patterns run on RE2 (linear time): no backreferences (\\1), lookahead ((?=…), (?!…)) or lookbehind; rewrite it without them`
  }
  if (cache.size >= CACHED) cache.delete(cache.keys().next().value!)
  cache.set(source, compiled)
  return compiled
}

