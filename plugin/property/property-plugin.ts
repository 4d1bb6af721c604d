import path from 'node:path'
import picomatch from 'picomatch'
import type { Plugin } from 'vite'
import { builtInPropertyNames } from '../../src/built-in-specs/property-names.ts'
import { SEQUENCE_SEED_KEY } from '../../src/property/seed.ts'
import { builtInSpecs } from '../../src/built-in-specs/index.ts'
import type { PropertyNamesFor } from './expand-property-calls.ts'
import type { ResolvedPropertyOptions } from './resolve-property-options.ts'
import { harnessPath } from '../harness-path.ts'
import { toPosix } from '../../src/posix-path.ts'

/** Where a built-in spec may be imported from for its property names to be known before the run. */
const SPEC_SOURCES = new Set(['vitest-spec-ci/specs', 'vitest-spec-ci'])



/** Names of a built-in spec's properties; a custom spec or `model` option leaves the names to run time. */
export const builtInSpecPropertyNames: PropertyNamesFor = (binding, { hasModelOption }) => {
  if (hasModelOption || !SPEC_SOURCES.has(binding.source)) return undefined
  const spec = Object.hasOwn(builtInSpecs, binding.imported) ? builtInSpecs[binding.imported] : undefined
  return spec ? builtInPropertyNames(spec) : undefined
}

/**
 * The property project's plugin: expands `describeSpecProperties(...)` into literal tests (so the
 * explorer lists them without running), and hands Vitest's `sequence.seed` to the workers.
 */
export function propertyPlugin(options: ResolvedPropertyOptions): Plugin {
  let root = process.cwd()
  let included: (p: string) => boolean = () => false
  return {
    name: 'vitest-spec-ci:property',
    configResolved(config) {
      root = config.root
      included = picomatch(options.include, { dot: true })
    },
    configureVitest({ project }) {
      project.provide(SEQUENCE_SEED_KEY, project.config.sequence.seed)
    },
    async transform(code, id) {
      if (id.includes('?') || id.startsWith('\0') || !code.includes('describeSpecProperties')) return null
      const rel = toPosix(path.relative(root, id))
      if (rel.startsWith('../') || !included(rel)) return null
      // Loaded on first use: a run without property files does not pay for magic-string.
      const { expandPropertyCalls } = await import('./expand-property-calls.ts')
      return expandPropertyCalls(code, this.parse(code) as never, builtInSpecPropertyNames, id, harnessPath('property-plan')) ?? null
    },
  }
}
