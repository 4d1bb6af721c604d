import { StepRegistry } from '../src/bdd/step-registry.ts'

const KEY = Symbol.for('vitest-spec-ci.bdd.registry')

/**
 * The worker's step registry. It lives on globalThis, not in this module: step files import
 * `vitest-spec-ci/bdd` through the package while generated modules import the harness by path, and
 * when the two resolve to different copies of this module (running from source, or one inlined and one
 * external) they must still share one registry.
 */
export function stepRegistry(): StepRegistry {
  const holder = globalThis as unknown as Record<symbol, StepRegistry | undefined>
  return (holder[KEY] ??= new StepRegistry())
}
