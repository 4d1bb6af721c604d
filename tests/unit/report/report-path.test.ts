import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { pathInside } from '../../../src/report/report-path.ts'

describe('pathInside', () => {
  test('joins a plain relative path under the report directory', () => {
    expect(pathInside('/r', 'trace/x-validation.json')).toBe(path.join('/r', 'trace', 'x-validation.json'))
  })

  test.each(['../escape.json', 'trace/../../x', '/etc/passwd', 'C:/x', 'a\\b', '', 'a//b', './x', 'x\0y'])('refuses %j', (bad) => {
    expect(() => pathInside('/r', bad)).toThrow(/not a plain relative path inside the report directory/)
  })
})
