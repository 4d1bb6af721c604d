import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { constants, createGzip } from 'node:zlib'

/**
 * Writes a gzip file that decompresses to `mebibytes` MiB of `byte` (line breaks by default), streamed
 * through zlib so neither side is ever held: 256 MiB of line breaks take some 150 ms and 260 KB.
 */
export async function writeGzipBomb(file: string, mebibytes: number, byte = 0x0a): Promise<string> {
  const block = Buffer.alloc(1 << 20, byte)
  function* blocks(): Generator<Buffer> {
    for (let i = 0; i < mebibytes; i++) yield block
  }
  await pipeline(Readable.from(blocks()), createGzip({ level: 9, strategy: constants.Z_RLE }), createWriteStream(file))
  return file
}
