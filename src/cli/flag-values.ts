import { parseDuration } from '../duration.ts'
import { CliUsageError } from './usage-error.ts'

/** A whole-number flag (`--port 0`) within [min, max]; otherwise a usage error with the command's usage. */
export function wholeNumberFlag(flag: string, text: string, min: number, max: number, usage: string): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) throw new CliUsageError(`${flag} ${text}: expected a whole number from ${min} to ${max}`, usage)
  return n
}

/** A `--duration` flag in milliseconds: seconds as a bare number (`60`), or a duration such as `500ms`, `2m`. */
export function durationFlag(flag: string, text: string, usage: string): number {
  const seconds = Number(text)
  if (text.trim() !== '' && Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds * 1000)
  const ms = parseDuration(text)
  if (ms === undefined) throw new CliUsageError(`${flag} ${text}: expected a positive number of seconds, or a duration such as 500ms, 60s, 2m`, usage)
  return ms
}
