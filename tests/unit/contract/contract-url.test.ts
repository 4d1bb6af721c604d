import { describe, expect, test } from 'vitest'
import { RequestLeavesProviderError, requestUrl } from '../../../generated-test-harness/contract-url.ts'

const at = (baseUrl: string, path: string, query: Array<[string, string[]]> = []) => requestUrl(baseUrl, { path, query }).href

describe('request URLs keep the provider’s origin and base path', () => {
  test.each([
    ['http://127.0.0.1', ':43535/stolen'],
    ['http://127.0.0.1', '.evil.example/x'],
    ['http://127.0.0.1', '@evil.example/x'],
    ['https://staging.example/api', '.evil.example/x'],
    ['https://staging.example/api', 'kv/alpha'],
  ])('%s with path %j is refused before anything is sent (string concatenation would leave the provider)', (base, path) => {
    expect(() => requestUrl(base, { path, query: [] })).toThrow(RequestLeavesProviderError)
    expect(() => requestUrl(base, { path, query: [] })).toThrow(`request.path ${JSON.stringify(path)} does not start with "/"`)
  })

  test('the contract path is appended as a path: what would be a port, host or query stays in the path', () => {
    expect(at('http://127.0.0.1', '/:43535/stolen')).toBe('http://127.0.0.1/:43535/stolen')
    expect(at('http://127.0.0.1', '//evil.example/x')).toBe('http://127.0.0.1//evil.example/x')
    expect(at('http://127.0.0.1', '/a b?c#d')).toBe('http://127.0.0.1/a%20b%3Fc%23d')
    expect(at('http://127.0.0.1:8080', '/kv/%2Fkeep')).toBe('http://127.0.0.1:8080/kv/%2Fkeep')
  })

  test('the base’s path prefix is kept, with or without its trailing slash', () => {
    expect(at('https://staging.example/api', '/kv/alpha')).toBe('https://staging.example/api/kv/alpha')
    expect(at('https://staging.example/api/', '/kv/alpha')).toBe('https://staging.example/api/kv/alpha')
    expect(at('https://staging.example/api', '')).toBe('https://staging.example/api/')
    expect(at('https://staging.example/api', '/a/../b')).toBe('https://staging.example/api/b')
  })

  test('climbing out of the base path with .. (plain or percent-encoded) is refused', () => {
    for (const path of ['/../admin', '/%2e%2e/admin', '/kv/../../admin'])
      expect(() => requestUrl('https://staging.example/api', { path, query: [] })).toThrow(`climbs out of the provider's base path /api (to /admin)`)
    expect(at('http://127.0.0.1', '/../admin')).toBe('http://127.0.0.1/admin')
  })

  test('query parameters are encoded, after any query of the base URL', () => {
    expect(at('http://127.0.0.1', '/s', [['q', ['a b&c=d']], ['tag', ['x', 'é']]])).toBe('http://127.0.0.1/s?q=a%20b%26c%3Dd&tag=x&tag=%C3%A9')
    expect(at('https://staging.example/api?tenant=t1', '/s', [['q', ['1']]])).toBe('https://staging.example/api/s?tenant=t1&q=1')
  })
})
