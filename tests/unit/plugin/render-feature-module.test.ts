import { expect, test } from 'vitest'
import { compileFeature } from '../../../src/bdd/compile-feature.ts'
import { renderFeatureModule, type FeatureModuleInput } from '../../../plugin/generate/bdd-render-module.ts'
import { mappedLines } from './mapped-lines.ts'

const FEATURE = `Feature: Orders
  Scenario: an order is placed
    Given a cart

  @skip
  Scenario: a refund
    Given a paid order

  Rule: discounts
    @todo
    Scenario: a coupon
      Given a cart

    Scenario Outline: <count> items
      Given <count> items
      Examples:
        | count |
        | 1     |
        | 2     |
`

function input(feature: FeatureModuleInput['feature'], stepUsage?: string[]): FeatureModuleInput {
  return {
    file: '/project/features/orders.feature',
    displayFile: 'features/orders.feature',
    root: '/project',
    harness: '/pkg/generated-test-harness/bdd-feature.js',
    stepFiles: ['/project/steps/cart.steps.ts'],
    feature,
    stepUsage,
    declaredTags: new Set(['skip', 'todo']),
  }
}

test('the generated module for a feature is pinned (golden file): rules and outlines as describes, skip and todo with meta, Vitest tags', async () => {
  const compiled = compileFeature(FEATURE, 'features/orders.feature')
  if (!compiled.ok) throw new Error('the feature compiles')
  const rendered = renderFeatureModule(input(compiled.feature, ['/project/features/orders.feature']))
  await expect(rendered.code).toMatchFileSnapshot('./__snapshots__/feature-module.golden.js')
  expect(rendered.map.sources).toEqual(['/project/features/orders.feature'])
  // Vite reads the .feature into the map, so a code frame shows its lines.
  expect(rendered.map.sourcesContent).toEqual([null])
  // Each scenario, rule, outline and example row on its line of the feature; imports and the rest on line 1.
  expect(mappedLines(rendered)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 6, 9, 11, 14, 18, 19, 14, 9, 1, 1, 1, 1])
})

test('a feature with a syntax error: one failing test at the first problem’s line', async () => {
  const rendered = renderFeatureModule(input({ problems: [{ line: 3, column: 3, message: 'expected: #TagLine, #RuleLine, #Comment, #Empty' }] }))
  await expect(rendered.code).toMatchFileSnapshot('./__snapshots__/feature-syntax-error-module.golden.js')
  expect(mappedLines(rendered)).toEqual([1, 1, 1, 1, 1, 3, 1, 1, 1])
})
