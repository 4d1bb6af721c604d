import { SpecCiConfigError } from '../src/errors.ts'
import { importSpecModule } from '../src/spec-model/import-spec-module.ts'
import { builtInSpec, SpecLoadError, specModelOf, specSource as findSpecSource, type SpecSource } from '../src/spec-model/spec-source.ts'
import type { SpecModel } from '../src/spec-model/types.ts'

export type { SpecSource }

export interface LoadedSpec {
  source: SpecSource
  model: SpecModel
  /** Files the spec module depends on: a change to any of them re-declares the traces' tests. */
  dependencies: string[]
}

/** The source of a conformance group's `spec`; a configuration error when there is none. */
export function specSource(spec: string, root: string): SpecSource {
  return withPrefix(`specCi: spec ${JSON.stringify(spec)}: `, () => findSpecSource(spec, root))
}

function withPrefix<T>(prefix: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof SpecLoadError) throw new SpecCiConfigError(`${prefix}${error.message}`)
    throw error
  }
}

const moduleCache = new Map<string, Promise<LoadedSpec>>()

/**
 * The spec's rule list is needed at declaration time, in the main process: built-ins are imported
 * directly; a user's spec module (often TypeScript) goes through Vite's runner (as the CLI's TypeScript
 * specs do: one `importSpecModule`), cached until it changes.
 */
export async function loadSpec(source: SpecSource, root: string, version: string): Promise<LoadedSpec> {
  if (source.kind === 'builtin') return { source, model: builtInSpec(source), dependencies: [] }
  const cacheKey = `${source.file}\0${version}`
  let loaded = moduleCache.get(cacheKey)
  if (!loaded) {
    loaded = importSpecModule(source.file, root, 'vite').then(
      ({ module, dependencies }) => ({ source, model: withPrefix('specCi: ', () => specModelOf(module, source.file)), dependencies }),
    )
    moduleCache.set(cacheKey, loaded)
    loaded.catch(() => moduleCache.delete(cacheKey))
  }
  return loaded
}
