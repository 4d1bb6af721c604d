const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `60s`, `500ms`, `2m`, `1h` (a unit is required) in milliseconds; `undefined` when it is none of these. */
export function parseDuration(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(value)
  if (!match) return undefined
  const ms = Math.round(Number(match[1]) * UNITS[match[2]!]!)
  return ms > 0 ? ms : undefined
}

/** What {@link parseTimeout} accepts, for messages. */
export const TIMEOUT_FORMS = 'a positive integer (milliseconds) or a duration such as "500ms", "60s" or "2m"'

/**
 * A `timeout` as every option of this package spells it (manifest targets included), in milliseconds:
 * a whole number of milliseconds, or a duration string with its unit (`500ms`, `60s`, `2m`, `1h`).
 * A string without a unit is refused rather than guessed; `undefined` when the value is none of these.
 */
export function parseTimeout(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined
  return typeof value === 'string' ? parseDuration(value) : undefined
}
