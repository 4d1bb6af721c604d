import { existsSync } from 'node:fs'
import path from 'node:path'
import { runnerImport } from 'vite'
import { SpecCiConfigError } from '../src/errors.ts'
import { builtInSpecs } from '../src/specs/index.ts'
import type { SpecModel } from '../src/spec/types.ts'

export type SpecSource = { kind: 'builtin'; name: string } | { kind: 'module'; file: string }

export interface LoadedSpec {
  source: SpecSource
  model: SpecModel
  /** Files the spec module depends on: a change to any of them re-declares the traces' tests. */
  dependencies: string[]
}

export function isSpecModel(value: unknown): value is SpecModel {
  if (value === null || typeof value !== 'object') return false
  const v = value as Partial<SpecModel>
  return typeof v.name === 'string' && typeof v.rules === 'object' && typeof v.createChecker === 'function' && typeof v.resolveOptions === 'function'
}

export function specSource(spec: string, root: string): SpecSource {
  if (Object.hasOwn(builtInSpecs, spec)) return { kind: 'builtin', name: spec }
  const file = path.resolve(root, spec)
  if (!existsSync(file))
    throw new SpecCiConfigError(
      `specCi: spec ${JSON.stringify(spec)} is neither a built-in spec (${Object.keys(builtInSpecs).join(', ')}) nor a file: ${file} does not exist`,
    )
  return { kind: 'module', file }
}

const moduleCache = new Map<string, Promise<LoadedSpec>>()

/**
 * The spec's rule list is needed at declaration time, in the main process: built-ins are imported
 * directly; a user's spec module (often TypeScript) goes through Vite's runner, cached until it changes.
 */
export async function loadSpec(source: SpecSource, root: string, version: string): Promise<LoadedSpec> {
  if (source.kind === 'builtin') return { source, model: builtInSpecs[source.name]!, dependencies: [] }
  const cacheKey = `${source.file}\0${version}`
  let loaded = moduleCache.get(cacheKey)
  if (!loaded) {
    loaded = runnerImport<{ default?: unknown }>(source.file, { root, configFile: false, logLevel: 'silent' }).then(
      ({ module, dependencies }) => {
        if (!isSpecModel(module.default))
          throw new SpecCiConfigError(
            `specCi: ${source.file} must default-export a spec model made with defineSpec(...) from 'vitest-spec-ci'`,
          )
        return { source, model: module.default, dependencies }
      },
    )
    moduleCache.set(cacheKey, loaded)
    loaded.catch(() => moduleCache.delete(cacheKey))
  }
  return loaded
}
