import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { runFixture, type FixtureRun } from './run-fixture.ts'

const FEATURE = 'features/hostile-throws.feature'

let project: HostileProject
let run: FixtureRun
beforeAll(async () => {
  project = hostileProject('hostile-bdd')
  run = await project.guard(() => runFixture(project.name), { boundMs: 60_000 })
})
afterAll(() => project.remove())

const failure = (scenario: string) => {
  const c = run.get(FEATURE, scenario)
  return { state: c.state, line: c.errors[0]?.line, file: c.errors[0]?.file, message: c.errors[0]?.message }
}

describe('a step or hook that throws something that cannot be printed still fails at the .feature line', () => {
  test('an object whose toString throws: located at the step, described by inspection', () => {
    expect(failure('an object whose toString throws')).toEqual({
      state: 'failed',
      line: 4,
      file: FEATURE,
      message: `Given a step throws an object whose toString throws (${FEATURE}:4) FAILED: { toString: [Function: toString] }`,
    })
  })

  test('a null-prototype object (String() throws on it)', () => {
    expect(failure('a null-prototype object')).toMatchObject({ state: 'failed', line: 7, file: FEATURE, message: expect.stringContaining(`(${FEATURE}:7) FAILED: [Object: null prototype] { reason: 'no prototype' }`) })
  })

  test('an Error whose message getter throws', () => {
    expect(failure('an error whose message getter throws')).toMatchObject({
      state: 'failed',
      line: 10,
      file: FEATURE,
      message: `Given a step throws an error whose message getter throws (${FEATURE}:10) FAILED: (its message could not be read: Error: message getter refuses)`,
    })
  })

  test('a revoked Proxy (even instanceof throws on it)', () => {
    expect(failure('a revoked proxy')).toMatchObject({ state: 'failed', line: 13, file: FEATURE, message: `Given a step throws a revoked proxy (${FEATURE}:13) FAILED: <Revoked Proxy>` })
  })

  test('an ordinary assertion error is kept as it is, at the step line', () => {
    const c = run.get(FEATURE, 'a plain assertion still keeps its diff')
    expect([c.state, c.errors[0]?.name, c.errors[0]?.line]).toEqual(['failed', 'AssertionError', 16])
    expect(c.errors[0]?.message).toBe(`Given a step fails an assertion (${FEATURE}:16) FAILED: expected { answer: 41 } to deeply equal { answer: 42 }`)
  })

  test('a Before hook that throws fails its scenario at the scenario line, naming the hook', () => {
    expect(failure('a Before hook throws a null-prototype object')).toEqual({
      state: 'failed',
      line: 19,
      file: FEATURE,
      message: `Before hook at steps/hostile.steps.ts:25 FAILED (${FEATURE}:19): [Object: null prototype] {}`,
    })
  })
})
