// Writes a KvOnce NDJSON trace of `count` copies of one event line of one key, plus an optional last
// line, streaming a repeated 1 MiB block (20 M lines in seconds). Reused when it already exists.
import { createWriteStream, existsSync, statSync } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import path from 'node:path'

export async function makeOneKeyTrace(file, { line, count, last }) {
  if (existsSync(file) && statSync(file).size > 0) return file
  await mkdir(path.dirname(file), { recursive: true })
  const out = createWriteStream(file + '.tmp')
  const text = JSON.stringify(line) + '\n'
  const perBlock = Math.max(1, Math.floor((1 << 20) / text.length))
  const block = text.repeat(perBlock)
  let written = 0
  const write = (chunk) => (out.write(chunk) ? undefined : new Promise((resolve) => out.once('drain', resolve)))
  while (written + perBlock <= count) {
    await write(block)
    written += perBlock
  }
  await write(text.repeat(count - written))
  if (last) await write(JSON.stringify(last) + '\n')
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())))
  await rename(file + '.tmp', file)
  return file
}
