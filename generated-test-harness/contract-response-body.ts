/** The provider's response body was larger than `contract.provider.maxBodyBytes`; reading stopped there. */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLarge'
}

/**
 * A response body as text, read as a stream and abandoned (the connection cancelled) as soon as it
 * passes `maxBytes`: an endless or huge body costs at most `maxBytes` of memory, never the worker.
 */
export async function readCappedBody(response: Response, maxBytes: number, what: string): Promise<string> {
  const tooLarge = (seen: string) =>
    new ResponseTooLargeError(`the provider's response to ${what} has a body over ${maxBytes} bytes (${seen}); contract.provider.maxBodyBytes caps it at ${maxBytes}: raise it if such a body is intended`)
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw tooLarge(`Content-Length ${declared}`)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge(`stopped reading after ${total} bytes`)
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks, total))
}
