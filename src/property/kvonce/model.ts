import fc from 'fast-check'
import type { SpecModel } from '../../spec/types.ts'
import { EmittedEvents } from '../emitted-events.ts'
import type { NamedProperty, PropertyBuildContext, SpecPropertyModel } from '../types.ts'
import { KvOnceRun, kvOnceCommands, type StepCheck } from './commands.ts'
import { concurrentWriters } from './concurrent-writers.ts'
import type { KvOnceImplementation, KvOnceModel } from './implementation.ts'
import { eventsConform, matchesModel, writtenAtMostOnce, writtenValueNeverChanges } from './step-checks.ts'

/** The invariants of KvOnce, as observed through the implementation's results. */
const INVARIANTS: ReadonlyArray<{ name: string; check: () => StepCheck }> = [
  { name: 'a key is written at most once', check: writtenAtMostOnce },
  { name: 'a written value never changes', check: writtenValueNeverChanges },
]

const CONCURRENT = 'concurrent writers to one key: exactly one succeeds'
const OBSERVABLE = 'observable state matches the model'
const conforms = (spec: SpecModel) => `emitted events conform to ${spec.name}`

function commandProperty(context: PropertyBuildContext<KvOnceImplementation>, check: () => StepCheck): fc.IAsyncProperty<[Iterable<fc.AsyncCommand<KvOnceModel, KvOnceRun>>]> {
  return fc.asyncProperty(kvOnceCommands(context.maxCommands), async (commands) => {
    const events = new EmittedEvents(context.spec, context.specOptions)
    const impl = await context.implementation({ emit: (e) => events.push(e), io: () => Promise.resolve() })
    await fc.asyncModelRun(() => ({ model: { values: new Map() }, real: new KvOnceRun(impl, events, check()) }), commands)
  })
}

/** KvOnce's command set (`put`, `get`) and its properties; the events are checked by the `kvonce` spec itself. */
export const kvOncePropertyModel: SpecPropertyModel<KvOnceImplementation> = {
  names: (spec) => [conforms(spec), OBSERVABLE, ...INVARIANTS.map((i) => `invariant: ${i.name}`), CONCURRENT],
  properties(context): NamedProperty[] {
    return [
      { name: conforms(context.spec), property: commandProperty(context, () => eventsConform) },
      { name: OBSERVABLE, property: commandProperty(context, () => matchesModel) },
      ...INVARIANTS.map((i) => ({ name: `invariant: ${i.name}`, property: commandProperty(context, i.check) })),
      { name: CONCURRENT, property: concurrentWriters(context) },
    ]
  },
}
