import { constants } from 'node:fs'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import path from 'node:path'

/**
 * Appends whole lines to a file, one at a time, each flushed to disk (`fdatasync`) before its promise
 * resolves: a line the caller acknowledges after `append` is on disk, and a line whose write failed is
 * cut off again, so the file never holds half a line. Lines are queued, never interleaved.
 */
export class JsonlAppender {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly handle: FileHandle,
    private size: number,
    private readonly sync: boolean,
  ) {}

  /**
   * `exclusive`: the file must not exist yet (O_CREAT|O_EXCL|O_NOFOLLOW: a name planted there, a link
   * included, fails the open instead of being written through).
   */
  static async open(file: string, options: { sync?: boolean; exclusive?: boolean } = {}): Promise<JsonlAppender> {
    await mkdir(path.dirname(file), { recursive: true })
    const handle = options.exclusive
      ? await open(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666)
      : await open(file, 'a+')
    try {
      const { size } = await handle.stat()
      const appender = new JsonlAppender(handle, size, options.sync ?? true)
      // A file left without its last line break (another writer, a crash) gets one, so lines stay lines.
      if (size > 0) {
        const last = Buffer.alloc(1)
        await handle.read(last, 0, 1, size - 1)
        if (last[0] !== 0x0a) await appender.append('')
      }
      return appender
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  /** Appends `line` and a line break; resolves once they are on disk. */
  append(line: string): Promise<void> {
    const next = this.queue.then(() => this.write(Buffer.from(`${line}\n`)))
    this.queue = next.catch(() => undefined)
    return next
  }

  private async write(bytes: Buffer): Promise<void> {
    try {
      let offset = 0
      while (offset < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset)
        offset += bytesWritten
      }
      if (this.sync) await this.handle.datasync()
      this.size += bytes.length
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined)
      throw error
    }
  }

  /** Waits for queued lines, then closes the file. */
  async close(): Promise<void> {
    await this.queue
    await this.handle.close()
  }
}
