// Cucumber Messages made comparable between two runs of the same sample: what varies by run (ids,
// timestamps, durations, stack traces, the machine in `meta`) is taken out, everything else kept.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const DROPPED = new Set(['timestamp', 'duration', 'stackTrace'])

function isIdKey(key: string): boolean {
  return key === 'id' || key === 'astNodeId' || key.endsWith('Id') || key.endsWith('Ids')
}

/**
 * The envelopes of an NDJSON text with ids renamed `#0`, `#1`, … by order of first appearance (keys
 * visited in sorted order, so the order keys were written in does not matter), `meta` emptied, and
 * timestamps, durations and stack traces removed.
 */
export function normaliseMessages(ndjson: string): Array<Record<string, Json>> {
  const names = new Map<string, string>()
  const name = (id: string) => {
    let n = names.get(id)
    if (n === undefined) {
      n = `#${names.size}`
      names.set(id, n)
    }
    return n
  }
  const walk = (value: Json, key: string | undefined): Json => {
    if (key !== undefined && isIdKey(key)) {
      if (typeof value === 'string') return name(value)
      if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? name(v) : walk(v, undefined)))
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, undefined))
    if (value === null || typeof value !== 'object') return value
    const out: Record<string, Json> = {}
    for (const k of Object.keys(value).sort()) {
      if (DROPPED.has(k)) continue
      out[k] = walk(value[k]!, k)
    }
    return out
  }
  return ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const envelope = JSON.parse(line) as Record<string, Json>
      if ('meta' in envelope) return { meta: {} }
      return walk(envelope, undefined) as Record<string, Json>
    })
}

/** The envelope's one key: `testStepFinished`, `pickle`, … */
export function kindOf(envelope: Record<string, unknown>): string {
  return Object.keys(envelope)[0] ?? ''
}
