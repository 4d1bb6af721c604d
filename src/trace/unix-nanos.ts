const NANOS_PER_SECOND = 1_000_000_000n

/**
 * ISO 8601 UTC time of a Unix time in nanoseconds, always with nine fraction digits
 * (`2025-10-04T06:21:09.137000001Z`). Computed in bigint: a double holds only about microseconds.
 */
export function unixNanosToIso(nanos: bigint): string {
  const seconds = nanos / NANOS_PER_SECOND
  const fraction = nanos % NANOS_PER_SECOND
  const wholeSeconds = new Date(Number(seconds) * 1000).toISOString().slice(0, 19)
  return `${wholeSeconds}.${fraction.toString().padStart(9, '0')}Z`
}
