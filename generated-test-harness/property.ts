import { fileURLToPath } from 'node:url'
import { describe, test } from 'vitest'
import type { SpecModel } from '../src/spec-model/types.ts'
import { callerLocation } from '../src/stack-frames.ts'
import { prepareProperties, type SpecPropertiesOptions } from './property-plan.ts'

export type { ImplementationContext, ImplementationFactory, NamedProperty, PropertyBuildContext, SpecPropertyModel } from '../src/property/types.ts'
export type { KvOnceImplementation } from '../src/built-in-specs/kvonce/operations.ts'
export type { RegisterImplementation } from '../src/built-in-specs/register/operations.ts'
export type { KvImplementation } from '../src/built-in-specs/kv/operations.ts'
export type { InventoryImplementation } from '../src/built-in-specs/inventory/operations.ts'
export { defineOperations } from '../src/property/operations/types.ts'
export type { ArgumentDeclaration, ArgumentKind, FastCheck, ObservedStep, OperationDeclaration, SpecOperations, StepInvariant, StepVerdict } from '../src/property/operations/types.ts'
export type { FailingHistory, HistoryEntry } from '../src/property/operations/failing-history.ts'
export type { PropertyTestMeta } from '../src/property/test-meta.ts'
export { PropertyFailure } from '../src/property/property-failure.ts'
export { EmittedEvents } from '../src/property/emitted-events.ts'
export { OperationTimeline, type RecordedOperation } from '../src/property/operation-timeline.ts'

export type { SpecPropertiesOptions } from './property-plan.ts'

const thisFile = fileURLToPath(import.meta.url)

/**
 * Where the test file called describeSpecProperties: the first stack frame outside this module (Vitest
 * maps worker stacks to the original source). Tests registered at run time have no location of their
 * own, so their failures are placed here.
 */
function calledFrom(): { file: string; line: number } | undefined {
  return callerLocation(new Error().stack, (file) => file === thisFile)
}

/**
 * Declares the spec's properties as tests, one per property, run with fast-check against a fresh
 * implementation per run, generated from the spec's declared operations (or its `model` option):
 * emitted events conform to the spec, each sequential result matches the model, each invariant, and
 * the history of concurrent clients is linearizable. The implementation's type comes from the spec. In the property project the call is expanded into literal tests at transform
 * time (so the explorer and `vitest list` see them); elsewhere the tests are registered when it runs.
 */
export function describeSpecProperties<Options extends object, Impl>(
  spec: SpecModel<Options, Impl>,
  options: SpecPropertiesOptions<Impl> & Partial<Options>,
): void {
  const prepared = prepareProperties(spec as SpecModel, options as SpecPropertiesOptions<Impl> & Record<string, unknown>, calledFrom())
  describe(`${spec.name} properties`, () => {
    for (const name of prepared.names) test(name, (context) => prepared.run(name, context), prepared.timeout)
  })
}
