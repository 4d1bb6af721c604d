import { describe, expect, test } from 'vitest'
import { parseExpectations } from '../../../src/conformance/expectations.ts'

const rules = ['event-schema', 'multiple-success']
const parse = (text: string) => parseExpectations(text, 'x.ndjson.expect.yml', rules)

describe('parseExpectations', () => {
  test('reads reason and { rule, line } pairs', () => {
    expect(parse('reason: known bad\nviolations:\n  - { rule: multiple-success, line: 4 }\n  - rule: event-schema\n    line: 1\n')).toEqual({
      reason: 'known bad',
      violations: [
        { rule: 'multiple-success', line: 4 },
        { rule: 'event-schema', line: 1 },
      ],
    })
  })

  test.each([
    ['violations:\n  - { rule: typo, line: 4 }\n', /^x\.ndjson\.expect\.yml:2: rule "typo" is not a rule of this spec; known: event-schema, multiple-success$/],
    ['violations:\n  - { rule: multiple-success, line: 0 }\n', /^x\.ndjson\.expect\.yml:2: line 0 must be a positive integer$/],
    ['violations:\n  - { rule: multiple-success, line: 2, note: x }\n', /:2: unknown field "note"/],
    ['violation: []\n', /:1: unknown field "violation"; expected "violations"/],
    ['reason: x\n', /:1: missing "violations" list/],
    ['violations:\n  - { rule: multiple-success, line: 2 }\nviolations: []\n', /:3: Map keys must be unique/],
    ['violations: [\n', /x\.ndjson\.expect\.yml:\d+: /],
    ['- 1\n', /:1: expected a mapping/],
  ])('%j is refused with the sidecar line', (text, message) => {
    expect(() => parse(text)).toThrow(message)
  })

  test('a YAML alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'violations:', '  - { rule: multiple-success, line: 2, x: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c] }'].join('\n')
    expect(() => parse(bomb)).toThrow(/x\.ndjson\.expect\.yml:1: unknown field "a"|alias|Excessive/)
  })
})
