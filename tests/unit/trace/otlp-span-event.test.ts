import { describe, expect, test } from 'vitest'
import type { ScanFrame } from '../../../src/json/json-scanner.ts'
import { isSpanSlot, spanToEvent } from '../../../src/trace/otlp-span-event.ts'
import { scannedObject } from './scanned-json.ts'

const PREFIX = 'kvonce.event.'

function attribute(key: string, value: string): string {
  return `{"key": ${JSON.stringify(key)}, "value": ${value}}`
}

function span(fields: string, attributes: string[]): string {
  return `{${fields}${fields ? ', ' : ''}"attributes": [${attributes.join(', ')}]}`
}

const frame = (key: string | undefined, isArray = false): ScanFrame => ({ key, isArray })

describe('isSpanSlot', () => {
  test('matches objects in spans arrays under scopeSpans or instrumentationLibrarySpans only', () => {
    const slot = (scopes: string): ScanFrame[] => [frame('resourceSpans'), frame(undefined, true), frame(scopes), frame(undefined, true), frame('spans'), frame(undefined, true)]
    expect(isSpanSlot(slot('scopeSpans'), false)).toBe(true)
    expect(isSpanSlot(slot('instrumentationLibrarySpans'), false)).toBe(true)
    expect(isSpanSlot(slot('scopeSpans'), true)).toBe(false)
    expect(isSpanSlot(slot('resource'), false)).toBe(false)
    expect(isSpanSlot(slot('scopeSpans').slice(0, 5), false)).toBe(false)
    const notArray = slot('scopeSpans')
    notArray[5] = frame('spans')
    expect(isSpanSlot(notArray, false)).toBe(false)
  })
})

describe('spanToEvent', () => {
  test('turns every domain attribute into a field and adds timestamp and traceId from the span', () => {
    const outcome = spanToEvent(
      scannedObject(
        span('"traceId": "abc", "startTimeUnixNano": "1759558869137000001"', [
          attribute('kvonce.event.type', '{"stringValue": "retry"}'),
          attribute('service.name', '{"stringValue": "ignored"}'),
          attribute('kvonce.event.key', '{"stringValue": "alpha"}'),
          attribute('kvonce.event.context', '{"kvlistValue": {"values": [{"key": "attempt", "value": {"intValue": "1"}}]}}'),
          attribute('kvonce.event.actor', '{"stringValue": "w1"}'),
          attribute('kvonce.event.custom.field', '{"doubleValue": 0.5}'),
          attribute('kvonce.events.other', '{"stringValue": "not the prefix"}'),
          attribute('kvonce.event.', '{"stringValue": "no field name"}'),
        ]),
      ),
      undefined,
      PREFIX,
    )
    expect(outcome).toEqual({
      kind: 'event',
      start: 1759558869137000001n,
      event: {
        type: 'retry',
        key: 'alpha',
        context: { attempt: 1 },
        actor: 'w1',
        'custom.field': 0.5,
        timestamp: '2025-10-04T06:21:09.137000001Z',
        traceId: 'abc',
      },
    })
  })

  test('reads startTimeUnixNano given as a JSON number without rounding', () => {
    const outcome = spanToEvent(scannedObject(span('"startTimeUnixNano": 1759558869137000001', [attribute('kvonce.event.type', '{"stringValue": "retry"}')])), undefined, PREFIX)
    expect(outcome).toMatchObject({ start: 1759558869137000001n, event: { timestamp: '2025-10-04T06:21:09.137000001Z' } })
  })

  test('lets the span time and traceId win over attributes of the same name', () => {
    const outcome = spanToEvent(
      scannedObject(span('"traceId": "t", "startTimeUnixNano": "1000000000"', [attribute('kvonce.event.timestamp', '{"stringValue": "x"}'), attribute('kvonce.event.traceId', '{"stringValue": "y"}')])),
      undefined,
      PREFIX,
    )
    expect(outcome).toEqual({ kind: 'event', start: 1000000000n, event: { timestamp: '1970-01-01T00:00:01.000000000Z', traceId: 't' } })
  })

  test('still makes an event without type or key, time or traceId', () => {
    expect(spanToEvent(scannedObject(span('"traceId": ""', [attribute('kvonce.event.value', '{"stringValue": "v"}')])), undefined, PREFIX)).toEqual({
      kind: 'event',
      start: 0n,
      event: { value: 'v' },
    })
  })

  test('ignores spans without domain attributes', () => {
    expect(spanToEvent(scannedObject(span('', [attribute('other.event.type', '{"stringValue": "retry"}')])), undefined, PREFIX)).toEqual({ kind: 'ignored' })
    expect(spanToEvent(scannedObject('{"name": "no attributes"}'), undefined, PREFIX)).toEqual({ kind: 'ignored' })
  })

  test('keeps a "__proto__" field as an own property', () => {
    const outcome = spanToEvent(scannedObject(span('', [attribute('kvonce.event.__proto__', '{"stringValue": "p"}')])), undefined, PREFIX)
    if (outcome.kind !== 'event') throw new Error('expected an event')
    expect(Object.keys(outcome.event)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(outcome.event)).toBe(Object.prototype)
  })

  test.each([
    [span('', [attribute('kvonce.event.type', '{"stringValue": 1}')]), undefined, 'span attribute "kvonce.event.type": stringValue must be a string, found 1'],
    [span('', [attribute('kvonce.event.key', '{"stringValue": "a"}'), attribute('kvonce.event.key', '{"stringValue": "b"}')]), undefined, 'span has the attribute "kvonce.event.key" twice'],
    [span('"startTimeUnixNano": "-5"', [attribute('kvonce.event.key', '{"stringValue": "a"}')]), undefined, 'span startTimeUnixNano must be an unsigned integer of nanoseconds, found "-5"'],
    [span('"startTimeUnixNano": 1.5e18', [attribute('kvonce.event.key', '{"stringValue": "a"}')]), undefined, 'span startTimeUnixNano must be an unsigned integer of nanoseconds, found 1.5e18'],
    [span('', []), 'name', 'span has the key "name" twice'],
  ])('reports %s as invalid', (json, duplicateKey, message) => {
    expect(spanToEvent(scannedObject(json), duplicateKey, PREFIX)).toEqual({ kind: 'invalid', message })
  })
})
