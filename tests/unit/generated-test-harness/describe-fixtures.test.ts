import { describe, expect, test, TestRunner } from 'vitest'
import { releaseDescribeFixtures } from '../../../generated-test-harness/describe-fixtures.ts'
import { atLine, suiteAtLine } from '../../../generated-test-harness/task-location.ts'

/** Vitest's static list of fixture registries, reached as releaseDescribeFixtures reaches it. */
function staticDefinitions(): unknown[] {
  const chain = TestRunner.getCurrentSuite().test as unknown as Record<symbol, { getFixtures(): { constructor: { _definitions: unknown[] } } }>
  const symbol = Object.getOwnPropertySymbols(chain).find((s) => s.description === 'kChainableContext')!
  return chain[symbol]!.getFixtures().constructor._definitions
}

// Before any describe of this file: the two outer describes below are not released, the three inner ones are.
const before = staticDefinitions().length
describe('describes of a generated module', () => {
  for (let i = 0; i < 3; i++) {
    describe(`describe ${i}`, () => {
      suiteAtLine(10 + i)
      test(`test ${i}`, () => {})
      atLine(20 + i)
    })
  }
})

describe('releaseDescribeFixtures', () => {
  test("each describe's empty fixture registry is taken off Vitest's static list, which then stops growing (Vitest 4.1 keeps one per describe for the worker's life)", () => {
    expect(staticDefinitions().length - before).toBe(2)
  })

  test('the describes and tests still carry the locations their module gave them', ({ task }) => {
    const file = task.file
    const outer = file.tasks.find((t) => t.name === 'describes of a generated module')!
    expect(outer.type).toBe('suite')
    const inner = (outer as typeof file).tasks.map((s) => ({ name: s.name, line: s.location?.line, test: (s as typeof file).tasks[0]!.location?.line }))
    expect(inner).toEqual([
      { name: 'describe 0', line: 10, test: 20 },
      { name: 'describe 1', line: 11, test: 21 },
      { name: 'describe 2', line: 12, test: 22 },
    ])
  })

  test('a registry with fixtures, or a collector of another shape, is left as it is', () => {
    const context = Symbol('kChainableContext')
    const withFixtures = { constructor: { _definitions: [] as unknown[] }, _registrations: new Map([['db', {}]]) }
    withFixtures.constructor._definitions.push(withFixtures)
    const collector = (fixtures: unknown) => ({ test: Object.assign(() => {}, { [context]: { getFixtures: () => fixtures } }) }) as never
    expect(releaseDescribeFixtures(collector(withFixtures))).toBe(false)
    expect(withFixtures.constructor._definitions).toHaveLength(1)
    expect(releaseDescribeFixtures({ test: () => {} } as never)).toBe(false)
    expect(releaseDescribeFixtures(collector(undefined))).toBe(false)
  })
})
