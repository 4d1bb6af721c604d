import { SpecCiConfigError } from '../../src/errors.ts'
import type { PropertyOptions } from '../types.ts'

export interface ResolvedPropertyOptions {
  name: string
  include: string[]
  exclude: string[]
  testTimeout: number
}

const DEFAULT_INCLUDE = ['**/*.property.ts']

export function resolvePropertyOptions(o: PropertyOptions): ResolvedPropertyOptions {
  const include = o.include ?? DEFAULT_INCLUDE
  if (!Array.isArray(include) || include.length === 0 || include.some((g) => typeof g !== 'string'))
    throw new SpecCiConfigError('specCi: property.include must list at least one glob, e.g. ["tests/property/**/*.property.ts"]')
  const timeout = o.testTimeout ?? 120_000
  if (!Number.isSafeInteger(timeout) || timeout < 1) throw new SpecCiConfigError(`specCi: property.testTimeout is ${JSON.stringify(timeout)}; expected milliseconds as a positive integer`)
  return { name: o.name ?? 'property', include: [...include], exclude: [...(o.exclude ?? []), '**/node_modules/**'], testTimeout: timeout }
}
