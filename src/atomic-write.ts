import { randomUUID } from 'node:crypto'
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

function tempFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`)
}

/**
 * Writes a file whole or not at all: a reader (or a run cut short) never sees half of it. The temporary
 * file sits beside the target, so the rename stays on one file system. Used for reports and for
 * `vitest -u` rewriting drifted artifacts.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = tempFor(file)
  try {
    await writeFile(temp, content)
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** {@link writeFileAtomic}, synchronously: for a signal handler, where the process exits right after. */
export function writeFileAtomicSync(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const temp = tempFor(file)
  try {
    writeFileSync(temp, content)
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

/** Pieces are gathered up to this many characters before a write. */
const WRITE_BATCH_CHARS = 64 * 1024

/**
 * {@link writeFileAtomic} of text given in pieces (report pieces, NDJSON lines), never held whole: for
 * output of tens of megabytes. The pieces go to the temporary file as they come, gathered into writes of
 * some 64 KiB (waiting when the stream's buffer is full), then the file is renamed into place.
 */
export async function writeChunksAtomic(file: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = tempFor(file)
  const out = createWriteStream(temp, { flags: 'wx' })
  const failed = new Promise<never>((_, reject) => out.once('error', reject))
  failed.catch(() => {})
  try {
    let batch = ''
    for await (const chunk of chunks) {
      batch += chunk
      if (batch.length < WRITE_BATCH_CHARS) continue
      if (!out.write(batch)) await Promise.race([once(out, 'drain'), failed])
      batch = ''
    }
    await Promise.race([new Promise<void>((resolve) => out.end(batch, resolve)), failed])
    await rename(temp, file)
  } catch (error) {
    out.destroy()
    // The stream may still be opening (creating) the temporary file: removed before that, it would
    // appear afterwards and stay. 'close' comes once the file is open and closed again.
    if (!out.closed) await once(out, 'close').catch(() => {})
    await rm(temp, { force: true })
    throw error
  }
}
