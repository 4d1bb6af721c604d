import { describe, expect, test } from 'vitest'
import type { Reporter, TestSpecification, VitestPluginContext } from 'vitest/node'
import { MODULE_WARMUP, TestModuleWarmup } from '../../../plugin/warm-test-modules.ts'

/**
 * The warm-up's own contract, on a stand-in Vitest and project whose transforms are recorded and
 * resolved by hand: which modules it transforms, in which order, one at a time, and when it stops. Real
 * runs through it are every conformance fixture run (their verdicts must not change).
 */
function setUp() {
  const started: string[] = []
  const pending = new Map<string, { resolve: () => void; reject: (e: Error) => void }>()
  const closers: Array<() => void> = []
  const reporters: unknown[] = []
  const transformRequest = (id: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(id)
      pending.set(id, { resolve, reject })
    })
  const project = { name: 'conformance', vite: { environments: { ssr: { transformRequest } } } }
  const vitest = { config: { reporters }, onClose: (fn: () => void) => closers.push(fn) }
  const warmup = new TestModuleWarmup({ vitest, project } as unknown as Pick<VitestPluginContext, 'vitest' | 'project'>, (id) => id.endsWith('.ndjson'))
  const listener = reporters.find((r) => typeof r === 'object' && r !== null && MODULE_WARMUP in r) as Reporter
  const spec = (moduleId: string, name = 'conformance', pool = 'threads') => ({ moduleId, pool, project: { name } }) as unknown as TestSpecification
  /** Lets the warm-up take its next step (it yields with setImmediate before each transform). */
  const step = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)))
  const finish = async (id: string, error?: Error) => {
    const p = pending.get(id)!
    if (error) p.reject(error)
    else p.resolve()
    await step()
  }
  /** A run starts with these specifications, and the worker asks for its first module. */
  const run = (specs: TestSpecification[]) => {
    listener.onTestRunStart!(specs)
    warmup.begin()
  }
  return { started, listener, warmup, run, spec, step, finish, close: () => closers.forEach((fn) => fn()), reporters }
}

describe('TestModuleWarmup', () => {
  test('transforms the run’s own matching modules in Vitest’s order, one at a time', async () => {
    const w = setUp()
    expect(w.reporters).toHaveLength(1)
    w.listener.onTestRunStart!([w.spec('/p/b.ndjson')])
    await w.step()
    expect(w.started, 'nothing before the project loads its first module').toEqual([])
    w.run([w.spec('/p/b.ndjson'), w.spec('/p/other.ndjson', 'contract'), w.spec('/p/live.otlp.jsonl'), w.spec('/p/x.ndjson', 'conformance', 'browser'), w.spec('/p/a.ndjson')])
    await w.step()
    expect(w.started).toEqual(['/p/b.ndjson'])
    await w.step()
    expect(w.started).toEqual(['/p/b.ndjson'])
    await w.finish('/p/b.ndjson')
    expect(w.started).toEqual(['/p/b.ndjson', '/p/a.ndjson'])
    await w.finish('/p/a.ndjson')
    w.warmup.begin()
    await w.step()
    expect(w.started, 'once per run').toEqual(['/p/b.ndjson', '/p/a.ndjson'])
  })

  test('a failed transform is left to the worker’s request and the pass goes on', async () => {
    const w = setUp()
    w.run([w.spec('/p/a.ndjson'), w.spec('/p/b.ndjson')])
    await w.step()
    await w.finish('/p/a.ndjson', new Error('spec module threw'))
    expect(w.started).toEqual(['/p/a.ndjson', '/p/b.ndjson'])
  })

  test('a new run stops the previous pass, and closing Vitest stops the current one', async () => {
    const w = setUp()
    w.run([w.spec('/p/a.ndjson'), w.spec('/p/b.ndjson')])
    await w.step()
    w.run([w.spec('/p/c.ndjson'), w.spec('/p/d.ndjson')])
    await w.step()
    expect(w.started).toEqual(['/p/a.ndjson', '/p/c.ndjson'])
    await w.finish('/p/a.ndjson')
    expect(w.started).toEqual(['/p/a.ndjson', '/p/c.ndjson'])
    w.close()
    await w.finish('/p/c.ndjson')
    expect(w.started).toEqual(['/p/a.ndjson', '/p/c.ndjson'])
  })
})
