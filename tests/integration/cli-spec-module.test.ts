import path from 'node:path'
import { expect, test } from 'vitest'
import { fixturesDir } from './run-fixture.ts'
import { runSpecCi } from './run-cli.ts'

const cwd = path.join(fixturesDir, 'conformance-features')

// Node 20 cannot import .ts: the CLI loads a TypeScript spec through Vite's runner, as the plugin does.
test('spec-ci trace validate --spec a TypeScript module loads it as the conformance project does', async () => {
  const out = path.join(cwd, 'hermetic-reports/cli-spec-module')
  const r = await runSpecCi(['trace', 'validate', 'traces/custom/orders.ndjson', '--spec', 'specs/orders.ts', '--out', out], { cwd })
  expect(r.stderr).toBe('')
  expect(r.stdout).toContain('traces/custom/orders.ndjson: invalid (orders, ndjson, 3 events)')
  expect(r.stdout).toContain('traces/custom/orders.ndjson:3 "o1" — order o1 paid again')
  expect(r.code).toBe(1)
})

test('spec-ci --spec a TypeScript module that is no spec model: exit 2 naming the file', async () => {
  const r = await runSpecCi(['trace', 'validate', 'traces/custom/orders.ndjson', '--spec', 'vitest.config.ts', '--out', path.join(cwd, 'hermetic-reports/cli-spec-module')], { cwd })
  expect(r.stderr).toContain(`--spec vitest.config.ts: ${path.join(cwd, 'vitest.config.ts')} must default-export a spec model made with defineSpec(...)`)
  expect(r.code).toBe(2)
})
