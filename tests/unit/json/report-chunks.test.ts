import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { writeChunksAtomic } from '../../../src/atomic-write.ts'
import { reportChunks, StreamedObject, stringifyNested } from '../../../src/json/report-chunks.ts'
import { stringifyReport } from '../../../src/json/stringify-report.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'report-chunks-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Values as reports hold them: JSON, bigints, undefined fields, a Date (toJSON); and keys that need escaping.
const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toString', '"', '\n', '\u2028'))
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.bigInt(), fc.constant(undefined), fc.date({ noInvalidDate: true })),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 6 }), fc.dictionary(key, tie('node'), { maxKeys: 6 })),
})).node

describe('reports written in pieces', () => {
  test('the pieces join to exactly what stringifyReport writes, large containers walked entry by entry', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 3 }), (v, streamed) => {
        expect([...reportChunks(v, streamed)].join('')).toBe(stringifyReport(v))
      }),
      { numRuns: 500 },
    )
  })

  test('a projection of many keys: the same bytes through a file, and no piece near the whole size', async () => {
    const perKey = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key-${i}`, { retry: 2, success: 1, attempts: BigInt(i) }]))
    const report = { spec: 'kvonce', events: 15000, perKey }
    const file = path.join(dir, 'projection.json')
    await writeChunksAtomic(file, reportChunks(report))
    const text = stringifyReport(report)
    expect(readFileSync(file, 'utf8')).toBe(text)
    // groups of 1024 entries: no piece holds more than a quarter of the text
    expect(Math.max(...[...reportChunks(report)].map((c) => c.length))).toBeLessThan(text.length / 4)
  })
})

describe('an object streamed while it is written', () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => [i === 7 ? '__proto__' : `k"${i}`, i % 3 === 0 ? undefined : { n: i, big: BigInt(i) }] as const)
  const streamed = (list: ReturnType<typeof entries>) =>
    new StreamedObject(
      list.length,
      (i) => list[i]![0],
      (i, indent) => (list[i]![1] === undefined ? undefined : stringifyNested(list[i]![1], indent)),
      () => Object.fromEntries(list),
    )

  test('writes exactly what stringifyReport writes of the whole object, at any depth, entries left out as undefined values are', () => {
    fc.assert(
      fc.property(fc.nat(3000), fc.nat(3), (n, depth) => {
        const list = entries(n)
        let report: unknown = { format: 'ndjson', perKey: streamed(list) }
        let whole: unknown = { format: 'ndjson', perKey: Object.fromEntries(list) }
        for (let d = 0; d < depth; d++) {
          report = { [`level${d}`]: report, after: d }
          whole = { [`level${d}`]: whole, after: d }
        }
        expect([...reportChunks(report)].join('')).toBe(stringifyReport(whole))
        // JSON.stringify of the report sees the whole object (toJSON)
        expect(stringifyReport(report)).toBe(stringifyReport(whole))
      }),
      { numRuns: 40 },
    )
  })

  test('the text comes in pieces of some 64 KiB, never the whole', () => {
    const list = entries(20_000)
    const pieces = [...reportChunks({ perKey: streamed(list) })]
    const total = pieces.reduce((n, p) => n + p.length, 0)
    expect(total).toBeGreaterThan(400_000)
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(70 * 1024)
  })
})
