import { BodyOverCapError, readCappedBody as readBodyBytes } from '../src/http/read-capped-body.ts'

/** The provider's response body was larger than `contract.provider.maxBodyBytes`; reading stopped there. */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLarge'
}

/** A response body as text, read with the cap (src/http/read-capped-body.ts); over it, {@link ResponseTooLargeError}. */
export async function readCappedBody(response: Response, maxBytes: number, what: string): Promise<string> {
  return new TextDecoder().decode(await readCappedBytes(response, maxBytes, what))
}

/** The body's bytes, read with the cap; over it, {@link ResponseTooLargeError}. */
export async function readCappedBytes(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  try {
    return await readBodyBytes(response, maxBytes)
  } catch (error) {
    if (!(error instanceof BodyOverCapError)) throw error
    throw new ResponseTooLargeError(`the provider's response to ${what} has a body over ${maxBytes} bytes (${error.seen}); contract.provider.maxBodyBytes caps it at ${maxBytes}: raise it if such a body is intended`)
  }
}
