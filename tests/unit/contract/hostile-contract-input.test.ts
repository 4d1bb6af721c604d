import { describe, expect, test } from 'vitest'
import { nestsDeeperThan } from '../../../src/contract/json-depth.ts'
import { parseJsonWithLines } from '../../../src/json/parse-json-with-lines.ts'
import { applyRuleSet } from '../../../src/contract/matchers.ts'
import { ContractFileError, parseContract } from '../../../src/contract/parse-contract.ts'
import { compilePactRegex } from '../../../src/contract/pact-regex.ts'
import { headerProblem } from '../../../src/contract/http-header-syntax.ts'

/** Issue 10: contract input that used to hang, overflow the stack or fail in the wrong place. */

const deep = (levels: number, leaf = '1') => '['.repeat(levels) + leaf + ']'.repeat(levels)

describe('JSON depth', () => {
  test('a contract nested 10,000 levels deep is a file error at the line where the limit is crossed, not a stack overflow', () => {
    const text = `{\n  "request": { "path": "/x" },\n  "response": {\n    "status": 200,\n    "body": ${deep(10_000)}\n  }\n}`
    expect(() => parseContract(text)).toThrow(new ContractFileError('objects and arrays nest deeper than 256 levels here; raise contract.maxJsonDepth if the contract really needs it', 5))
  })

  test('the limit is the configured one, and nesting up to it parses', () => {
    expect(() => parseJsonWithLines(deep(8), { maxDepth: 8 })).not.toThrow()
    expect(() => parseJsonWithLines(deep(9), { maxDepth: 8 })).toThrow('nest deeper than 8 levels')
    // Closing a level gives it back: siblings do not add up.
    expect(() => parseJsonWithLines(`[${deep(7)}, ${deep(7)}, {"a": ${deep(6)}}]`, { maxDepth: 8 })).not.toThrow()
  })

  test('a v4 body whose encoded content nests too deep fails its interaction at the body’s line', () => {
    const content = JSON.stringify(JSON.parse(deep(300)))
    const pact = {
      consumer: { name: 'c' },
      provider: { name: 'p' },
      metadata: { pactSpecification: { version: '4.0' } },
      interactions: [
        { type: 'Synchronous/HTTP', description: 'fine', request: { method: 'GET', path: '/a' }, response: { status: 200 } },
        { type: 'Synchronous/HTTP', description: 'deep', request: { method: 'GET', path: '/b' }, response: { status: 200, body: { contentType: 'application/json', encoded: false, content } } },
      ],
    }
    const parsed = parseContract(JSON.stringify(pact, null, 2))
    expect(parsed.interactions[0]!.problem).toBeUndefined()
    const text = JSON.stringify(pact, null, 2).split('\n')
    const bodyLine = text.findIndex((l) => l.includes('"body": {')) + 1
    expect(parsed.interactions[1]!.problem).toEqual({ line: bodyLine, message: 'body.content nests objects and arrays deeper than 256 levels; raise contract.maxJsonDepth if the contract really needs it' })
  })

  test('depth is measured without recursion, so any value JSON.parse builds can be checked', () => {
    const value = JSON.parse(deep(100_000))
    expect(nestsDeeperThan(value, 256)).toBe(true)
    expect(nestsDeeperThan(JSON.parse(deep(256)), 256)).toBe(false)
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false)
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 2)).toBe(true)
    expect(nestsDeeperThan('text', 0)).toBe(false)
  })
})

