import type { PerKeyFigures, Projection } from './types.ts'

/** Entry `index` of the per-key figures as an object (prototype-less: "__proto__" is an ordinary key). */
export function perKeyEntry(figures: PerKeyFigures, index: number): Record<string, unknown> {
  const own: Record<string, unknown> = Object.create(null)
  const columns = figures.columns
  for (let column = 0; column < columns.length; column++) {
    const n = figures.count(index, column)
    if (n > 0) own[columns[column]!] = n
  }
  const extra = figures.extra(index)
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
