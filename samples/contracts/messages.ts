/**
 * Message producers of the sample message pact (kv-once-events.pact.json), by description: each drives
 * the real KvOnce store the way its provider state says and returns the trace event the store emitted,
 * the message its consumer (the conformance checker) reads.
 */
import type { MessageProducerContext } from 'vitest-spec-ci'
import { createKvOnceStore, type KvOnceTraceEvent } from '../kvonce/store.ts'

/** The events of writing `value` under `key` `times` times, in order. */
async function eventsOfWrites(key: string, value: string, times: number): Promise<KvOnceTraceEvent[]> {
  const events: KvOnceTraceEvent[] = []
  const store = createKvOnceStore({ onEvent: (e) => events.push(e) })
  for (let i = 0; i < times; i++) await store.put(key, value)
  return events
}

const params = (context: MessageProducerContext) => context.states[0]?.params ?? {}

export default {
  'a first write emits a success event': async (context: MessageProducerContext) => {
    const { key, value } = params(context)
    const [event] = await eventsOfWrites(String(key), String(value), 1)
    return { contents: event, metadata: { contentType: 'application/json', stream: 'kvonce' } }
  },
  'a second write of a key emits a duplicate failure': async (context: MessageProducerContext) => {
    const events = await eventsOfWrites(String(params(context).key), 'any', 2)
    return { contents: events.at(-1), metadata: { stream: 'kvonce' } }
  },
}
