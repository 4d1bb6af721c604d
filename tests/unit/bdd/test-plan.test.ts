import { describe, expect, test } from 'vitest'
import { parse } from '@cucumber/tag-expressions'
import { compileFeature } from '../../../src/bdd/compile-feature.ts'
import { testPlan } from '../../../src/bdd/test-plan.ts'
import type { CompiledFeature } from '../../../src/bdd/types.ts'

function compiled(text: string): CompiledFeature {
  const result = compileFeature(text, 'x.feature')
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.feature
}
const filter = (expression: string) => ({ expression, matches: (tags: readonly string[]) => parse(expression).evaluate([...tags]) })

const FEATURE = `@f
Feature: shop
  @smoke
  Scenario: a
    Given x
  @slow
  Scenario: b
    Given x
  Scenario Outline: o <n>
    Given <n>
    @smoke
    Examples:
      | n |
      | 1 |
    Examples:
      | n |
      | 2 |
  @wip
  Scenario Outline: empty
    Given <n>
    Examples:
      | n |
  Rule: nothing here
`

describe('testPlan', () => {
  test('without a filter: every scenario; an outline without rows and a rule without scenarios get a placeholder', () => {
    expect(testPlan(compiled(FEATURE), 'x.feature').children).toEqual([
      { kind: 'scenario', index: 0 },
      { kind: 'scenario', index: 1 },
      { kind: 'describe', title: 'o <n>', line: 9, children: [{ kind: 'scenario', index: 2 }, { kind: 'scenario', index: 3 }] },
      { kind: 'describe', title: 'empty', line: 19, children: [{ kind: 'no-scenarios', title: 'no examples rows', line: 19, tags: ['@f', '@wip'], reason: 'no-examples-rows' }] },
      { kind: 'describe', title: 'nothing here', line: 23, children: [{ kind: 'no-scenarios', title: 'no scenarios', line: 23, tags: ['@f'], reason: 'no-scenarios' }] },
    ])
  })

  test('a filter leaves out what it does not select, blocks it empties, and placeholders whose tags it does not select', () => {
    expect(testPlan(compiled(FEATURE), 'x.feature', filter('@smoke')).children).toEqual([
      { kind: 'scenario', index: 0 },
      { kind: 'describe', title: 'o <n>', line: 9, children: [{ kind: 'scenario', index: 2 }] },
    ])
    expect(testPlan(compiled(FEATURE), 'x.feature', filter('@wip or @slow')).children).toEqual([
      { kind: 'scenario', index: 1 },
      { kind: 'describe', title: 'empty', line: 19, children: [{ kind: 'no-scenarios', title: 'no examples rows', line: 19, tags: ['@f', '@wip'], reason: 'no-examples-rows' }] },
    ])
  })

  test('a filter that selects nothing of the file leaves one placeholder saying so', () => {
    expect(testPlan(compiled(FEATURE), 'x.feature', filter('@nope'))).toEqual({
      title: 'shop',
      line: 2,
      children: [{ kind: 'no-scenarios', title: 'no scenario matches the tag expression @nope', line: 2, tags: ['@f'], reason: 'tag-filter' }],
    })
  })

  test('a file without a Feature, and a Feature without scenarios, have one placeholder', () => {
    expect(testPlan(compiled('# nothing\n'), 'x.feature')).toEqual({
      title: 'x.feature',
      line: 1,
      children: [{ kind: 'no-scenarios', title: 'no scenarios (the file has no Feature)', line: 1, tags: [], reason: 'no-feature' }],
    })
    expect(testPlan(compiled('@t\nFeature: f\n  Background:\n    Given x\n'), 'x.feature').children).toEqual([
      { kind: 'no-scenarios', title: 'no scenarios', line: 2, tags: ['@t'], reason: 'no-scenarios' },
    ])
  })
})
