import fc from 'fast-check'
import { EmittedEvents } from '../../property/emitted-events.ts'
import { OperationTimeline } from '../../property/operation-timeline.ts'
import { PropertyFailure } from '../../property/property-failure.ts'
import type { PropertyBuildContext } from '../../property/types.ts'
import { keyArbitrary, valueArbitrary } from './property-commands.ts'
import { show, type KvOnceImplementation } from './property-implementation.ts'

/**
 * Several writers put different values to one key at once; `fc.scheduler` decides in which order the
 * implementation's awaited I/O steps resume, so a check-then-set across an `await` is found and shrunk
 * to the interleaving that breaks it.
 *
 * The events are checked first, by the conformance engine as it checks a trace with intervals: each
 * call's invocation and completion are read from a monotonic clock, and each event gets the interval in
 * which it really happened (from its writer's invocation, or its writer's previous event, to its emit;
 * see {@link OperationTimeline.eventInterval}), so the events of racing writers are decided over every
 * order real time allows, as a span-per-write trace of the same run would be. Then the results: exactly
 * one writer may get `written` (none only when every writer ran out of retries), the others `duplicate`
 * or `failed`, and the key then holds the winner's value.
 */
export function concurrentWriters(context: PropertyBuildContext<KvOnceImplementation>): fc.IAsyncProperty<[fc.Scheduler, string, string[]]> {
  return fc.asyncProperty(fc.scheduler(), keyArbitrary, fc.uniqueArray(valueArbitrary, { minLength: 2, maxLength: 4 }), async (s, key, values) => {
    const events = new EmittedEvents(context.spec, context.specOptions)
    const timeline = new OperationTimeline()
    const emit = (event: object): void => {
      const { interval, operation } = timeline.eventInterval()
      events.push(event, interval, operation?.label)
      timeline.emitted(operation)
    }
    const impl = await context.implementation({ emit, io: () => s.schedule(Promise.resolve()) })
    // waitFor releases scheduled I/O until the writes settle, however many steps each takes.
    const writers = values.map((value, i) => timeline.run(`writer ${i + 1}: put(${show(key)}, ${show(value)})`, () => impl.put(key, value)))
    const results = await s.waitFor(Promise.all(writers))
    const stored = await s.waitFor(timeline.run(`then get(${show(key)})`, () => impl.get(key)))

    const outcome = values.map((v, i) => `put(${show(key)}, ${show(v)}) → ${show(results[i])}`).join(', ') + `; then get → ${show(stored)}`
    try {
      await events.checkConcurrent()
    } catch (error) {
      if (error instanceof PropertyFailure) throw new PropertyFailure(`${error.message}\nResults: ${outcome}`, error.rule, error.events)
      throw error
    }
    const winners = values.filter((_, i) => results[i] === 'written')
    const allFailed = results.every((r) => r === 'failed')
    if (winners.length !== 1 && !allFailed)
      throw new PropertyFailure(`${winners.length} of ${values.length} concurrent writers got "written"; exactly one may. ${outcome}`, 'exactly one succeeds', events.involving(undefined))
    const strays = results.filter((r) => r !== 'written' && r !== 'duplicate' && r !== 'failed')
    if (strays.length > 0) throw new PropertyFailure(`put returned ${strays.map(show).join(', ')}; expected "written", "duplicate" or "failed". ${outcome}`, 'exactly one succeeds', events.involving(undefined))
    if (winners.length === 1 && stored !== winners[0])
      throw new PropertyFailure(`the key holds ${show(stored)} but the writer that got "written" put ${show(winners[0])}. ${outcome}`, 'exactly one succeeds', events.involving(undefined))
  })
}
