import { existsSync } from 'node:fs'
import path from 'node:path'
import { builtInSpecs } from '../built-in-specs/index.ts'
import type { SpecModel } from './types.ts'

/** Where a spec comes from: a built-in spec by name, or a module file that default-exports one. */
export type SpecSource = { kind: 'builtin'; name: string } | { kind: 'module'; file: string }

/** A spec that cannot be found or is not a spec model; callers add which spec they were given. */
export class SpecLoadError extends Error {
  override name = 'SpecLoadError'
}

export function isSpecModel(value: unknown): value is SpecModel {
  if (value === null || typeof value !== 'object') return false
  const v = value as Partial<SpecModel>
  return typeof v.name === 'string' && typeof v.rules === 'object' && typeof v.createChecker === 'function' && typeof v.resolveOptions === 'function'
}

/** `spec` (a built-in's name, else a path from `root`) as a source; throws `SpecLoadError` when it is neither, or a CommonJS file. */
export function specSource(spec: string, root: string): SpecSource {
  if (Object.hasOwn(builtInSpecs, spec)) return { kind: 'builtin', name: spec }
  const file = path.resolve(root, spec)
  if (!existsSync(file))
    throw new SpecLoadError(`not a built-in spec (${Object.keys(builtInSpecs).join(', ')}) and not a file: ${file} does not exist`)
  if (/\.c[jt]s$/i.test(file))
    throw new SpecLoadError(
      `${file} is CommonJS: a spec module is loaded as an ES module (by Vite's module runner, as Vitest loads it), so name it .ts, .mts, .js or .mjs`,
    )
  return { kind: 'module', file }
}

export function builtInSpec(source: SpecSource & { kind: 'builtin' }): SpecModel {
  return builtInSpecs[source.name]!
}

/** The spec model a spec module default-exports; throws `SpecLoadError` for anything else. */
export function specModelOf(module: { default?: unknown }, file: string): SpecModel {
  if (!isSpecModel(module.default)) throw new SpecLoadError(`${file} must default-export a spec model made with defineSpec(...) from 'vitest-spec-ci'`)
  return module.default
}
