import { expect, test } from 'vitest'
import { decodeContract, encodeContract } from '../../../src/contract/contract-codec.ts'
import { parseContract } from '../../../src/contract/parse-contract.ts'
import { NO_BODY } from '../../../src/contract/types.ts'

test('a parsed contract survives the trip to the worker: absent bodies stay absent, "__proto__" stays data', () => {
  const parsed = parseContract(
    '{ "id": "kv", "description": "read a key", "request": { "method": "GET", "path": "/kv/a" },' +
      ' "response": { "status": 200, "body": { "__proto__": { "polluted": true }, "value": "x" } } }',
  )
  const decoded = decodeContract(encodeContract(parsed))
  expect(decoded).toEqual(parsed)
  expect(decoded.interactions[0]!.request!.body).toBe(NO_BODY)
  const body = decoded.interactions[0]!.response!.body as Record<string, unknown>
  expect(Object.keys(body)).toEqual(['__proto__', 'value'])
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})
