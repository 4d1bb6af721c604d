import { describe, expect, test } from 'vitest'
import { matchBody } from '../../../src/contract/match-body.ts'
import { matchResponse } from '../../../src/contract/match-http.ts'
import { normalizeMatchingRules } from '../../../src/contract/matching-rules.ts'
import { readExpectedResponse } from '../../../src/contract/read-http.ts'
import { detectContentType } from '../../../src/contract/detect-content-type.ts'
import { isSemver } from '../../../src/contract/semver.ts'

/** Body rules as a v4 pact writes them: `{ path: { matchers: [...] } }`. */
function body(rules: Record<string, unknown>, expected: unknown, actual: unknown, allowUnexpectedKeys = true) {
  return matchBody(expected, actual, normalizeMatchingRules({ body: rules }, 3).body, { allowUnexpectedKeys })
}
const one = (...matchers: unknown[]) => ({ matchers })

describe('arrayContains', () => {
  const rules = {
    '$.events': one({
      match: 'arrayContains',
      variants: [
        { index: 0, rules: { '$.id': one({ match: 'integer' }), '$.kind': one({ match: 'regex', regex: '^created$' }) } },
        { index: 1, rules: { '$.id': one({ match: 'integer' }) } },
      ],
    }),
  }
  const expected = { events: [{ id: 1, kind: 'created' }, { id: 2, kind: 'deleted' }] }

  test('each variant matched by some element, in any order, under its own rules; other elements are free', () => {
    expect(body(rules, expected, { events: [{ id: 9, kind: 'other' }, { id: 7, kind: 'deleted' }, { id: 5, kind: 'created' }] })).toEqual([])
  })

  test('a variant no element matches is a mismatch at the array path naming the variant', () => {
    const result = body(rules, expected, { events: [{ id: 7, kind: 'deleted' }, { id: '5', kind: 'created' }] })
    expect(result).toMatchObject([{ kind: 'arrayContains', path: '$.body.events', message: expect.stringContaining('variant 0') }])
  })

  test('variant 1 keeps equality where its rules say nothing (kind must be "deleted")', () => {
    expect(body(rules, expected, { events: [{ id: 5, kind: 'created' }, { id: 7, kind: 'archived' }] })).toMatchObject([{ kind: 'arrayContains', message: expect.stringContaining('variant 1') }])
  })

  test('without variants every expected element must be found by equality', () => {
    const r = { '$.tags': one({ match: 'arrayContains' }) }
    expect(body(r, { tags: ['a', 'b'] }, { tags: ['x', 'b', 'a'] })).toEqual([])
    expect(body(r, { tags: ['a', 'b'] }, { tags: ['x', 'a'] })).toHaveLength(1)
    expect(body(r, { tags: ['a'] }, { tags: 'a' })).toMatchObject([{ kind: 'type' }])
  })
})

describe('eachKey and eachValue', () => {
  test('eachValue: every value of an object or element of an array under the nested rules', () => {
    const r = { '$.prices': one({ match: 'eachValue', rules: [{ match: 'decimal' }] }) }
    expect(body(r, { prices: { apple: 1.5 } }, { prices: { pear: 2.25, plum: 0.5 } })).toEqual([])
    expect(body(r, { prices: { apple: 1.5 } }, { prices: { pear: 2.25, plum: 'cheap' } })).toMatchObject([{ kind: 'decimal', path: '$.body.prices.plum' }])
    const list = { '$.ids': one({ match: 'eachValue', rules: [{ match: 'regex', regex: '^[a-f0-9]{4}$' }] }) }
    expect(body(list, { ids: ['abcd'] }, { ids: ['0123', 'beef'] })).toEqual([])
    expect(body(list, { ids: ['abcd'] }, { ids: ['0123', 'BEEF'] })).toMatchObject([{ kind: 'regex', path: '$.body.ids[1]' }])
  })

  test('eachKey: every key of the actual object matches the nested rules; keys beyond the example are allowed', () => {
    const r = { '$.byId': one({ match: 'eachKey', rules: [{ match: 'regex', regex: '^id-\\d+$' }] }) }
    expect(body(r, { byId: { 'id-1': 'a' } }, { byId: { 'id-1': 'a', 'id-22': 'b' } }, false)).toEqual([])
    expect(body(r, { byId: { 'id-1': 'a' } }, { byId: { 'id-1': 'a', name: 'b' } })).toMatchObject([{ kind: 'eachKey', path: '$.body.byId.name', message: expect.stringContaining('"name"') }])
    // eachKey says nothing about the values: an expected key keeps equality.
    expect(body(r, { byId: { 'id-1': 'a' } }, { byId: { 'id-1': 'z' } })).toMatchObject([{ kind: 'body', path: '$.body.byId.id-1' }])
  })

  test('eachKey and eachValue at one path combine', () => {
    const r = { '$': one({ match: 'eachKey', rules: [{ match: 'regex', regex: '^[a-z]+$' }] }, { match: 'eachValue', rules: [{ match: 'type' }] }) }
    expect(body(r, { a: { n: 1 } }, { b: { n: 2 }, c: { n: 3 } })).toEqual([])
    expect(body(r, { a: { n: 1 } }, { B: { n: 2 }, c: { n: 'x' } }).map((m) => m.kind).sort()).toEqual(['eachKey', 'type'])
  })
})

