import { describe, expect, test } from 'vitest'
import { EventsByStartTime } from '../../../src/trace/events-by-start-time.ts'

describe('EventsByStartTime', () => {
  test('orders by start time, ties in the order added, and empties itself', () => {
    const events = new EventsByStartTime()
    events.add(30n, 1, { n: 'c' })
    events.add(10n, 2, { n: 'a1' })
    events.add(18446744073709551615n, 3, { n: 'last' })
    events.add(10n, 4, { n: 'a2' })
    events.add(18446744073709551614n, 5, { n: 'almost' })
    expect(events.drain().map((r) => [r.line, r.kind === 'event' && r.event.n])).toEqual([
      [2, 'a1'],
      [4, 'a2'],
      [1, 'c'],
      [5, 'almost'],
      [3, 'last'],
    ])
    expect(events.drain()).toEqual([])
  })
})
