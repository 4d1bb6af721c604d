import { describe, expect, test } from 'vitest'
import { locatedError, locatedStack } from '../../../generated-test-harness/located-error.ts'

describe('errors located at a line of an input', () => {
  test('the only frame is the input line, named by the caller', () => {
    const error = locatedError({ name: 'DriftError', message: 'targets/x: drift', label: 'generator runs', file: '/p/m.generate.yml', line: 4 })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('DriftError')
    expect(error.message).toBe('targets/x: drift')
    expect(error.stack).toBe('DriftError: targets/x: drift\n    at generator runs (/p/m.generate.yml:4:1)')
  })

  test('a column, and the original frames after the input line', () => {
    const stack = locatedStack('Error', 'boom', { label: 'Given a step', file: '/p/a.feature', line: 7, column: 5 }, ['    at step (/p/steps.ts:3:9)'])
    expect(stack).toBe('Error: boom\n    at Given a step (/p/a.feature:7:5)\n    at step (/p/steps.ts:3:9)')
  })
})
