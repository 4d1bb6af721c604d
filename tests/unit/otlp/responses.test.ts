import { describe, expect, test } from 'vitest'
import { exportResponse, statusResponse } from '../../../src/otlp/responses.ts'

describe('OTLP/HTTP response bodies', () => {
  test('a full success is {} in JSON and the empty message in protobuf', () => {
    expect(exportResponse('json', 0, '')).toEqual({ contentType: 'application/json', body: Buffer.from('{}') })
    expect(exportResponse('protobuf', 0, '')).toEqual({ contentType: 'application/x-protobuf', body: Buffer.alloc(0) })
  })

  test('a partial success carries rejectedSpans (int64: a string in JSON, a varint in protobuf) and errorMessage', () => {
    expect(JSON.parse(exportResponse('json', 300, 'bad').body.toString())).toEqual({ partialSuccess: { rejectedSpans: '300', errorMessage: 'bad' } })
    // field 1 (partial_success, LEN 8) { field 1 varint 300 = ac 02; field 2 (LEN 3) "bad" }
    expect([...exportResponse('protobuf', 300, 'bad').body]).toEqual([0x0a, 0x08, 0x08, 0xac, 0x02, 0x12, 0x03, 0x62, 0x61, 0x64])
  })

  test('a refusal is a google.rpc.Status in the request encoding', () => {
    expect(JSON.parse(statusResponse('json', 3, 'no').body.toString())).toEqual({ code: 3, message: 'no' })
    expect([...statusResponse('protobuf', 3, 'no').body]).toEqual([0x08, 0x03, 0x12, 0x02, 0x6e, 0x6f])
  })
})
