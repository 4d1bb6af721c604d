import { describe, expect, test } from 'vitest'
import { compileFeature, exampleRowTitles } from '../../../src/bdd/compile-feature.ts'
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
      ['reserve 1', 23, 'run'],
      ['reserve 9', 24, 'run'],
      ['later', 28, 'todo'],
    ])
    expect(feature.children).toEqual([
      { kind: 'scenario', index: 0 },
      { kind: 'scenario', index: 1 },
      { kind: 'outline', title: 'reserve <qty>', line: 17, tags: ['@shop'], children: [{ kind: 'scenario', index: 2 }, { kind: 'scenario', index: 3 }] },
      { kind: 'rule', title: 'stock never goes negative', line: 26, tags: ['@shop'], children: [{ kind: 'scenario', index: 4 }] },
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

  test('a file without a Feature (empty, or only comments) is accepted, as Cucumber accepts it, with no scenarios', () => {
    for (const text of ['', '# only a comment\n', '\n\n  # a comment\n\n'])
      expect(compileFeature(text, 'x.feature')).toMatchObject({
        ok: true,
        feature: { withoutFeature: true, name: '', line: 1, language: 'en', tags: [], children: [], scenarios: [] },
        // the Cucumber Messages of such a file: its document (no feature) and no pickles
        gherkinDocument: { uri: 'x.feature', comments: expect.any(Array) },
        pickles: [],
      })
  })

  test('an outline row is titled with its pickle’s name; rows whose names are alike get their Examples name and row', () => {
    const feature = compiled(`Feature: f
  @o
  Scenario Outline: pay <n>
    Given <n>
    Examples: cards
      | n |
      | 1 |
      | 1 |
    Examples:
      | n |
      | 2 |
  Scenario Outline: no placeholder
    Given <n>
    Examples:
      | n |
      | 1 |
      | 2 |
    Examples: more
      | n |
      | 3 |
  Scenario Outline:
    Given <n>
    Examples:
      | n |
      | 5 |
`)
    expect(feature.scenarios.map((s) => s.title)).toEqual([
      'pay 1 (cards #1)',
      'pay 1 (cards #2)',
      'pay 2',
      'no placeholder (Example #1)',
      'no placeholder (Example #2)',
      'no placeholder (more #1)',
      'Example #1',
    ])
    expect(feature.children[0]).toMatchObject({ kind: 'outline', title: 'pay <n>', tags: ['@o'] })
  })

  test('exampleRowTitles keeps unique names as they are and labels every row of a repeated name', () => {
    expect(exampleRowTitles([{ name: 'a', label: 'Example #1' }, { name: 'b', label: 'Example #2' }, { name: 'a ', label: 'Example #3' }])).toEqual(['a (Example #1)', 'b', 'a (Example #3)'])
    expect(exampleRowTitles([{ name: '', label: 'Example #1' }])).toEqual(['Example #1'])
  })

  test('rule and outline nodes carry the tags their scenarios inherit', () => {
    const feature = compiled('@f\nFeature: f\n  @r\n  Rule: r\n    @o\n    Scenario Outline: o\n      Given <x>\n      @e\n      Examples:\n        | x |\n')
    expect(feature.children).toEqual([
      { kind: 'rule', title: 'r', line: 4, tags: ['@f', '@r'], children: [{ kind: 'outline', title: 'o', line: 6, tags: ['@f', '@r', '@o'], children: [] }] },
    ])
  })
})
