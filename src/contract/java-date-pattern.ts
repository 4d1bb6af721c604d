/**
 * Pact's `date`, `time` and `timestamp`/`datetime` matchers and generators are written with Java-style
 * patterns (`yyyy-MM-dd'T'HH:mm:ss.SSSX`); they are read and written as the official Pact verifier reads
 * them (src/contract/pact-date-pattern.ts), not as java.time would.
 */

/** Pact's defaults when a rule or generator gives no format (those of the Pact reference implementation). */
export const DEFAULT_DATE_FORMATS = { date: 'yyyy-MM-dd', time: 'HH:mm:ss', timestamp: "yyyy-MM-dd'T'HH:mm:ssXXX" } as const

export type DateTimeKind = keyof typeof DEFAULT_DATE_FORMATS
