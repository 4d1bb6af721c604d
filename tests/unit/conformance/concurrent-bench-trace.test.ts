// The bench's concurrent KvOnce trace (bench/make-concurrent-kvonce-trace.mjs), small: valid by
// construction, its windows really need reordering, and its sequential replay checks the same events.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { makeConcurrentKvOnceTrace } from '../../../bench/make-concurrent-kvonce-trace.mjs'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import { checkTraceFile } from '../../../src/conformance/check-trace.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-concurrent-bench-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const violations = (result: Awaited<ReturnType<typeof checkTraceFile>>) => Object.fromEntries(result.rules.filter((r) => r.count > 0).map((r) => [r.rule, r.count]))
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)

test('the concurrent trace and its sequential replay: the same events, no violation; taken in start order as points, it fails', async () => {
  const { concurrent, sequential, events } = await makeConcurrentKvOnceTrace(dir, { events: 2000, keys: 200 })
  const c = await checkTraceFile(concurrent, kvonce)
  const s = await checkTraceFile(sequential, kvonce)
  expect([c.events, s.events, events]).toEqual([2000, 2000, 2000])
  expect(violations(c)).toEqual({})
  expect(violations(s)).toEqual({})
  const strip = ({ start: _s, end: _e, timestamp: _t, ...rest }: Record<string, unknown>) => JSON.stringify(rest)
  expect(lines(concurrent).map(strip).sort()).toEqual(lines(sequential).map(strip).sort())
  // Up to 8 overlapping writers of a key, losers often starting first: read as points at their starts
  // (the replay without concurrency), the losers come before the success.
  const points = lines(concurrent).map(({ start, end: _e, ...rest }) => JSON.stringify({ ...rest, timestamp: start }))
  const asPoints = path.join(dir, 'as-points.ndjson')
  writeFileSync(asPoints, `${points.join('\n')}\n`)
  expect(Object.keys(violations(await checkTraceFile(asPoints, kvonce)))).toEqual(['duplicate-without-success'])
})
