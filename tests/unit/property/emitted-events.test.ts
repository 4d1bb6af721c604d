import { expect, test } from 'vitest'
import { EmittedEvents } from '../../../src/property/emitted-events.ts'
import { PropertyFailure } from '../../../src/property/property-failure.ts'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'

test('emitted events are checked by the spec as they arrive; the first violation names its rule and the key’s events', () => {
  const events = new EmittedEvents(kvonce, { maxRetries: 3 })
  events.push({ type: 'success', key: 'a', value: 'v0', context: { attempt: 1 } })
  events.push({ type: 'success', key: 'b', value: 'v0', context: { attempt: 1 } })
  events.checkNew()
  events.push({ type: 'success', key: 'a', value: 'v1', context: { attempt: 1 } })
  let failure: unknown
  try {
    events.checkNew()
  } catch (error) {
    failure = error
  }
  expect(failure).toBeInstanceOf(PropertyFailure)
  expect(failure).toMatchObject({
    rule: 'multiple-success',
    message: 'multiple-success: second success for key "a"; the first was at line 1 (emitted event 3)',
    events: ['1: {"type":"success","key":"a","value":"v0","context":{"attempt":1}}', '3: {"type":"success","key":"a","value":"v1","context":{"attempt":1}}'],
  })
})

test('an event that breaks the event schema fails as event-schema', () => {
  const events = new EmittedEvents(kvonce, { maxRetries: 3 })
  events.push({ type: 'written', key: 'a' })
  expect(() => events.checkNew()).toThrow(/^event-schema: "type" is "written"; expected success, retry or failure/)
})

test('an empty run is not a violation (unlike an empty trace file)', () => {
  expect(() => new EmittedEvents(kvonce, { maxRetries: 3 }).checkNew()).not.toThrow()
})
