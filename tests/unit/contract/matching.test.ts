import { describe, expect, test } from 'vitest'
import { inFocus, parseFocusList } from '../../../src/contract/focus.ts'
import { matchBody } from '../../../src/contract/match-body.ts'
import { matchHeaders } from '../../../src/contract/match-http.ts'
import { normalizeMatchingRules } from '../../../src/contract/matching-rules.ts'
import { parsePactPath, pathWeight } from '../../../src/contract/pact-path.ts'
import type { RuleSet } from '../../../src/contract/types.ts'

const rule = (...matchers: Array<Record<string, unknown>>): RuleSet => ({ matchers: (matchers.length > 0 ? matchers : [{}]).map((m) => ({ match: 'type', ...m })), combine: 'AND' })

describe('Pact paths', () => {
  test('parse dotted, bracketed, indexed and wildcard segments', () => {
    expect(parsePactPath("$.a['b c'][2][*].*")).toEqual([
      { kind: 'root' }, { kind: 'field', name: 'a' }, { kind: 'field', name: 'b c' }, { kind: 'index', index: 2 }, { kind: 'star-index' }, { kind: 'star' },
    ])
    expect(parsePactPath('$.a[')).toBeUndefined()
  })

  test('exact segments weigh more than wildcards; rules cascade to values below them', () => {
    const path = ['$', 'items', 0, 'id']
    expect(pathWeight(parsePactPath('$.items[0].id')!, path)).toBe(16)
    expect(pathWeight(parsePactPath('$.items[*].id')!, path)).toBe(8)
    expect(pathWeight(parsePactPath('$.items')!, path)).toBe(4)
    expect(pathWeight(parsePactPath('$.other')!, path)).toBe(0)
  })
})

describe('number and boolean matchers', () => {
  // Pact JS's verifier fails these: in a JSON body a value keeps its JSON type (a provider that changed a
  // field from 1 to "1" breaks its consumers), while headers and query values are strings by nature.
  test.each([
    ['integer', '1', 1],
    ['decimal', '1.5', 1.5],
    ['number', '2', 2],
    ['boolean', 'true', true],
  ])('%s: the string %j in a JSON body fails, %j passes', (match, asString, asJson) => {
    const rules: Array<[string, RuleSet]> = [['$.version', rule({ match })]]
    expect(matchBody({ version: asJson }, { version: asString }, rules, { allowUnexpectedKeys: true })).toMatchObject([{ kind: match, path: '$.body.version', actual: asString }])
    expect(matchBody({ version: asJson }, { version: asJson }, rules, { allowUnexpectedKeys: true })).toEqual([])
  })

  test('in headers the same matchers take the strings that spell the value', () => {
    for (const [match, value] of [['integer', '42'], ['decimal', '4.2'], ['number', '1e3'], ['boolean', 'false']] as const) {
      const rules: Array<[string, RuleSet]> = [['X-Value', rule({ match })]]
      expect(matchHeaders([['X-Value', value]], { 'x-value': value }, rules), match).toEqual([])
      expect(matchHeaders([['X-Value', value]], { 'x-value': 'nope' }, rules), match).toMatchObject([{ kind: match }])
    }
  })
})

describe('body matching', () => {
  test('the most specific rule wins over a cascading one', () => {
    const rules: Array<[string, RuleSet]> = [['$.a', rule()], ['$.a.b', rule({ match: 'regex', regex: 'x+' })]]
    expect(matchBody({ a: { b: 'x' } }, { a: { b: 'yyy' } }, rules, { allowUnexpectedKeys: true })).toMatchObject([{ kind: 'regex', path: '$.body.a.b' }])
  })

  test('under a type rule an array may be longer and every element is checked like the first', () => {
    const rules: Array<[string, RuleSet]> = [['$.xs', rule({ min: 1 })]]
    expect(matchBody({ xs: [1] }, { xs: [2, 3, 4] }, rules, { allowUnexpectedKeys: true })).toEqual([])
    expect(matchBody({ xs: [1] }, { xs: [2, 'three'] }, rules, { allowUnexpectedKeys: true })).toMatchObject([{ kind: 'type', path: '$.body.xs[1]' }])
  })

  test('responses may carry extra keys, requests may not', () => {
    expect(matchBody({ a: 1 }, { a: 1, b: 2 }, [], { allowUnexpectedKeys: true })).toEqual([])
    expect(matchBody({ a: 1 }, { a: 1, b: 2 }, [], { allowUnexpectedKeys: false })).toMatchObject([{ kind: 'unexpected', path: '$.body.b', actual: 2 }])
  })

  test('OR combines matchers so that one passing is enough', () => {
    const rules: Array<[string, RuleSet]> = [['$.v', { combine: 'OR', matchers: [{ match: 'integer' }, { match: 'null' }] }]]
    expect(matchBody({ v: 1 }, { v: null }, rules, { allowUnexpectedKeys: true })).toEqual([])
    expect(matchBody({ v: 1 }, { v: 'x' }, rules, { allowUnexpectedKeys: true })).toHaveLength(2)
  })

  test('keys such as __proto__ are compared as data', () => {
    const expected = JSON.parse('{"__proto__": {"x": 1}}') as unknown
    expect(matchBody(expected, JSON.parse('{"__proto__": {"x": 2}}'), [], { allowUnexpectedKeys: true })).toMatchObject([{ kind: 'body', path: '$.body.__proto__.x' }])
  })

  test('v2 rules are normalised from $.body and $.headers keys', () => {
    const rules = normalizeMatchingRules({ '$.body.a': { match: 'type' }, "$.headers['X-Id']": { regex: '\\d+' }, '$.body.xs': { min: 2 } }, 2)
    expect(rules.body).toEqual([['$.a', rule()], ['$.xs', rule({ min: 2 })]])
    expect(rules.header).toEqual([['X-Id', { matchers: [{ match: 'regex', regex: '\\d+' }], combine: 'AND' }]])
  })
})

describe('headers', () => {
  test('names match in any case and media types ignore charset case and parameter spacing', () => {
    expect(matchHeaders([['content-type', 'application/json;charset=utf-8']], { 'Content-Type': 'application/json; charset=UTF-8' }, [])).toEqual([])
    expect(matchHeaders([['X-A', '1']], {}, [])).toMatchObject([{ kind: 'header', path: '$.headers.x-a', expected: '1' }])
  })
})

describe('focus', () => {
  const subject = { file: 'contracts/kv-once.pact.json', contractId: undefined, interactionId: undefined, consumer: 'web', provider: 'Orders' }
  test('no terms keep everything; a term matches the file, consumer or provider in any case', () => {
    expect(inFocus([], subject)).toBe(true)
    expect(inFocus(['kv-once'], subject)).toBe(true)
    expect(inFocus(['orders'], subject)).toBe(true)
    expect(inFocus(['billing'], subject)).toBe(false)
  })
  test('SPEC_CI_FOCUS is a comma-separated list', () => {
    expect(parseFocusList(' kv-once, orders ,,')).toEqual(['kv-once', 'orders'])
    expect(parseFocusList(undefined)).toEqual([])
  })
})
