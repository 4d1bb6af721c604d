import { describe, expect, test } from 'vitest'
import { resolveBddOptions } from '../../../plugin/generate/bdd-options.ts'

describe('resolveBddOptions', () => {
  test('no features and no steps: no BDD part', () => {
    expect(resolveBddOptions({})).toBeUndefined()
  })

  test('features without steps is an error that says what to add', () => {
    expect(() => resolveBddOptions({ features: ['f/**/*.feature'] })).toThrow(/generate\.features needs generate\.steps.*e\.g\. steps: \["features\/steps\/\*\*\/\*\.ts"\]/)
  })

  test('steps without features is an error too', () => {
    expect(() => resolveBddOptions({ steps: ['s/*.ts'] })).toThrow(/generate\.steps is set but generate\.features is not/)
  })

  test('a glob list that is not a list of strings is refused, quoting the value', () => {
    expect(() => resolveBddOptions({ features: 'f/*.feature' as never, steps: ['s.ts'] })).toThrow(/generate\.features is "f\/\*\.feature"; expected a list of globs/)
  })

  test('the caller’s lists are copied, never modified', () => {
    const features = ['f/*.feature']
    const resolved = resolveBddOptions({ features, steps: ['s.ts'] })!
    expect(resolved.features).not.toBe(features)
    expect(resolved.exclude).toContain('**/node_modules/**')
  })
})
