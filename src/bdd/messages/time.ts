import type { Duration, Timestamp } from '@cucumber/messages'

/** A wall-clock time in milliseconds (fractions kept to the nanosecond) as a Cucumber `Timestamp`. */
export function timestampOf(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000)
  const nanos = Math.min(999_999_999, Math.max(0, Math.round((ms - seconds * 1000) * 1e6)))
  return { seconds, nanos }
}

/** A duration in nanoseconds as a Cucumber `Duration`; negative or non-finite input counts as 0. */
export function durationOf(ns: number): Duration {
  const whole = Number.isFinite(ns) && ns > 0 ? Math.round(ns) : 0
  return { seconds: Math.floor(whole / 1e9), nanos: whole % 1e9 }
}
