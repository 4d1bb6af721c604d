import { describe, expect, test } from 'vitest'
import { compileFeature } from '../../../src/bdd/compile-feature.ts'
import type { CompiledFeature } from '../../../src/bdd/types.ts'

const FEATURE = `@shop
Feature: Reservations

  Background:
    Given a warehouse

  Scenario: reserve one
    When I reserve 1 of "A-1"
      | sku | qty |
      | A-1 | 1   |
    Then it is reserved

  @skip
  Scenario: not yet
    Given nothing

  Scenario Outline: reserve <qty>
    When I reserve <qty> of "B"
    Then the result is <result>

    Examples:
      | qty | result   |
      | 1   | reserved |
      | 9   | refused  |

  Rule: stock never goes negative
    @todo
    Scenario: later
      Then stock is "0"
        """json
        {"a": 1}
        """
`

function compiled(text: string): CompiledFeature {
  const result = compileFeature(text, 'x.feature')
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.feature
}

describe('compileFeature', () => {
  test('declares one test per scenario and per example row, each at its line, nested in rules and outlines', () => {
    const feature = compiled(FEATURE)
    expect(feature).toMatchObject({ name: 'Reservations', line: 2, tags: ['@shop'] })
    expect(feature.scenarios.map((s) => [s.title, s.line, s.mode])).toEqual([
      ['reserve one', 7, 'run'],
      ['not yet', 14, 'skip'],
      ['Example #1: 1 | reserved', 23, 'run'],
      ['Example #2: 9 | refused', 24, 'run'],
      ['later', 28, 'todo'],
    ])
    expect(feature.children).toEqual([
      { kind: 'scenario', index: 0 },
      { kind: 'scenario', index: 1 },
      { kind: 'outline', title: 'reserve <qty>', line: 17, children: [{ kind: 'scenario', index: 2 }, { kind: 'scenario', index: 3 }] },
      { kind: 'rule', title: 'stock never goes negative', line: 26, children: [{ kind: 'scenario', index: 4 }] },
    ])
  })

  test('applies the Background, fills Outline placeholders and keeps data tables and doc strings', () => {
    const feature = compiled(FEATURE)
    expect(feature.scenarios[0]!.steps).toEqual([
      { keyword: 'Given', type: 'Context', text: 'a warehouse', line: 5 },
      { keyword: 'When', type: 'Action', text: 'I reserve 1 of "A-1"', line: 8, dataTable: [['sku', 'qty'], ['A-1', '1']] },
      { keyword: 'Then', type: 'Outcome', text: 'it is reserved', line: 11 },
    ])
    expect(feature.scenarios[3]).toMatchObject({ name: 'reserve 9', example: { row: 2, values: { qty: '9', result: 'refused' } } })
    expect(feature.scenarios[3]!.steps.map((s) => s.text)).toEqual(['a warehouse', 'I reserve 9 of "B"', 'the result is refused'])
    expect(feature.scenarios[4]!.steps[1]).toMatchObject({ docString: { content: '{"a": 1}', mediaType: 'json' } })
    expect(feature.scenarios[4]!.tags).toEqual(['@shop', '@todo'])
  })

  test('an And step takes the meaning of the step before it', () => {
    const feature = compiled('Feature: f\n  Scenario: s\n    When a\n    And b\n    But c\n')
    expect(feature.scenarios[0]!.steps.map((s) => [s.keyword, s.type])).toEqual([['When', 'Action'], ['And', 'Action'], ['But', 'Action']])
  })

  test('scenarios with the same name get distinct titles', () => {
    const feature = compiled('Feature: f\n  Scenario: same\n    Given a\n  Scenario: same\n    Given b\n')
    expect(feature.scenarios.map((s) => s.title)).toEqual(['same', 'same (2)'])
  })

  test('a syntax error is reported at its line, without Gherkin’s position prefix', () => {
    const result = compileFeature('Feature: f\n  Scenario: s\n    Given a\n  this is not gherkin\n', 'x.feature')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems[0]).toMatchObject({ line: 4, column: 3 })
    expect(result.problems[0]!.message).toMatch(/^expected: .*got 'this is not gherkin'$/)
  })

  test('a file without a Feature line is an error at line 1', () => {
    const result = compileFeature('# only a comment\n', 'x.feature')
    expect(result).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringContaining('no "Feature:" line') }] })
  })
})
