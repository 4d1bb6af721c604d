import { constants } from 'node:fs'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import path from 'node:path'

interface PendingLine {
  bytes: Buffer
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Appends whole lines to a file, each flushed to disk (`fdatasync`) before its promise resolves: a line
 * the caller acknowledges after `append` is on disk, and a line whose write failed is cut off again, so
 * the file never holds half a line. Lines are written in the order given, never interleaved. Group
 * commit: lines appended while a write is on its way to disk are written together after it, with one
 * `fdatasync` for all of them (each promise still resolves only once its line is on disk; when such a
 * write fails, every line of it is cut off and rejected).
 */
export class JsonlAppender {
  private pending: PendingLine[] = []
  private flushing: Promise<void> | undefined

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
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ bytes: Buffer.from(`${line}\n`), resolve, reject })
      this.flushing ??= this.flush()
    })
  }

  /** Writes the pending lines a group at a time until none are left. */
  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending
      this.pending = []
      try {
        await this.write(group.length === 1 ? group[0]!.bytes : Buffer.concat(group.map((line) => line.bytes)))
      } catch (error) {
        for (const line of group) line.reject(error)
        continue
      }
      for (const line of group) line.resolve()
    }
    this.flushing = undefined
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
    while (this.flushing !== undefined) await this.flushing
    await this.handle.close()
  }
}
