// Vitest 4.1 reads every test file whole in its main process before running any, and takes a
// `@vitest-environment <name>` or `@module-tag <tag>` anywhere in the text as the file's pragma
// (getSpecificationsOptions). A trace is data, not code: text in its events is never a pragma, and the
// plugin keeps Vitest from reading its input files for them (plugin/skip-pragma-reads.ts). Seen
// in a real run: a trace whose events carry such text runs in the project's own environment, untagged,
// with its own verdicts; so does a gzipped trace, whose bytes Vitest would otherwise read as text, and a
// feature whose doc string carries it.
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { parseFixture, runFixture } from './run-fixture.ts'

let project: HostileProject

beforeAll(() => {
  project = hostileProject(undefined, 'docblock')
  project.write(
    'vitest.config.ts',
    `import { defineConfig } from 'vitest/config'
import { specCiProjects } from 'vitest-spec-ci'
export default defineConfig({
  test: {
    projects: specCiProjects({
      conformance: { traces: [{ include: 'traces/**', spec: 'specs/marking.mjs' }] },
      generate: { features: ['features/**/*.feature'], steps: ['steps/**/*.mjs'] },
    }),
  },
})
`,
  )
  project.write(
    'specs/marking.mjs',
    `import { defineSpec } from 'vitest-spec-ci'
export default defineSpec({
  name: 'marking',
  defaultOptions: {},
  rules: { 'no-bad': { description: 'No event is of type bad.' } },
  parseEvent(raw) {
    return typeof raw.key === 'string' && typeof raw.type === 'string' ? { ok: true, event: { type: raw.type, key: raw.key } } : { ok: false, message: 'expected { type, key }' }
  },
  initialState: () => ({}),
  apply(state, event, ctx) {
    if (event.type === 'bad') ctx.violate('no-bad', 'a bad event')
    // Where the check ran: a browser-like environment would give the worker a window.
    if (typeof window !== 'undefined') ctx.violate('no-bad', 'checked in a browser-like environment')
    return state
  },
})
`,
  )
  // Spelled in pieces: this test file's own text is read by Vitest for pragmas too.
  const pragma = (name: string) => `@${name}`
  const events = (type: string) =>
    [
      { type: 'ok', key: 'a', note: `/** ${pragma('vitest-environment')} jsdom */` },
      { type, key: 'b', note: `// ${pragma('vitest-environment')} happy-dom` },
      { type: 'ok', key: 'c', note: `// ${pragma('module-tag')} nightly` },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n') + '\n'
  project.write('traces/pragmas-ok.ndjson', events('ok'))
  project.write('traces/pragmas-bad.ndjson', events('bad'))
  project.write('traces/pragmas-ok-gzipped.ndjson.gz', gzipSync(events('ok')))
  // A feature's doc string is data too.
  project.write('features/pragmas.feature', `Feature: Pragmas in a doc string\n\n  Scenario: a doc string mentions an environment\n    Given the text:\n      \"\"\"\n      /** ${pragma('vitest-environment')} jsdom */\n      \"\"\"\n`)
  project.write('steps/text.steps.mjs', `import { Given } from 'vitest-spec-ci/bdd'\nGiven('the text:', (world, text) => {\n  if (typeof window !== 'undefined') throw new Error('run in a browser-like environment')\n})\n`)
})
afterAll(() => project.remove())

test('pragma-like text in a trace is data: the trace runs in the project environment, untagged, with its own verdicts', async () => {
  const run = await project.guard(() => runFixture(project.name))
  expect(run.unhandledErrors).toEqual([])
  const verdicts = run.cases.map((c) => `${c.file} > ${c.name.split(' > ').pop()}: ${c.state}`).sort()
  expect(verdicts).toEqual([
    'features/pragmas.feature > a doc string mentions an environment: passed',
    'features/pragmas.feature > step definitions are all used: passed',
    'traces/pragmas-bad.ndjson > rule event-schema: passed',
    'traces/pragmas-bad.ndjson > rule no-bad: failed',
    'traces/pragmas-ok-gzipped.ndjson.gz > rule event-schema: passed',
    'traces/pragmas-ok-gzipped.ndjson.gz > rule no-bad: passed',
    'traces/pragmas-ok.ndjson > rule event-schema: passed',
    'traces/pragmas-ok.ndjson > rule no-bad: passed',
  ])
  expect(run.get('traces/pragmas-bad.ndjson', 'rule no-bad').errors.map((e) => e.message).join('\n')).not.toContain('browser-like')
  for (const module of run.modules) {
    expect(module.project.config.environment).toBe('node')
    for (const test of module.children.allTests()) expect(test.tags, test.fullName).toEqual([])
  }
})

test('static collection (the VS Code explorer) lists the same tests, untagged', async () => {
  const parsed = await parseFixture(project.name)
  const listed = parsed.cases.map((c) => `${c.file} > ${c.name.split(' > ').pop()}`).sort()
  expect(listed).toEqual([
    'features/pragmas.feature > a doc string mentions an environment',
    'features/pragmas.feature > step definitions are all used',
    ...['pragmas-bad.ndjson', 'pragmas-ok-gzipped.ndjson.gz', 'pragmas-ok.ndjson'].flatMap((f) => [`traces/${f} > rule event-schema`, `traces/${f} > rule no-bad`]),
  ])
  for (const module of parsed.modules) for (const test of module.children.allTests()) expect(test.tags, test.fullName).toEqual([])
})
