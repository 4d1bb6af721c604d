// The trace modules are transformed in the main process ahead of the worker (plugin/warm-test-modules.ts),
// seen in a real run: one log that the main process appends to as Vite transforms each trace module (a
// plugin of the fixture, after ours) and the worker appends to as it reads each trace (the spec's
// parseEvent, at a trace's first event). With one worker, a module asked for by the worker is transformed
// only after the trace before it was read: without the warm-up the log alternates, never two transforms
// ahead of the reads.
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { runFixture } from './run-fixture.ts'

const TRACES = 20
let project: HostileProject
const log = () => path.join(project.dir, 'order.log')

beforeAll(() => {
  project = hostileProject(undefined, 'warm-up')
  project.write(
    'vitest.config.ts',
    `import { appendFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import { specCiProjects } from 'vitest-spec-ci'
const [conformance] = specCiProjects({ conformance: { traces: [{ include: 'traces/**', spec: 'specs/marking.mjs' }] } })
conformance.test = { ...conformance.test, maxWorkers: 1 }
conformance.plugins.push({
  name: 'log-trace-transforms',
  enforce: 'post',
  transform(_code, id) {
    if (id.includes('?spec-ci-trace')) appendFileSync(process.env.SPEC_CI_ORDER_LOG, 'transform ' + id.split('/').pop().split('?')[0] + '\\n')
  },
})
export default defineConfig({ test: { projects: [conformance] } })
`,
  )
  project.write(
    'specs/marking.mjs',
    `import { appendFileSync } from 'node:fs'
import { defineSpec } from 'vitest-spec-ci'
export default defineSpec({
  name: 'marking',
  defaultOptions: {},
  rules: { 'no-bad': { description: 'No event is of type bad.' } },
  parseEvent(raw) {
    if (raw.first === true) appendFileSync(process.env.SPEC_CI_ORDER_LOG, 'read ' + raw.key + '.ndjson\\n')
    return typeof raw.key === 'string' && typeof raw.type === 'string' ? { ok: true, event: { type: raw.type, key: raw.key } } : { ok: false, message: 'expected { type, key }' }
  },
  initialState: () => ({}),
  apply(state, event, ctx) {
    if (event.type === 'bad') ctx.violate('no-bad', 'a bad event')
    return state
  },
})
`,
  )
  for (let n = 0; n < TRACES; n++) {
    const key = `t${String(n).padStart(2, '0')}`
    project.write(`traces/${key}.ndjson`, `${JSON.stringify({ type: n === 7 ? 'bad' : 'ok', key, first: true })}\n${JSON.stringify({ type: 'ok', key })}\n`)
  }
})
afterAll(() => {
  delete process.env.SPEC_CI_ORDER_LOG
  project.remove()
})

test('the main process transforms trace modules while the worker is still reading earlier traces; verdicts as before', async () => {
  rmSync(log(), { force: true })
  process.env.SPEC_CI_ORDER_LOG = log()
  const run = await project.guard(() => runFixture(project.name), { allowChanged: ['order.log'] })
  // Every rule test has its own trace's verdict (event-schema and no-bad per trace): only t07 holds a bad event.
  expect(run.cases).toHaveLength(2 * TRACES)
  expect(run.cases.filter((c) => c.state === 'failed').map((c) => `${c.file} > ${c.name.split(' > ').pop()}`)).toEqual(['traces/t07.ndjson > rule no-bad'])
  expect(run.cases.filter((c) => c.state === 'passed')).toHaveLength(2 * TRACES - 1)

  const lines = readFileSync(log(), 'utf8').split('\n').filter(Boolean)
  const transformed = lines.filter((l) => l.startsWith('transform ')).map((l) => l.slice('transform '.length))
  const read = lines.filter((l) => l.startsWith('read ')).map((l) => l.slice('read '.length))
  // Each module is transformed once (the worker's request finds it ready) and each trace read once.
  expect([...transformed].sort()).toEqual(Array.from({ length: TRACES }, (_, n) => `t${String(n).padStart(2, '0')}.ndjson`))
  expect([...read].sort()).toEqual([...transformed].sort())
  // How far the transforms ran ahead of the reads, at the furthest.
  let ahead = 0
  let most = 0
  for (const line of lines) {
    ahead += line.startsWith('transform ') ? 1 : -1
    most = Math.max(most, ahead)
  }
  expect(most, lines.join('\n')).toBeGreaterThanOrEqual(2)
})
