import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test, vi } from 'vitest'
import { SpecRuntimeError, TraceCheckStoppedError } from '../../../src/conformance/check-errors.ts'
import { checkRecords } from '../../../src/conformance/check-trace.ts'
import { defineSpec } from '../../../src/spec-model/define-spec.ts'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import type { TraceRecord } from '../../../src/trace/types.ts'
import { openTrace } from '../../../src/trace/open-trace.ts'
import { recordsOf } from '../built-in-specs/records.ts'
import { writeGzipBomb } from '../trace/gzip-bomb.ts'
import { projectionRecord } from '../../../src/spec-model/projection-record.ts'

const success = (key: string) => ({ type: 'success', key })

/** A spec that spends at least `ms` of clock time on every event, by design. */
const slowSpec = (ms: number) =>
  defineSpec<{ type: string; key: string }, null, object>({
    name: 'slow',
    defaultOptions: {},
    rules: {},
    parseEvent: (raw) => ({ ok: true, event: { type: String(raw.type), key: String(raw.key) } }),
    initialState: () => null,
    apply(state) {
      const until = performance.now() + ms
      while (performance.now() < until) {
        // busy on purpose
      }
      return state
    },
  })

/** Batches as a trace reader hands them out; the last batch is never delivered, and `closed` says whether the reader was closed. */
function batchesThenStall(batches: TraceRecord[][]) {
  const state = { closed: false }
  const source = {
    batches: (): AsyncIterable<readonly TraceRecord[]> => ({
      [Symbol.asyncIterator]() {
        let i = 0
        return {
          next: () => (i < batches.length ? Promise.resolve({ value: batches[i++]!, done: false as const }) : new Promise<never>(() => {})),
          return: () => {
            state.closed = true
            return Promise.resolve({ value: undefined, done: true as const })
          },
        }
      },
    }),
  }
  return { source, state }
}

const events = (from: number, n: number): TraceRecord[] => Array.from({ length: n }, (_, i) => ({ kind: 'event', line: from + i, event: success(`k${from + i}`) }))

describe('checkRecords stops at its time limit or signal, naming the last line checked', () => {
  test('a spec slower than the time limit stops after the batch that ran past it', async () => {
    const records = { batches: async function* () { yield events(1, 3); yield events(4, 3) } }
    const error = await checkRecords(slowSpec(2), records, { timeout: 1 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TraceCheckStoppedError)
    // 1 ms is up after the first event at the latest: it stops before the first batch or right after it.
    expect(error).toMatchObject({ stop: { kind: 'timeout', timeout: 1 } })
    expect([0, 3]).toContain((error as TraceCheckStoppedError).line)
    expect((error as Error).message).toMatch(/^the check stopped (after line 3|before its first record): its time limit of 1 ms ran out$/)
  })

  test('one huge batch (an OTLP document’s events come all at once) is stopped within, every 1024 records', async () => {
    const records = { batches: async function* () { yield events(1, 3000) } }
    const error = await checkRecords(slowSpec(0.01), records, { timeout: 1 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'TraceCheckStoppedError', stop: { kind: 'timeout' } })
    // 1024 events take at least 10 ms: it stops before the batch or after its first 1024 records.
    expect([0, 1024]).toContain((error as TraceCheckStoppedError).line)
  })

  test('a reader that yields nothing more is left when the time is up, and closed', async () => {
    const { source, state } = batchesThenStall([events(1, 2)])
    const error = await checkRecords(kvonce, source, { timeout: 20 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'TraceCheckStoppedError', line: 2, stop: { kind: 'timeout' } })
    expect(state.closed).toBe(true)
  })

  test('a real trace left at its time limit in the middle of a long run of blank lines is closed then, not when the run ends', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-limit-'))
    try {
      // 64 MiB of line breaks: one long read that yields no record until its end.
      const trace = await openTrace(await writeGzipBomb(path.join(dir, 'blank.ndjson.gz'), 64))
      const close = vi.spyOn(trace, 'close')
      const error = await checkRecords(kvonce, trace, { timeout: 1 }).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'TraceCheckStoppedError', stop: { kind: 'timeout' } })
      expect(close).toHaveBeenCalledTimes(1)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('an abort while waiting for the reader stops the check with the reason', async () => {
    const { source, state } = batchesThenStall([events(1, 5)])
    const controller = new AbortController()
    const checking = checkRecords(kvonce, source, { signal: controller.signal }).catch((e: unknown) => e)
    setImmediate(() => controller.abort(new Error('rule test gave up')))
    const error = await checking
    expect(error).toMatchObject({ name: 'TraceCheckStoppedError', line: 5, message: 'the check stopped after line 5: it was aborted (rule test gave up)' })
    expect(state.closed).toBe(true)
  })

  test('an already aborted signal stops before the first record', async () => {
    const error = await checkRecords(kvonce, recordsOf([success('a')]), { signal: AbortSignal.abort() }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'TraceCheckStoppedError', line: 0, message: expect.stringContaining('before its first record') })
  })

  test('within the limit the verdict is the same as without one', async () => {
    const lines = [success('a'), success('a'), { type: 'retry', key: 'b' }]
    const plain = (r: Awaited<ReturnType<typeof checkRecords>>) => ({ ...r, projection: projectionRecord(r.projection) })
    const limited = await checkRecords(kvonce, recordsOf(lines), { timeout: 60_000, signal: new AbortController().signal })
    expect(plain(limited)).toEqual(plain(await checkRecords(kvonce, recordsOf(lines))))
  })

  test('a timeout that is not a positive number is refused', async () => {
    await expect(checkRecords(kvonce, recordsOf([]), { timeout: 0 })).rejects.toThrow('checkRecords: timeout is 0; expected a positive number of milliseconds')
  })
})

test('a spec that throws fails the check with its message and the line it was checking', async () => {
  const throwing = defineSpec<{ type: string; key: string }, null, object>({
    name: 'throwing',
    defaultOptions: {},
    rules: {},
    parseEvent: (raw) => ({ ok: true, event: { type: String(raw.type), key: String(raw.key) } }),
    initialState: () => null,
    apply(state, event) {
      if (event.key === 'bad') throw new TypeError('cannot read "x" of undefined')
      return state
    },
  })
  const error = await checkRecords(throwing, recordsOf([success('a'), success('b'), success('bad')])).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(SpecRuntimeError)
  expect(error).toMatchObject({ line: 3, message: 'spec "throwing" threw while checking line 3: cannot read "x" of undefined' })
})
