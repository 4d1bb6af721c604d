import { expect } from 'vitest'
import { Given, Then, When, type DataTable } from 'vitest-spec-ci/bdd'
import { kvonce } from 'vitest-spec-ci/specs'
import type { Violation } from 'vitest-spec-ci'
import { createKvOnceStore, type KvOnceStore, type KvOnceTraceEvent, type PutResult } from '../store.ts'

interface KvOnceWorld {
  store: KvOnceStore
  events: KvOnceTraceEvent[]
  /** Attempts that fail, by key: the store's fault function reads it. */
  faults: Map<string, number>
  result?: PutResult
  maxRetries: number
}

function describeEvent(e: KvOnceTraceEvent): string {
  return [e.type, e.key, e.reason, e.context ? `attempt=${e.context.attempt}` : undefined].filter(Boolean).join(' ')
}

Given<KvOnceWorld>('a KvOnce store allowing {int} retries', (world, maxRetries: number) => {
  world.events = []
  world.faults = new Map()
  world.maxRetries = maxRetries
  world.store = createKvOnceStore({
    maxRetries,
    onEvent: (event) => world.events.push(event),
    faults: (key, attempt) => attempt < (world.faults.get(key) ?? 0),
  })
})

Given<KvOnceWorld>('{string} was put with {string}', async (world, key: string, value: string) => {
  expect(await world.store.put(key, value)).toBe('written')
})

Given<KvOnceWorld>('the first {int} write attempts of {string} fail', (world, count: number, key: string) => {
  world.faults.set(key, count)
})

When<KvOnceWorld>('I put {string} = {string}', async (world, key: string, value: string) => {
  world.result = await world.store.put(key, value)
})

When<KvOnceWorld>('I put these keys:', async (world, table: DataTable) => {
  for (const { key, value } of table.hashes()) world.result = await world.store.put(key!, value!)
})

Then<KvOnceWorld>('the put result is {string}', (world, expected: string) => {
  expect(world.result).toBe(expected)
})

Then<KvOnceWorld>('{string} reads {string}', async (world, key: string, value: string) => {
  expect(await world.store.get(key)).toBe(value)
})

Then<KvOnceWorld>('the store emitted {int} retry events for {string}', (world, count: number, key: string) => {
  expect(world.events.filter((e) => e.type === 'retry' && e.key === key)).toHaveLength(count)
})

Then<KvOnceWorld>('the emitted events are:', (world, expected: string) => {
  expect(world.events.map(describeEvent)).toEqual(expected.split('\n').map((l) => l.trim()).filter(Boolean))
})

Then<KvOnceWorld>('the emitted events conform to the kvonce spec', (world) => {
  // The same engine that checks recorded traces: the store's events are a trace, one event per line.
  const checker = kvonce.createChecker(kvonce.resolveOptions({ maxRetries: world.maxRetries }))
  const violations: Violation[] = []
  world.events.forEach((event, i) => checker.check({ kind: 'event', line: i + 1, event: { ...event } }, (v) => violations.push(v)))
  checker.finish((v) => violations.push(v))
  expect(violations).toEqual([])
})
