import { describe, expect, test } from 'vitest'
import { ContractFileError, parseContract } from '../../../src/contract/parse-contract.ts'
import { NO_BODY } from '../../../src/contract/types.ts'

describe('contract formats', () => {
  test('a simple contract with one interaction, its status required', () => {
    const parsed = parseContract('{"id":"kv-once","request":{"method":"get","path":"/kv/a"},"response":{"status":200,"body":{"v":1}}}')
    expect(parsed).toMatchObject({ format: 'simple', id: 'kv-once' })
    expect(parsed.interactions[0]).toMatchObject({ description: 'kv-once', kind: 'http', request: { method: 'GET', path: '/kv/a', body: NO_BODY }, response: { status: 200, body: { v: 1 } } })
    expect(parseContract('{"request":{"path":"/"},"response":{}}').interactions[0]!.problem).toEqual({ message: 'response.status must be an HTTP status code (100-599), got nothing', line: 1 })
  })

  test('a simple contract naming its consumer and provider as strings stays simple; an unversioned pact is v2', () => {
    const simple = parseContract(JSON.stringify({ id: 'kv', consumer: 'c', provider: 'p', interactions: [{ request: { method: 'GET', path: '/' }, response: { status: 200 } }] }))
    expect(simple).toMatchObject({ format: 'simple', consumer: 'c', provider: 'p' })
    const pact = parseContract(JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [{ description: 'd', request: { method: 'GET', path: '/' }, response: { status: 200 } }] }))
    expect(pact).toMatchObject({ format: 'pact-v2' })
  })

  test('unknown fields are tolerated', () => {
    const parsed = parseContract('{"x-owner":"team","request":{"method":"GET","path":"/","extra":1},"response":{"status":204,"note":"n"}}')
    expect(parsed.interactions[0]!.problem).toBeUndefined()
  })

  test('Pact v2 provider states and query strings, v3 states with params and query maps', () => {
    const v2 = parseContract(JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [{ description: 'd', providerState: 's', request: { method: 'GET', path: '/x', query: 'a=1&a=2&b=x+y' }, response: { status: 200 } }], metadata: { pactSpecification: { version: '2.0.0' } } }))
    expect(v2).toMatchObject({ format: 'pact-v2', consumer: 'c', provider: 'p' })
    expect(v2.interactions[0]).toMatchObject({ states: [{ name: 's', params: {} }], request: { query: [['a', ['1', '2']], ['b', ['x y']]] } })
    const v3 = parseContract(JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [{ description: 'd', providerStates: [{ name: 's', params: { k: 1 } }], request: { method: 'GET', path: '/x', query: { a: ['1'] } }, response: { status: 200 } }], metadata: { pactSpecification: { version: '3.0.0' } } }))
    expect(v3.interactions[0]).toMatchObject({ states: [{ name: 's', params: { k: 1 } }], request: { query: [['a', ['1']]] } })
  })

  test('Pact v4 unwraps bodies and marks message interactions; v3 messages too', () => {
    const v4 = parseContract(JSON.stringify({
      consumer: { name: 'c' }, provider: { name: 'p' }, metadata: { pactSpecification: { version: '4.0' } },
      interactions: [
        { type: 'Synchronous/HTTP', description: 'h', request: { method: 'POST', path: '/', body: { content: '{"a":1}', contentType: 'application/json', encoded: false } }, response: { status: 200, headers: { 'X-A': ['1', '2'] } } },
        { type: 'Synchronous/Messages', description: 'm' },
      ],
    }))
    expect(v4.interactions.map((i) => i.kind)).toEqual(['http', 'message'])
    expect(v4.interactions[0]).toMatchObject({ request: { body: { a: 1 } }, response: { headers: [['X-A', '1, 2']] } })
    const v3 = parseContract(JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, messages: [{ description: 'e', contents: {} }], metadata: { pactSpecification: { version: '3.0.0' } } }))
    expect(v3.interactions).toMatchObject([{ description: 'e', kind: 'message' }])
  })

  test('interactions are located at their own line', () => {
    const text = '{\n  "interactions": [\n    {\n      "description": "one",\n      "request": {"path": "/"},\n      "response": {"status": 200}\n    },\n    {\n      "description": "two",\n      "request": {"path": "/"},\n      "response": {"status": 200}\n    }\n  ]\n}'
    expect(parseContract(text).interactions.map((i) => [i.description, i.line])).toEqual([['one', 3], ['two', 8]])
  })

  test('a file that is not a contract says what a contract needs', () => {
    expect(() => parseContract('[1]')).toThrow(new ContractFileError('a contract must be a JSON object (a simple contract or a Pact file)', 1))
    expect(() => parseContract('{"name": "x"}')).toThrow(/a simple contract needs "request" and "response", or an "interactions" array/)
    expect(() => parseContract('{\n"a": \n')).toThrow(ContractFileError)
  })
})
