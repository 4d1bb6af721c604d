import { describe, expect, test } from 'vitest'
import { BDD_TAGS_ENV, resolveBddTagFilter } from '../../../plugin/generate/bdd-tag-filter.ts'
import { resolveBddOptions } from '../../../plugin/generate/bdd-options.ts'
import { scanGherkinTags, vitestTagName } from '../../../src/bdd/vitest-tags.ts'

describe('vitestTagName: a Gherkin tag as a Vitest tag', () => {
  test('drops the @', () => {
    expect(vitestTagName('@smoke')).toBe('smoke')
    expect(vitestTagName('@@x')).toBe('@x')
    expect(vitestTagName('@a.b-c:d')).toBe('a.b-c:d')
  })

  test('a tag Vitest refuses as a name has no Vitest tag', () => {
    for (const tag of ['@issue(12)', '@a!', '@a*', '@a&b', '@a|b', '@and', '@NOT', '@or', '@']) expect(vitestTagName(tag), tag).toBeUndefined()
    expect(vitestTagName('@android')).toBe('android')
  })
})

describe('scanGherkinTags', () => {
  test('finds every tag of every tag line, split as Gherkin splits them, without comments', () => {
    const text = '@a @b\nFeature: f\n  @c@d   # @not-a-tag\n  Scenario: s\n    Given x\n\t@e\r\n'
    expect(scanGherkinTags(text)).toEqual(['@a', '@b', '@c', '@d', '@e'])
  })

  test('lines that are not tag lines add nothing', () => {
    expect(scanGherkinTags('Feature: f @x\n  Scenario: s\n    Given mail a@b.c\n')).toEqual([])
  })
})

describe('the tag-expression filter (generate.tags, SPEC_CI_BDD_TAGS)', () => {
  test('a Cucumber tag expression selects by the scenario’s tags', () => {
    const filter = resolveBddTagFilter('@smoke and not @slow', {})!
    expect(filter).toMatchObject({ expression: '@smoke and not @slow', source: 'generate.tags' })
    expect(filter.matches(['@smoke'])).toBe(true)
    expect(filter.matches(['@smoke', '@slow'])).toBe(false)
    expect(filter.matches([])).toBe(false)
  })

  test('escaped characters as in Cucumber: a tag Vitest cannot name is still selectable', () => {
    expect(resolveBddTagFilter('@issue\\(12\\)', {})!.matches(['@issue(12)'])).toBe(true)
  })

  test('no option and no variable: no filter; a blank variable does not select', () => {
    expect(resolveBddTagFilter(undefined, {})).toBeUndefined()
    expect(resolveBddTagFilter(undefined, { [BDD_TAGS_ENV]: '  ' })).toBeUndefined()
  })

  test('the variable overrides the option', () => {
    const filter = resolveBddTagFilter('@smoke', { [BDD_TAGS_ENV]: '@slow' })!
    expect(filter).toMatchObject({ expression: '@slow', source: 'the environment variable SPEC_CI_BDD_TAGS' })
    expect(filter.matches(['@smoke'])).toBe(false)
  })

  test('an invalid expression fails naming the option or the variable, and the problem', () => {
    expect(() => resolveBddTagFilter('@a and', {})).toThrow(/^specCi: generate\.tags is "@a and", not a Cucumber tag expression: .*could not be parsed because of syntax error: Expected operand/)
    expect(() => resolveBddTagFilter(undefined, { [BDD_TAGS_ENV]: '(@a' })).toThrow(/^specCi: the environment variable SPEC_CI_BDD_TAGS is "\(@a", not a Cucumber tag expression: /)
    expect(() => resolveBddTagFilter(3, {})).toThrow(/generate\.tags is 3; expected a Cucumber tag expression/)
    expect(() => resolveBddTagFilter('', {})).toThrow(/generate\.tags is ""; expected a Cucumber tag expression/)
  })

  test('generate.tags without features is refused', () => {
    expect(() => resolveBddOptions({ tags: '@a' })).toThrow(/generate\.tags is set but generate\.features is not/)
  })
})
