import { SpecCiConfigError } from '../../src/errors.ts'
import { parseTimeout, TIMEOUT_FORMS } from '../../src/duration.ts'
import { subject } from './known-keys.ts'

/** A value as a message quotes it. */
export function quote(value: unknown): string {
  if (typeof value === 'function') return 'a function'
  return JSON.stringify(value) ?? String(value)
}

/** A cap such as `maxLineBytes`: a whole number > 0 of `unit`, or `fallback` when not set. */
export function positiveWholeNumber(value: unknown, path: string, fallback: number, unit: string): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected ${unit} as a whole number > 0 (default ${fallback})`)
  return value
}

/** A `timeout` option of any kind, in milliseconds: a whole number of them, or a duration string (`60s`). */
export function timeoutMs(value: unknown, path: string, fallback: number): number {
  if (value === undefined) return fallback
  const ms = parseTimeout(value)
  if (ms === undefined) throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected ${TIMEOUT_FORMS} (default ${fallback})`)
  return ms
}

/** An optional list of globs (`exclude`); a copy, `[]` when not set. */
export function optionalGlobList(value: unknown, path: string, example: string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.some((g) => typeof g !== 'string' || g === ''))
    throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected a list of globs relative to the project root, e.g. [${JSON.stringify(example)}]`)
  return [...(value as string[])]
}

/** An optional non-empty string (`name`). */
export function optionalName(value: unknown, path: string, fallback: string): string {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || value.trim() === '') throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected a non-empty string (default ${JSON.stringify(fallback)})`)
  return value
}
