const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `60s`, `500ms`, `2m`, `1h`, or a bare number of seconds; `undefined` when it is none of these. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) : undefined
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value)
  if (!match) return undefined
  const ms = Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!)
  return ms > 0 ? ms : undefined
}
