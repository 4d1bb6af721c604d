/** A body passed its cap; `seen` says how it was found (`Content-Length N`, or the bytes read so far). */
export class BodyOverCapError extends Error {
  override name = 'BodyOverCap'
  constructor(readonly maxBytes: number, readonly seen: string) {
    super(`the body is over ${maxBytes} bytes (${seen})`)
  }
}

/**
 * A fetch response's body, read as a stream and abandoned (the connection cancelled) as soon as it
 * passes `maxBytes`: an endless or huge body costs at most `maxBytes` of memory. A declared
 * `Content-Length` over the cap is refused before anything is read. Throws {@link BodyOverCapError};
 * read errors (aborts, resets) are thrown as they come, for the caller to name.
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw new BodyOverCapError(maxBytes, `Content-Length ${declared}`)
  }
  if (!response.body) return Buffer.alloc(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      throw new BodyOverCapError(maxBytes, `stopped reading after ${total} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, total)
}
