/**
 * The set of (decided operations, state) pairs a search has explored, as an open hash table in typed
 * arrays: an entry is a few integers and its words in one shared pool, so millions of entries cost no
 * per-entry objects (and no garbage collection) beyond the state keys themselves.
 *
 * An entry's operation set is (`ws`, `words`, `holes`): see {@link PartitionSearch}. `holes` is -1 for
 * a window starting at the lowest undecided operation, else the number of hole indices stored after
 * the words.
 */
export class VisitedCache {
  private buckets: Int32Array
  private mask: number
  private count = 0
  // Small at first: a search over a short partition (most keys of a trace) stores a few entries.
  private entryNext = new Int32Array(16)
  private entryHash = new Int32Array(16)
  private entryWs = new Int32Array(16)
  private entryOffset = new Int32Array(16)
  private entryWords = new Int32Array(16)
  private entryHoles = new Int32Array(16)
  private keys: unknown[] = []
  private pool = new Uint32Array(64)
  private poolUsed = 0

  constructor(private readonly same: (a: unknown, b: unknown) => boolean) {
    this.buckets = new Int32Array(32).fill(-1)
    this.mask = 31
  }

  get size(): number {
    return this.count
  }

  /**
   * Adds the entry unless it is there. `bits[ws .. ws + width)` are its words, `holes[0 .. holeCount)`
   * its holes (`holeCount` -1: none, the other kind of window). Returns true when it was added.
   */
  add(hash: number, ws: number, bits: Uint32Array, width: number, holes: Int32Array, holeCount: number, key: unknown): boolean {
    const { entryNext, entryHash, entryWs, entryOffset, entryWords, entryHoles, pool } = this
    for (let e = this.buckets[hash & this.mask]!; e !== -1; e = entryNext[e]!) {
      if (entryHash[e] !== hash || entryWs[e] !== ws || entryWords[e] !== width || entryHoles[e] !== holeCount) continue
      const off = entryOffset[e]!
      let w = 0
      while (w < width && pool[off + w] === bits[ws + w]) w++
      if (w < width) continue
      let k = 0
      while (k < holeCount && pool[off + width + k] === holes[k]) k++
      if (k < holeCount) continue
      if (this.same(this.keys[e], key)) return false
    }
    this.insert(hash, ws, bits, width, holes, holeCount, key)
    return true
  }

  private insert(hash: number, ws: number, bits: Uint32Array, width: number, holes: Int32Array, holeCount: number, key: unknown): void {
    const e = this.count
    if (e === this.entryNext.length) this.growEntries()
    const need = width + (holeCount > 0 ? holeCount : 0)
    if (this.poolUsed + need > this.pool.length) {
      const grown = new Uint32Array(Math.max(this.pool.length * 2, this.poolUsed + need))
      grown.set(this.pool)
      this.pool = grown
    }
    const off = this.poolUsed
    for (let w = 0; w < width; w++) this.pool[off + w] = bits[ws + w]!
    for (let k = 0; k < holeCount; k++) this.pool[off + width + k] = holes[k]!
    this.poolUsed += need
    this.entryHash[e] = hash
    this.entryWs[e] = ws
    this.entryOffset[e] = off
    this.entryWords[e] = width
    this.entryHoles[e] = holeCount
    this.keys.push(key)
    const b = hash & this.mask
    this.entryNext[e] = this.buckets[b]!
    this.buckets[b] = e
    this.count++
    if (this.count > this.buckets.length * 0.75) this.rehash()
  }

  private growEntries(): void {
    const size = this.entryNext.length * 2
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size)
      b.set(a)
      return b
    }
    this.entryNext = grow(this.entryNext)
    this.entryHash = grow(this.entryHash)
    this.entryWs = grow(this.entryWs)
    this.entryOffset = grow(this.entryOffset)
    this.entryWords = grow(this.entryWords)
    this.entryHoles = grow(this.entryHoles)
  }

  private rehash(): void {
    const size = this.buckets.length * 2
    const buckets = new Int32Array(size).fill(-1)
    const mask = size - 1
    for (let e = 0; e < this.count; e++) {
      const b = this.entryHash[e]! & mask
      this.entryNext[e] = buckets[b]!
      buckets[b] = e
    }
    this.buckets = buckets
    this.mask = mask
  }
}