describe('values (v3)', () => {
  test("an object's values are matched ignoring the keys, each against its key's example or the first", () => {
    const r = { '$.users': one({ match: 'values' }), '$.users.*.name': one({ match: 'type' }) }
    expect(body(r, { users: { u1: { name: 'Ann' } } }, { users: { x: { name: 'Bob' }, y: { name: 'Cy' } } }, false)).toEqual([])
    expect(body(r, { users: { u1: { name: 'Ann' } } }, { users: { x: { name: 7 } } }, false)).toMatchObject([{ kind: 'type', path: '$.body.users.x.name' }])
  })
  test('without a more specific rule the values are compared for equality (as Pact does)', () => {
    const r = { '$.flags': one({ match: 'values' }) }
    expect(body(r, { flags: { a: true } }, { flags: { b: true, c: true } }, false)).toEqual([])
    expect(body(r, { flags: { a: true } }, { flags: { b: true, c: false } }, false)).toMatchObject([{ path: '$.body.flags.c' }])
  })
})

describe('semver, notEmpty, contentType', () => {
  test.each([
    ['1.2.3', true], ['10.20.30', true], ['1.0.0-alpha.1', true], ['1.0.0+build.5', true], ['1.0.0-rc.1+sha.abc', true],
    ['v1.2.3', false], ['1.2', false], ['01.2.3', false], ['1.2.3-', false], ['1.2.3.4', false], ['', false],
  ])('semver %j → %s', (text, ok) => {
    expect(isSemver(text)).toBe(ok)
    expect(body({ '$.v': one({ match: 'semver' }) }, { v: '1.0.0' }, { v: text })).toHaveLength(ok ? 0 : 1)
  })
  test('semver: a number is not a version', () => {
    expect(body({ '$.v': one({ match: 'semver' }) }, { v: '1.0.0' }, { v: 1 })).toMatchObject([{ kind: 'semver' }])
  })

  test.each([
    ['a string', 'x', true], ['a number (even 0)', 0, true], ['false', false, true], ['an array', [1], true], ['an object', { a: 1 }, true],
    ['""', '', false], ['[]', [], false], ['{}', {}, false], ['null', null, false],
  ])('notEmpty: %s → %s (as Pact: only null and empty strings, arrays and objects fail)', (_, value, ok) => {
    expect(body({ '$.v': one({ match: 'notEmpty' }) }, { v: 'example' }, { v: value })).toHaveLength(ok ? 0 : 1)
  })
  test('notEmpty: a missing key is missing', () => {
    expect(body({ '$.v': one({ match: 'notEmpty' }) }, { v: 'example' }, {})).toMatchObject([{ kind: 'missing' }])
  })

  test.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], 'image/png'],
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'image/gif'],
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'application/pdf'],
    [[0x1f, 0x8b, 8, 0], 'application/gzip'],
    [[0x50, 0x4b, 3, 4], 'application/zip'],
    [[0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], 'image/webp'],
    [[...new TextEncoder().encode('{"a": [1]}')], 'application/json'],
    [[...new TextEncoder().encode('<?xml version="1.0"?><a/>')], 'application/xml'],
    [[...new TextEncoder().encode('<a><b>1</b></a>')], 'application/xml'],
    [[...new TextEncoder().encode('hello world')], 'text/plain'],
    [[0, 1, 2, 3, 0xfe], 'application/octet-stream'],
  ])('content type of %j is %s', (bytes, type) => {
    expect(detectContentType(new Uint8Array(bytes))).toBe(type)
  })

  test('contentType at the body root: the response body is compared by its detected type, from its bytes', () => {
    const expected = readExpectedResponse({ status: 200, body: { content: 'iVBORw0KGgo=', contentType: 'image/png', encoded: 'base64' }, matchingRules: { body: { $: one({ match: 'contentType', value: 'image/png' }) } } }, 4, { statusRequired: false })
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])
    expect(matchResponse(expected, { status: 200, headers: {}, body: new TextDecoder().decode(png), bytes: png })).toEqual([])
    expect(matchResponse(expected, { status: 200, headers: {}, body: new TextDecoder().decode(jpeg), bytes: jpeg })).toMatchObject([{ kind: 'contentType', path: '$.body', expected: 'image/png', actual: 'image/jpeg' }])
  })
  test('contentType: application/json takes a JSON body with charset; text/plain takes any text', () => {
    const r = (value: string) => readExpectedResponse({ status: 200, body: {}, matchingRules: { body: { $: one({ match: 'contentType', value }) } } }, 3, { statusRequired: false })
    expect(matchResponse(r('application/json; charset=utf-8'), { status: 200, headers: {}, body: { a: 1 } })).toEqual([])
    expect(matchResponse(r('text/plain'), { status: 200, headers: {}, body: { a: 1 } })).toEqual([])
    expect(matchResponse(r('application/xml'), { status: 200, headers: {}, body: { a: 1 } })).toHaveLength(1)
  })
  test('contentType at the root of a JSON body: the fields are still compared (as Pact walks JSON bodies)', () => {
    const expected = readExpectedResponse({ status: 200, body: { a: 1 }, matchingRules: { body: { $: one({ match: 'contentType', value: 'application/json' }) } } }, 3, { statusRequired: false })
    expect(matchResponse(expected, { status: 200, headers: {}, body: { a: 1, b: 2 } })).toEqual([])
    expect(matchResponse(expected, { status: 200, headers: {}, body: { a: 2 } })).toMatchObject([{ kind: 'body', path: '$.body.a' }])
    expect(matchResponse(expected, { status: 200, headers: {}, body: 'plain words' })).toMatchObject([{ path: '$.body' }])
  })
})

