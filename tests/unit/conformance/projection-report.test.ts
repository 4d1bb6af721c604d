import { describe, expect, test } from 'vitest'
import { projectionReport } from '../../../src/conformance/projection-report.ts'
import { reportChunks } from '../../../src/json/report-chunks.ts'
import { stringifyReport } from '../../../src/json/stringify-report.ts'
import { projectionRecord } from '../../../src/spec-model/projection-record.ts'
import type { Projection } from '../../../src/spec-model/types.ts'

describe('the projection report written from the checker', () => {
  // Counts per column with zeros, further figures on some keys (one named as a column, one a bigint).
  const projection = (calls: { extra: number }): Projection => ({
    fields: { spec: 's', events: 9, keys: 600 },
    perKey: {
      size: 600,
      key: (i) => (i === 3 ? '__proto__' : `k"${i}`),
      columns: ['put', 'get', '__proto__'],
      count: (i, c) => (i + c) % 3,
      extra: (i) => {
        calls.extra++
        return i % 5 === 0 ? { size: BigInt(i), get: 'replaced' } : undefined
      },
    },
  })

  test('is the text stringifyReport writes of the plain object, asking each key for its further figures once', () => {
    const calls = { extra: 0 }
    const text = [...reportChunks(projectionReport('ndjson', projection(calls)))].join('')
    expect(calls.extra).toBe(600)
    expect(text).toBe(stringifyReport({ format: 'ndjson', ...projectionRecord(projection({ extra: 0 })) }))
  })
})
