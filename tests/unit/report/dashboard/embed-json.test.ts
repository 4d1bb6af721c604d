import { describe, expect, test } from 'vitest'
import { embedJson } from '../../../../src/report/dashboard/embed-json.ts'

describe('embedJson', () => {
  test('leaves no <, >, & or line separator raw, and parses back to the same value', () => {
    const value = { key: '</script><script>alert(1)</script>', img: '<img src=x onerror=alert(1)>', c: '<!-- & -->', ls: 'a\u2028b\u2029c' }
    const text = embedJson(value)
    expect(text).not.toMatch(/[<>&\u2028\u2029]/)
    expect(text).toContain('\\u003c/script\\u003e')
    expect(JSON.parse(text)).toEqual(value)
  })

  test('writes bigints as decimal strings, as summary.json does', () => {
    expect(JSON.parse(embedJson({ start: 1759558869100000000123n }))).toEqual({ start: '1759558869100000000123' })
  })
})