describe('status matchers (v4 matchStatus)', () => {
  const response = (status: unknown, example = 200) =>
    readExpectedResponse({ status: example, matchingRules: { status: { matchers: [{ match: 'statusCode', status }] } } }, 4, { statusRequired: false })
  test.each([
    ['info', 101, true], ['info', 200, false], ['information', 101, true], ['information', 200, false],
    ['success', 204, true], ['success', 301, false],
    ['redirect', 302, true], ['redirect', 200, false],
    ['clientError', 404, true], ['clientError', 500, false],
    ['serverError', 503, true], ['serverError', 499, false],
    ['nonError', 399, true], ['nonError', 400, false],
    ['error', 400, true], ['error', 599, true], ['error', 200, false],
    [[200, 201], 201, true], [[200, 201], 202, false], [['200', '201'], 201, true],
  ])('%j with status %i → %s', (status, actual, ok) => {
    const result = matchResponse(response(status), { status: actual, headers: {}, body: undefined })
    expect(result).toHaveLength(ok ? 0 : 1)
    if (!ok) expect(result[0]).toMatchObject({ kind: 'status', path: 'status', actual })
  })
  test('the v4 `status` category keyed by "$" works too, and an unknown class is unsupported (never a pass)', () => {
    const keyed = readExpectedResponse({ status: 200, matchingRules: { status: { $: { matchers: [{ match: 'statusCode', status: 'success' }] } } } }, 4, { statusRequired: false })
    expect(matchResponse(keyed, { status: 201, headers: {}, body: undefined })).toEqual([])
    expect(matchResponse(response('fine'), { status: 200, headers: {}, body: undefined })).toMatchObject([{ kind: 'unsupported' }])
  })
  test('without status rules the status is compared for equality', () => {
    const plain = readExpectedResponse({ status: 200 }, 4, { statusRequired: false })
    expect(matchResponse(plain, { status: 201, headers: {}, body: undefined })).toMatchObject([{ kind: 'status' }])
  })
})

describe('nested rules are read with the contract', () => {
  test('a regex RE2 cannot run inside eachKey, eachValue or an arrayContains variant fails at its line', async () => {
    const { parseContract } = await import('../../../src/contract/parse-contract.ts')
    const nested = [
      { match: 'eachKey', rules: [{ match: 'regex', regex: '(a)\\1' }] },
      { match: 'eachValue', rules: [{ match: 'regex', regex: '(?=x)' }] },
      { match: 'arrayContains', variants: [{ index: 0, rules: { '$.id': { matchers: [{ match: 'regex', regex: '(a)\\1' }] } } }] },
    ]
    for (const matcher of nested) {
      const pact = {
        consumer: { name: 'c' }, provider: { name: 'p' }, metadata: { pactSpecification: { version: '4.0' } },
        interactions: [{ type: 'Synchronous/HTTP', description: 'd', request: { method: 'GET', path: '/' }, response: { status: 200, matchingRules: { body: { $: { matchers: [matcher] } } } } }],
      }
      const text = JSON.stringify(pact, null, 2)
      const problem = parseContract(text).interactions[0]!.problem
      expect(problem?.message).toContain('cannot be used')
      expect(text.split('\n')[problem!.line - 1]).toContain('"regex"')
    }
  })
})
