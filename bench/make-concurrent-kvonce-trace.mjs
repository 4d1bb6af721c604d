// Writes two KvOnce NDJSON traces of the same `events` events over `keys` keys (10 a key), valid by
// construction:
// - `concurrent`: every event has `start` and `end` (ISO 8601, nanoseconds). Time runs in blocks of
//   20 µs, block k starting key k's window: w = 1 + (k % 8) writers whose intervals all overlap (up to 8
//   concurrent operations of the key), starting 1 µs apart and each lasting 100 µs, so that about 5
//   keys' windows are open at once: one `success` and w - 1 `failure: duplicate`, the success at
//   position (3k) % w, so that losers often start first. Then the key's 10 - w later duplicates, one a
//   block from block k + lag on (default 6: just after its window has ended), each lasting 500 ns. The
//   engine keeps a key's last window until the key's next event, so `lag` sets how many it holds.
// - `sequential`: the sequential replay of the same events: the same lines, each window's events in
//   the order the engine finds for it (the success, then the losers in start order), every event a point
//   `timestamp` of its own, so that no two events overlap.
// Both files are in time order and have `events` events and no violation.
import { createWriteStream, existsSync, statSync } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import path from 'node:path'

const T0_MS = Date.UTC(2025, 9, 4)
const US = 1000

/** ISO 8601 with nine fraction digits, `ns` nanoseconds after T0. */
function iso(ns) {
  const ms = Math.floor(ns / 1e6)
  return `${new Date(T0_MS + ms).toISOString().slice(0, 23)}${String(ns % 1e6).padStart(6, '0')}Z`
}

class Out {
  constructor(file) {
    this.file = file
    this.stream = createWriteStream(file + '.tmp')
    this.chunk = ''
  }
  async line(value) {
    this.chunk += JSON.stringify(value) + '\n'
    if (this.chunk.length > 1 << 20) {
      if (!this.stream.write(this.chunk)) await new Promise((r) => this.stream.once('drain', r))
      this.chunk = ''
    }
  }
  async close() {
    this.stream.write(this.chunk)
    await new Promise((resolve, reject) => this.stream.end((err) => (err ? reject(err) : resolve())))
    await rename(this.file + '.tmp', this.file)
  }
}

export async function makeConcurrentKvOnceTrace(dir, { events = 1_000_000, keys = 100_000, lag = 6 } = {}) {
  const perKey = events / keys
  if (!Number.isInteger(perKey) || perKey < 8) throw new Error('events must be a multiple of keys, at least 8 a key')
  if (!Number.isInteger(lag) || lag < 6) throw new Error('lag must be an integer of at least 6 blocks (a window lasts 5.35)')
  const tag = lag === 6 ? `${events}` : `${events}-lag-${lag}`
  const concurrent = path.join(dir, `kvonce-concurrent-${tag}.ndjson`)
  const sequential = path.join(dir, `kvonce-concurrent-${tag}-sequential.ndjson`)
  if ([concurrent, sequential].every((f) => existsSync(f) && statSync(f).size > 0)) return { concurrent, sequential, events }
  await mkdir(dir, { recursive: true })
  const c = new Out(concurrent)
  const s = new Out(sequential)
  const name = (k) => `key-${k.toString(36).padStart(5, '0')}`
  const width = (k) => 1 + (k % 8)
  const BLOCK = 20 * US
  const LAG = lag
  for (let b = 0; b < keys + LAG + perKey; b++) {
    const base = b * BLOCK
    if (b < keys) {
      // Key b's window, at offsets 0 .. w - 1 µs of its block.
      const key = name(b)
      const w = width(b)
      const winner = (3 * b) % w
      const line = (i) => (i === winner ? { type: 'success', key, value: `value-${b}`, actor: `writer-${i}` } : { type: 'failure', key, reason: 'duplicate', actor: `writer-${i}` })
      for (let i = 0; i < w; i++) await c.line({ ...line(i), start: iso(base + i * US), end: iso(base + (100 + i) * US) })
      // The replay: the success first, then the losers in start order.
      const order = [winner, ...Array.from({ length: w }, (_, i) => i).filter((i) => i !== winner)]
      for (let j = 0; j < w; j++) await s.line({ ...line(order[j]), timestamp: iso(base + j * US) })
    }
    // Later duplicates: the r-th of key b - LAG - r, at offset 8 + r µs.
    for (let r = 0; r < perKey; r++) {
      const k = b - LAG - r
      if (k < 0 || k >= keys || r >= perKey - width(k)) continue
      const t = base + (8 + r) * US
      const line = { type: 'failure', key: name(k), reason: 'duplicate', actor: 'late' }
      await c.line({ ...line, start: iso(t), end: iso(t + 500) })
      await s.line({ ...line, timestamp: iso(t) })
    }
  }
  await c.close()
  await s.close()
  return { concurrent, sequential, events }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '.data')
  const events = Number(process.argv[3] ?? 1_000_000)
  const lag = Number(process.argv[4] ?? 6)
  console.log(JSON.stringify(await makeConcurrentKvOnceTrace(dir, { events, keys: Math.max(1, events / 10), lag })))
}
