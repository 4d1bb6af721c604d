import { SpecCiConfigError } from '../../src/errors.ts'
import { knownKeys, subject } from '../options/known-keys.ts'
import { optionalGlobList, optionalName, timeoutMs } from '../options/option-values.ts'
import type { PropertyOptions } from '../types.ts'

export interface ResolvedPropertyOptions {
  name: string
  include: string[]
  exclude: string[]
  /** `property.timeout` in ms: the project's Vitest `testTimeout`. */
  timeoutMs: number
}

const DEFAULT_INCLUDE = ['**/*.property.ts']
export const DEFAULT_PROPERTY_TIMEOUT_MS = 120_000
const PROPERTY_KEYS: ReadonlyArray<keyof PropertyOptions> = ['include', 'exclude', 'name', 'timeout']

const renamed = (key: string): string | undefined =>
  key === 'testTimeout' ? '"testTimeout" was renamed to "timeout", spelled like every timeout option: property.timeout: 120000 or "2m"' : undefined

/** Resolves and checks `property` once. */
export function resolvePropertyOptions(options: PropertyOptions): ResolvedPropertyOptions {
  const o = knownKeys<PropertyOptions>(options, subject('property'), PROPERTY_KEYS, renamed)
  const include = o.include ?? DEFAULT_INCLUDE
  if (!Array.isArray(include) || include.length === 0 || include.some((g) => typeof g !== 'string'))
    throw new SpecCiConfigError('specCi: property.include must list at least one glob, e.g. ["tests/property/**/*.property.ts"]')
  return {
    name: optionalName(o.name, 'property.name', 'property'),
    include: [...include],
    exclude: [...optionalGlobList(o.exclude, 'property.exclude', 'tests/property/slow/**'), '**/node_modules/**'],
    timeoutMs: timeoutMs(o.timeout, 'property.timeout', DEFAULT_PROPERTY_TIMEOUT_MS),
  }
}
