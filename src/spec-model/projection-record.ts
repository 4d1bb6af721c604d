import type { PerKeyFigures, Projection } from './types.ts'

/**
 * Entry `index` of the per-key figures as an object (prototype-less: "__proto__" is an ordinary key).
 * `extra`: the entry's further figures when the caller has them already (a spec's `project` runs once).
 */
export function perKeyEntry(figures: PerKeyFigures, index: number, extra = figures.extra(index)): Record<string, unknown> {
  const own: Record<string, unknown> = Object.create(null)
  const columns = figures.columns
  for (let column = 0; column < columns.length; column++) {
    const n = figures.count(index, column)
    if (n > 0) own[columns[column]!] = n
  }
  if (extra !== undefined) Object.assign(own, extra)
  return own
}

/**
 * The projection as one plain object, `{ ...fields, perKey }`, with `perKey` cut to its first `maxKeys`
 * entries and `perKeyTruncated` counting the rest (the totals in `fields` stay exact): for test meta,
 * which crosses worker IPC, and for tests. A report file is written from the projection itself.
 */
export function projectionRecord(projection: Projection, maxKeys = Number.POSITIVE_INFINITY): Record<string, unknown> {
  const figures = projection.perKey
  const kept = Math.min(figures.size, maxKeys)
  const perKey: Record<string, unknown> = Object.create(null)
  for (let index = 0; index < kept; index++) perKey[figures.key(index)] = perKeyEntry(figures, index)
  const record: Record<string, unknown> = { ...projection.fields, perKey }
  if (kept < figures.size) record.perKeyTruncated = figures.size - kept
  return record
}

/** Per-key figures over entries already built (small projections: an operation spec's per-key verdicts). */
export function perKeyOfEntries(entries: ReadonlyArray<readonly [key: string, figures: Readonly<Record<string, unknown>>]>): PerKeyFigures {
  return {
    size: entries.length,
    key: (index) => entries[index]![0],
    columns: [],
    count: () => 0,
    extra: (index) => entries[index]![1],
  }
}
