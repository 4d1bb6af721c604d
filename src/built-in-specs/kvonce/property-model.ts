import fc from 'fast-check'
import { EmittedEvents } from '../../property/emitted-events.ts'
import type { NamedProperty, PropertyBuildContext, SpecPropertyModel } from '../../property/types.ts'
import { KvOnceRun, kvOnceCommands, type StepCheck } from './property-commands.ts'
import { concurrentWriters } from './property-concurrent-writers.ts'
import type { KvOnceImplementation, KvOnceModel } from './property-implementation.ts'
import { CONCURRENT_WRITERS, eventsConformName, invariantName, kvOncePropertyNames, OBSERVABLE_STATE, type KVONCE_INVARIANTS } from './property-names.ts'
import { eventsConform, matchesModel, writtenAtMostOnce, writtenValueNeverChanges } from './property-step-checks.ts'

/** Each invariant's check, by its name. */
const INVARIANT_CHECKS: Record<(typeof KVONCE_INVARIANTS)[number], () => StepCheck> = {
  'a key is written at most once': writtenAtMostOnce,
  'a written value never changes': writtenValueNeverChanges,
}

function commandProperty(context: PropertyBuildContext<KvOnceImplementation>, check: () => StepCheck): fc.IAsyncProperty<[Iterable<fc.AsyncCommand<KvOnceModel, KvOnceRun>>]> {
  return fc.asyncProperty(kvOnceCommands(context.maxCommands), async (commands) => {
    const events = new EmittedEvents(context.spec, context.specOptions)
    const impl = await context.implementation({ emit: (e) => events.push(e), io: () => Promise.resolve() })
    await fc.asyncModelRun(() => ({ model: { values: new Map() }, real: new KvOnceRun(impl, events, check()) }), commands)
  })
}

/** KvOnce's command set (`put`, `get`) and its properties; the events are checked by the `kvonce` spec itself. */
export const kvOncePropertyModel: SpecPropertyModel<KvOnceImplementation> = {
  names: kvOncePropertyNames,
  properties(context): NamedProperty[] {
    return [
      { name: eventsConformName(context.spec), property: commandProperty(context, () => eventsConform) },
      { name: OBSERVABLE_STATE, property: commandProperty(context, () => matchesModel) },
      ...Object.entries(INVARIANT_CHECKS).map(([name, check]) => ({ name: invariantName(name), property: commandProperty(context, check) })),
      { name: CONCURRENT_WRITERS, property: concurrentWriters(context) },
    ]
  },
}
