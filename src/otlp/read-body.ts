import type { IncomingMessage } from 'node:http'
import { createGunzip } from 'node:zlib'

/** Why a body could not be read: `too-large` past the cap, `bad-encoding` for a damaged gzip stream. */
export class BodyReadError extends Error {
  constructor(
    readonly reason: 'too-large' | 'bad-encoding' | 'aborted',
    message: string,
  ) {
    super(message)
  }
}

/**
 * Compressed bytes allowed for a cap of `max` decompressed bytes: gzip can grow incompressible data a
 * little (stored blocks: 5 bytes per 64 KiB, plus header and trailer), never by 1/1000 plus 1 KiB; a
 * stream past that is padding (e.g. empty blocks) and refused before it is decompressed further.
 */
function compressedAllowance(max: number): number {
  return max + Math.ceil(max / 1000) + 1024
}

/**
 * The request's body, decompressed when `gzip`, refused as soon as more than `maxBytes` decompressed
 * bytes have arrived (counted as they arrive, never after buffering the whole). On a refusal the rest of
 * the request is discarded unread, so the caller can still answer on the connection.
 */
export function readBody(req: IncomingMessage, options: { maxBytes: number; gzip: boolean }): Promise<Buffer> {
  const { maxBytes, gzip } = options
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let raw = 0
    let done = false
    const fail = (error: BodyReadError) => {
      if (done) return
      done = true
      chunks.length = 0
      gunzip?.destroy()
      req.unpipe()
      req.removeListener('data', onRaw)
      req.resume()
      reject(error)
    }
    const tooLarge = () => fail(new BodyReadError('too-large', `the body is over the cap of ${maxBytes} bytes${gzip ? ' (decompressed)' : ''}`))
    const onDecoded = (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > maxBytes) return tooLarge()
      chunks.push(chunk)
    }
    const onRaw = (chunk: Buffer) => {
      raw += chunk.length
      if (raw > (gzip ? compressedAllowance(maxBytes) : maxBytes)) tooLarge()
    }
    const finish = () => {
      if (done) return
      done = true
      resolve(Buffer.concat(chunks, size))
    }
    const gunzip = gzip ? createGunzip() : undefined
    req.on('data', onRaw)
    req.on('aborted', () => fail(new BodyReadError('aborted', 'the client aborted the request')))
    req.on('error', () => fail(new BodyReadError('aborted', 'the request stream failed')))
    if (gunzip) {
      gunzip.on('data', onDecoded)
      gunzip.on('error', (error) => fail(new BodyReadError('bad-encoding', `the gzip body cannot be decompressed: ${error.message}`)))
      gunzip.on('end', finish)
      req.pipe(gunzip)
    } else {
      req.on('data', onDecoded)
      req.on('end', finish)
    }
  })
}
