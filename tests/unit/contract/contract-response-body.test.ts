import { describe, expect, test } from 'vitest'
import { readCappedBody, ResponseTooLargeError } from '../../../generated-test-harness/contract-response-body.ts'

/** A response whose body never ends; `pulled` counts the chunks the reader asked for. */
function endless(chunkBytes: number): { response: Response; pulled: () => number; cancelled: () => boolean } {
  let pulls = 0
  let cancelled = false
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls++
      controller.enqueue(new Uint8Array(chunkBytes).fill(97))
    },
    cancel() {
      cancelled = true
    },
  })
  return { response: new Response(stream), pulled: () => pulls, cancelled: () => cancelled }
}

describe('response bodies are read up to a cap', () => {
  test('an endless body stops at the cap: the stream is cancelled and the error names the cap and the option', async () => {
    const body = endless(64 * 1024)
    const reading = readCappedBody(body.response, 1024 * 1024, 'GET http://127.0.0.1/big')
    await expect(reading).rejects.toBeInstanceOf(ResponseTooLargeError)
    await expect(reading).rejects.toThrow(
      "the provider's response to GET http://127.0.0.1/big has a body over 1048576 bytes (stopped reading after 1114112 bytes); contract.provider.maxBodyBytes caps it at 1048576: raise it if such a body is intended",
    )
    expect(body.cancelled()).toBe(true)
    expect(body.pulled()).toBeLessThan(20)
  })

  test('a declared Content-Length over the cap is refused without reading', async () => {
    const response = new Response('x'.repeat(10), { headers: { 'content-length': '10' } })
    await expect(readCappedBody(response, 9, 'GET /x')).rejects.toThrow('has a body over 9 bytes (Content-Length 10)')
  })

  test('a body up to the cap is read whole, as UTF-8', async () => {
    expect(await readCappedBody(new Response('héllo'), 6, 'GET /x')).toBe('héllo')
    expect(await readCappedBody(new Response(null), 6, 'GET /x')).toBe('')
  })
})
