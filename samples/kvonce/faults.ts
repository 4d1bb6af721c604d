/**
 * Deterministic transient faults for the sample store: the first `failuresFor(key)` attempts of a key
 * fail, where the count comes from a hash of the key. The same key always fails the same way, so a
 * seed replays the same run, and retries really happen.
 */
export function keyHashFaults(maxFailuresPerKey: number): (key: string, attempt: number) => boolean {
  return (key, attempt) => attempt < failuresFor(key, maxFailuresPerKey)
}

/** FNV-1a over UTF-16 code units: small, stable across Node versions. */
export function failuresFor(key: string, maxFailuresPerKey: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % (maxFailuresPerKey + 1)
}
