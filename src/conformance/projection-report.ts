import { StreamedObject, stringifyNested } from '../json/report-chunks.ts'
import { perKeyEntry, projectionRecord } from '../spec-model/projection-record.ts'
import type { PerKeyFigures, Projection } from '../spec-model/types.ts'
import type { TraceFormat } from '../trace/types.ts'

/**
 * The origin's `<name>-projection.json` as `reportChunks` writes it: `{ format, ...fields, perKey }`, the
 * same text as `stringifyReport` of the plain object, with `perKey` made an entry at a time from the
 * checker's tables. A counts-only entry is written as text directly: building and JSON.stringify-ing an
 * object per key measured 150–340 ms for 286,000 keys, the text 30–60 ms.
 * One difference from the plain object: with `partitionBy`, a key literally named `k (p)` and key `k` of
 * partition `p` are two entries of the same name here, where the object keeps only the later one.
 */
export function projectionReport(format: TraceFormat, projection: Projection): Record<string, unknown> {
  return { format, ...projection.fields, perKey: perKeyObject(projection) }
}

function perKeyObject(projection: Projection): StreamedObject {
  const figures = projection.perKey
  const columns = figures.columns.map((name) => JSON.stringify(name))
  return new StreamedObject(
    figures.size,
    (index) => figures.key(index),
    (index, indent) => {
      const extra = figures.extra(index)
      return extra === undefined ? countsText(figures, columns, index, indent) : stringifyNested(perKeyEntry(figures, index, extra), indent)
    },
    () => projectionRecord(projection).perKey as Record<string, unknown>,
  )
}

/** `{ "<column>": n, … }` of the non-zero counts, nested at `indent`, as JSON.stringify(…, 2) would write it. */
function countsText(figures: PerKeyFigures, columns: readonly string[], index: number, indent: string): string {
  let text = ''
  for (let column = 0; column < columns.length; column++) {
    const n = figures.count(index, column)
    if (n > 0) text += `${text === '' ? '' : ','}\n${indent}  ${columns[column]!}: ${n}`
  }
  return text === '' ? '{}' : `{${text}\n${indent}}`
}
