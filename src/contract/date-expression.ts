import { ChronoUnit, ZonedDateTime, ZoneOffset } from '@js-joda/core'

/**
 * The `expression` of Pact's Date, Time and DateTime generators, the part this verifier reads: a base
 * (`now`, `today`, `tomorrow`, `yesterday`, `midnight`, `noon`) followed by offsets such as `+ 1 day`,
 * `- 2 hours`; a DateTime expression may join a date part and a time part with `@`
 * (`tomorrow @ noon + 1 hour`). Anything else is refused with the reason (never a silent "now").
 */
const UNITS: Record<string, ChronoUnit> = {
  year: ChronoUnit.YEARS, month: ChronoUnit.MONTHS, week: ChronoUnit.WEEKS, day: ChronoUnit.DAYS, fortnight: ChronoUnit.WEEKS,
  hour: ChronoUnit.HOURS, minute: ChronoUnit.MINUTES, second: ChronoUnit.SECONDS, millisecond: ChronoUnit.MILLIS,
}

function applyPart(base: ZonedDateTime, part: string, expression: string): ZonedDateTime | string {
  const text = part.trim().toLowerCase()
  if (text === '') return base
  const words = /^(now|today|tomorrow|yesterday|midnight|noon)?\s*(.*)$/.exec(text)!
  let at = base
  switch (words[1]) {
    case 'tomorrow': at = at.plusDays(1); break
    case 'yesterday': at = at.minusDays(1); break
    case 'midnight': at = at.truncatedTo(ChronoUnit.DAYS); break
    case 'noon': at = at.truncatedTo(ChronoUnit.DAYS).plusHours(12); break
    default: break
  }
  let rest = words[2]!
  while (rest !== '') {
    const offset = /^([+-])\s*(\d{1,6})\s*([a-z]+?)s?(?:\s+|$)/.exec(rest)
    const unit = offset ? UNITS[offset[3]!] : undefined
    if (!offset || !unit) return `the date expression ${JSON.stringify(expression)} cannot be read at ${JSON.stringify(rest)}: supported are now, today, tomorrow, yesterday, midnight, noon, then offsets such as "+ 1 day" or "- 2 hours" (units: ${Object.keys(UNITS).join(', ')}), date and time parts joined by "@"`
    const n = Number(offset[2]) * (offset[3] === 'fortnight' ? 2 : 1)
    try {
      at = offset[1] === '+' ? at.plus(n, unit) : at.minus(n, unit)
    } catch (error) {
      return `the date expression ${JSON.stringify(expression)} leaves the supported range: ${(error as Error).message.split('\n')[0]}`
    }
    rest = rest.slice(offset[0].length)
  }
  return at
}

/** The moment an expression names (UTC), or why it cannot be read. */
export function evaluateDateExpression(expression: string | undefined, now: ZonedDateTime = ZonedDateTime.now(ZoneOffset.UTC)): ZonedDateTime | string {
  if (expression === undefined || expression.trim() === '') return now
  let at: ZonedDateTime | string = now
  for (const part of expression.split('@')) {
    at = applyPart(at, part, expression)
    if (typeof at === 'string') return at
  }
  return at
}
