import { StepRegistry } from '../src/bdd/step-registry.ts'

const KEY = Symbol.for('vitest-spec-ci.bdd.registry')

/**
 * The worker's step registry. It lives on globalThis, not in this module: step files import
 * `vitest-spec-ci/bdd` through the package while generated modules import the harness by path, and
 * when the two resolve to different copies of this module (running from source, or one inlined and one
 * external) they must still share one registry.
 */
export function stepRegistry(): StepRegistry {
  const existing: StepRegistry | undefined = Reflect.get(globalThis, KEY)
  if (existing) return existing
  const registry = new StepRegistry()
  Reflect.set(globalThis, KEY, registry)
  return registry
}
