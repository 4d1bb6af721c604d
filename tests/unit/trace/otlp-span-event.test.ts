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
      end: 0n,
      event: {
        type: 'retry',
        key: 'alpha',
        context: { attempt: 1 },
        actor: 'w1',
        'custom.field': 0.5,
        timestamp: '2025-10-04T06:21:09.137000001Z',
        traceId: 'abc',
      },
      span: { traceId: 'abc', start: '2025-10-04T06:21:09.137000001Z' },
      attributes: new Map([['context', 'kvonce.event.context']]),
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
    expect(outcome).toEqual({
      kind: 'event',
      start: 1000000000n,
      end: 0n,
      event: { timestamp: '1970-01-01T00:00:01.000000000Z', traceId: 't' },
      span: { traceId: 't', start: '1970-01-01T00:00:01.000000000Z' },
      attributes: undefined,
    })
  })

  test('still makes an event without type or key, time or traceId', () => {
    expect(spanToEvent(scannedObject(span('"traceId": ""', [attribute('kvonce.event.value', '{"stringValue": "v"}')])), undefined, PREFIX)).toEqual({
      kind: 'event',
      start: 0n,
      end: 0n,
      event: { value: 'v' },
      span: {},
      attributes: undefined,
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
    expect(spanToEvent(scannedObject(json), duplicateKey, PREFIX)).toEqual({ kind: 'invalid', message, span: {} })
  })
})

describe('OpenTelemetry attribute conventions for the context', () => {
  const event = (attributes: string[]): unknown => {
    const outcome = spanToEvent(scannedObject(span('"name": "put", "spanId": "s1"', attributes)), undefined, PREFIX)
    return outcome.kind === 'event' ? { event: outcome.event, attributes: outcome.attributes } : outcome
  }
  const typeAttr = attribute('kvonce.event.type', '{"stringValue": "retry"}')

  test('flattened <domain>.event.context.<name> attributes become fields of context', () => {
    expect(event([typeAttr, attribute('kvonce.event.context.attempt', '{"intValue": "2"}'), attribute('kvonce.event.context.region', '{"stringValue": "eu"}')])).toEqual({
      event: { type: 'retry', context: { attempt: 2, region: 'eu' } },
      attributes: new Map([
        ['context.attempt', 'kvonce.event.context.attempt'],
        ['context.region', 'kvonce.event.context.region'],
      ]),
    })
  })

  test('a flattened context alone makes an event, and names past one dot stay whole', () => {
    expect(event([attribute('kvonce.event.context.retry.count', '{"intValue": 1}')])).toMatchObject({ event: { context: { 'retry.count': 1 } } })
  })

  test('flattened fields join a kvlist context; a field given twice is invalid', () => {
    const kvlist = attribute('kvonce.event.context', '{"kvlistValue": {"values": [{"key": "attempt", "value": {"intValue": "1"}}]}}')
    expect(event([kvlist, attribute('kvonce.event.context.actor', '{"stringValue": "w"}')])).toMatchObject({ event: { context: { attempt: 1, actor: 'w' } } })
    expect(event([kvlist, attribute('kvonce.event.context.attempt', '{"intValue": "2"}')])).toEqual({
      kind: 'invalid',
      message: 'span gives the context field "attempt" twice: in "kvonce.event.context" and as "kvonce.event.context.attempt"',
      span: { name: 'put', spanId: 's1' },
    })
    expect(event([typeAttr, attribute('kvonce.event.context.attempt', '{"intValue": 1}'), attribute('kvonce.event.context.attempt', '{"intValue": 2}')])).toMatchObject({
      kind: 'invalid',
      message: 'span has the attribute "kvonce.event.context.attempt" twice',
    })
  })

  test('a JSON object text in the context attribute is parsed; any other string is kept', () => {
    expect(event([attribute('kvonce.event.context', JSON.stringify({ stringValue: ' {"attempt": 3, "__proto__": 1}' }))])).toMatchObject({ event: { context: { attempt: 3 } } })
    const parsed = event([attribute('kvonce.event.context', JSON.stringify({ stringValue: '{"__proto__": 1}' }))]) as { event: { context: object } }
    expect(Object.keys(parsed.event.context)).toEqual(['__proto__'])
    expect(event([attribute('kvonce.event.context', '{"stringValue": "first try"}')])).toMatchObject({ event: { context: 'first try' } })
    expect(event([attribute('kvonce.event.context', '{"stringValue": "[1]"}')])).toMatchObject({ event: { context: '[1]' } })
    expect(event([attribute('kvonce.event.context', JSON.stringify({ stringValue: '{"attempt": 1}' })), attribute('kvonce.event.context.actor', '{"stringValue": "w"}')])).toMatchObject({
      event: { context: { attempt: 1, actor: 'w' } },
    })
  })

  test('a context text that starts like an object but is not one, or a scalar context with flattened fields, is invalid', () => {
    expect(event([attribute('kvonce.event.context', JSON.stringify({ stringValue: '{"attempt": 2' }))])).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^span attribute "kvonce.event.context" is a string starting with "\{" but not JSON \(.+\); expected a JSON object text/),
      span: { name: 'put', spanId: 's1' },
    })
    expect(event([attribute('kvonce.event.context', '{"stringValue": "note"}'), attribute('kvonce.event.context.attempt', '{"intValue": 2}')])).toMatchObject({
      kind: 'invalid',
      message: 'span has "kvonce.event.context" (a string) and the flattened "kvonce.event.context.attempt": a context with fields needs "kvonce.event.context" to be an object (kvlistValue or a JSON object text) or absent',
    })
  })
})
