// When a trace is read (generated-test-harness/conformance.ts): a small one (≤ 128 KiB) as its module is
// collected, a large one only when one of its rule tests runs, so a `-t` that filters a large trace's
// tests out never pays for its check. Which traces were read is seen from the spec's own parseEvent,
// which notes each trace's first event in a file.
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { runFixture } from './run-fixture.ts'

let project: HostileProject
const mark = () => path.join(project.dir, 'read.log')
const readTraces = (): string[] => {
  try {
    return readFileSync(mark(), 'utf8').split('\n').filter(Boolean).sort()
  } catch {
    return []
  }
}

beforeAll(() => {
  project = hostileProject(undefined, 'read-ahead')
  project.write(
    'vitest.config.ts',
    `import { defineConfig } from 'vitest/config'
import { specCi } from 'vitest-spec-ci'
export default defineConfig({ plugins: [specCi({ conformance: { traces: [{ include: 'traces/**', spec: 'specs/marking.mjs' }] } })] })
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
    if (raw.first === true) appendFileSync(process.env.SPEC_CI_READ_MARK, raw.key + '\\n')
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
  const line = (key: string, extra: object = {}) => JSON.stringify({ type: 'ok', key, ...extra })
  project.write('traces/small.ndjson', `${line('small', { first: true })}\n${line('small')}\n`)
  // ~200 KB: past the read-ahead bound.
  project.write('traces/large.ndjson', `${line('large', { first: true })}\n${Array.from({ length: 2000 }, () => line('large', { padding: 'x'.repeat(80) })).join('\n')}\n`)
})
afterAll(() => {
  delete process.env.SPEC_CI_READ_MARK
  project.remove()
})

async function runFiltered(pattern: string) {
  rmSync(mark(), { force: true })
  process.env.SPEC_CI_READ_MARK = mark()
  return project.guard(() => runFixture(project.name, { testNamePattern: pattern }), { allowChanged: ['read.log'] })
}

test('a large trace whose rule tests are all filtered out is never read; the small one is read ahead and passes', async () => {
  const run = await runFiltered('small')
  expect(run.cases.filter((c) => c.file.endsWith('small.ndjson')).map((c) => c.state)).toEqual(['passed', 'passed'])
  expect(run.cases.filter((c) => c.file.endsWith('large.ndjson')).map((c) => c.state)).toEqual(['skipped', 'skipped'])
  expect(readTraces()).toEqual(['small'])
})

test('a large trace is read once one of its rule tests runs; a small one is read ahead even when its tests are filtered out', async () => {
  const run = await runFiltered('large')
  expect(run.cases.filter((c) => c.file.endsWith('large.ndjson')).map((c) => c.state)).toEqual(['passed', 'passed'])
  expect(run.cases.filter((c) => c.file.endsWith('small.ndjson')).map((c) => c.state)).toEqual(['skipped', 'skipped'])
  expect(readTraces()).toEqual(['large', 'small'])
})
