// Writes a valid KvOnce NDJSON trace of `events` events over `keys` distinct keys (~100 bytes a line).
import { createWriteStream, existsSync, statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'

export async function makeKvOnceTrace(file, { events = 1_000_000, keys = 100_000 } = {}) {
  if (existsSync(file) && statSync(file).size > 0) return file
  await mkdir(path.dirname(file), { recursive: true })
  const out = createWriteStream(file + '.tmp')
  const perKey = Math.ceil(events / keys)
  let written = 0
  let chunk = ''
  const t0 = Date.UTC(2025, 9, 4)
  // Interleave keys so the engine holds every key's state at once, as a real service's log would.
  for (let round = 0; round < perKey && written < events; round++) {
    for (let k = 0; k < keys && written < events; k++) {
      const key = `key-${k.toString(36).padStart(5, '0')}`
      const ts = new Date(t0 + written).toISOString()
      let line
      if (round < 2) line = { timestamp: ts, type: 'retry', key, context: { attempt: round + 1 }, actor: 'bench' }
      else if (round === 2) line = { timestamp: ts, type: 'success', key, value: `value-${k}`, context: { attempt: 3 }, actor: 'bench' }
      else line = { timestamp: ts, type: 'failure', key, reason: 'duplicate', context: { attempt: round - 2 }, actor: 'bench' }
      chunk += JSON.stringify(line) + '\n'
      written++
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await new Promise((r) => out.once('drain', r))
        chunk = ''
      }
    }
  }
  out.write(chunk)
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())))
  const { rename } = await import('node:fs/promises')
  await rename(file + '.tmp', file)
  return file
}