describe('Pact regex rules on RE2', () => {
  test('catastrophic backtracking cannot happen: (a+)+$ against 40 a and a ! answers at once, with a mismatch', () => {
    const rules = { matchers: [{ match: 'regex', regex: '(a+)+$' }], combine: 'AND' as const }
    expect(applyRuleSet(rules, 'aaa', `${'a'.repeat(40)}!`, '$.body.code', 'json')).toMatchObject([{ kind: 'regex', message: `$.body.code: expected "${'a'.repeat(40)}!" to match /(a+)+$/` }])
    expect(applyRuleSet(rules, 'aaa', 'a'.repeat(40), '$.body.code', 'json')).toEqual([])
  })

  test('the whole value must match, as Pact means', () => {
    const re = compilePactRegex('a|ab')
    if (typeof re === 'string') throw new Error(re)
    expect([re.matches('ab'), re.matches('abc'), re.matches('xab')]).toEqual([true, false, false])
  })

  test('a pattern RE2 cannot run (backreference, lookahead) fails its interaction at the rule’s line; the others are read', () => {
    const text = [
      '{ "interactions": [',
      '  { "description": "fine", "request": { "path": "/a" }, "response": { "status": 200 } },',
      '  { "description": "backreference",',
      '    "request": { "path": "/b" },',
      '    "response": { "status": 200, "body": { "code": "aa" },',
      '      "matchingRules": { "body": { "$.code": { "matchers": [',
      '        { "match": "regex",',
      '          "regex": "(a)\\\\1" }',
      '      ] } } } } },',
      '  { "description": "lookahead", "request": { "path": "/c" }, "response": { "status": 200, "body": "x", "matchingRules": { "$.body": { "regex": "(?=x)x" } } } }',
      '] }',
    ].join('\n')
    const [fine, backreference, lookahead] = parseContract(text).interactions
    expect(fine!.problem).toBeUndefined()
    expect(backreference!.problem).toMatchObject({ line: 8 })
    expect(backreference!.problem!.message).toContain('matching rule: the regex "(a)\\\\1" cannot be used: error parsing regexp: invalid escape sequence')
    expect(backreference!.problem!.message).toContain('no backreferences (\\1), lookahead ((?=…), (?!…)) or lookbehind')
    expect(lookahead!.problem).toMatchObject({ line: 10, message: expect.stringContaining('invalid or unsupported Perl syntax: `(?=`') })
  })
})

describe('headers and bodies HTTP cannot carry', () => {
  test('header names must be tokens; values may not hold CR, LF, NUL or characters above U+00FF', () => {
    expect(headerProblem('X-Ok', 'caf\u00e9, a;b=c')).toBeUndefined()
    expect(headerProblem('X Bad', 'v')).toContain('header name "X Bad" is not an HTTP token')
    expect(headerProblem('X-A', 'a\nb')).toContain('header "X-A" has a value with U+000A at character 2')
    expect(headerProblem('X-A', 'price \u20ac')).toContain('U+20AC at character 7')
  })

  test('an invalid header is that interaction’s problem at the header’s own line', () => {
    const text = [
      '{ "interactions": [',
      '  { "description": "newline in a request header",',
      '    "request": { "path": "/a", "headers": {',
      '      "Accept": "application/json",',
      '      "X-Injected": "a\\r\\nSet-Cookie: x=1"',
      '    } },',
      '    "response": { "status": 200 } },',
      '  { "description": "euro sign in a response header", "request": { "path": "/b" },',
      '    "response": { "status": 200,',
      '      "headers": { "X-Price": "5 \u20ac" } } }',
      '] }',
    ].join('\n')
    const [request, response] = parseContract(text).interactions
    expect(request!.problem).toEqual({ line: 5, message: 'request.headers: header "X-Injected" has a value with U+000D at character 2, which HTTP does not allow (no CR, LF or NUL, and nothing above U+00FF: encode it, e.g. as RFC 8187 or percent-encoding)' })
    expect(response!.problem).toMatchObject({ line: 10, message: expect.stringContaining('response.headers: header "X-Price" has a value with U+20AC') })
  })

  test('a GET or HEAD with a body is a contract error at the request’s line, not a provider that cannot be reached', () => {
    const text = [
      '{ "interactions": [',
      '  { "description": "get with body",',
      '    "request": {',
      '      "method": "get", "path": "/a", "body": { "q": 1 } },',
      '    "response": { "status": 200 } },',
      '  { "description": "head with body", "request": { "method": "HEAD", "path": "/a", "body": "" }, "response": { "status": 200 } },',
      '  { "description": "post with body", "request": { "method": "POST", "path": "/a", "body": { "q": 1 } }, "response": { "status": 200 } }',
      '] }',
    ].join('\n')
    const [get, head, post] = parseContract(text).interactions
    expect(get!.problem).toEqual({ line: 3, message: 'request: a GET request cannot carry a body, but this one has "body"; remove it or use another method (e.g. POST)' })
    expect(head!.problem).toMatchObject({ line: 6, message: expect.stringContaining('a HEAD request cannot carry a body') })
    expect(post!.problem).toBeUndefined()
  })
})
