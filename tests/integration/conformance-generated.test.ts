import { mkdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createVitest } from 'vitest/node'
import { startWatching } from './watch-runs.ts'
import { fixturesDir, runFixture } from './run-fixture.ts'

const root = path.join(fixturesDir, 'conformance-generated')
const traces = path.join(root, 'traces')
const line = (e: object): string => `${JSON.stringify(e)}\n`

beforeAll(() => {
  rmSync(traces, { recursive: true, force: true })
  mkdirSync(traces, { recursive: true })
})
afterAll(() => rmSync(traces, { recursive: true, force: true }))

async function writeHugeLineTrace(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file)
  out.write(line({ type: 'success', key: 'a' }))
  out.write('{"type":"success","key":"huge","value":"')
  const block = 'x'.repeat(1 << 20)
  for (let written = 0; written < bytes; written += block.length) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()))
  out.write('"}\n')
  out.write(line({ type: 'success', key: 'a' }))
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
}

describe('a 100 MB single line', () => {
  test('is reported at its line, skipped without being held whole, and the next line is still checked', async () => {
    await writeHugeLineTrace(path.join(traces, 'huge-line.ndjson'), 100 * 1024 * 1024)
    const run = await runFixture('conformance-generated', { filters: ['traces/huge-line.ndjson'] })
    const schema = run.get('traces/huge-line.ndjson', 'rule event-schema')
    expect(schema.state).toBe('failed')
    expect(schema.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/line 2 is \d+ bytes, over the limit of 16777216 bytes/) })
    expect(run.get('traces/huge-line.ndjson', 'rule multiple-success').errors[0]).toMatchObject({ line: 3 })
    // The module sent to the worker stays small: the trace is streamed there, never inlined (not even
    // as the source map's sourcesContent, which Vite fills from disk when it is left empty).
    const vitest = await createVitest('test', { root, watch: false, reporters: [] })
    try {
      const project = vitest.projects.find((p) => p.name === 'conformance')!
      const served = await project.vite.environments.ssr.transformRequest(path.join(traces, 'huge-line.ndjson'))
      expect(served?.code.length).toBeLessThan(10_000)
      expect(JSON.stringify(served?.map ?? {}).length).toBeLessThan(10_000)
    } finally {
      await vitest.close()
    }
    rmSync(path.join(traces, 'huge-line.ndjson'))
  })
})

describe('watch mode', () => {
  test('editing a trace re-runs that trace only', async () => {
    writeFileSync(path.join(traces, 'watched.ndjson'), line({ type: 'success', key: 'a' }))
    writeFileSync(path.join(traces, 'bystander.ndjson'), line({ type: 'success', key: 'b' }))
    const { vitest, runs, nextRun } = await startWatching(root)
    try {
      expect(runs).toEqual([['bystander.ndjson', 'watched.ndjson']])
      const rerun = nextRun()
      writeFileSync(path.join(traces, 'watched.ndjson'), line({ type: 'success', key: 'a' }) + line({ type: 'success', key: 'a' }))
      await rerun
      expect(runs[1]).toEqual(['watched.ndjson'])
      const failed = vitest.state.getReportedEntity(vitest.state.getFiles().find((f) => f.filepath.endsWith('watched.ndjson'))!)
      expect(failed?.type === 'module' && failed.state()).toBe('failed')
    } finally {
      await vitest.close()
    }
  })
})
