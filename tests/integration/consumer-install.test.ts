import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { listTests, makeConsumer, packPackage, pnpmStoreDir, run, runProject } from './consumer-packages.ts'

/**
 * The packed package installed as a user installs it, in packages outside this repository, against
 * the supported range: Vitest 4.1 with the newest Vite 7 and Vite 8 (a fresh `pnpm add -D vitest`
 * resolves Vite 8), each in a package without "type" and one with "type": "module"; and the newest
 * Vite 6 (the peer range starts at 6.1, where `runnerImport` came) in a package without "type", the
 * case most likely to break. Found with `npm view vite versions`; raise them as new ones come out.
 */
const VITEST = '4.1.12'
const TYPESCRIPT = ['typescript@5.9.3', '@types/node@20.19.43']
const CONSUMERS = [
  { vite: '6.4.6', esm: false },
  { vite: '7.3.8', esm: false },
  { vite: '7.3.8', esm: true },
  { vite: '8.4.0', esm: false },
  { vite: '8.4.0', esm: true },
].map((c) => ({ ...c, kind: c.esm ? 'with "type": "module"' : 'without "type" (pnpm init: vitest.config.ts is bundled as CommonJS)' }))

const expected: Record<string, { files: string[]; title?: string }> = {
  // orders.ndjson is checked by specs/orders.ts: the TypeScript spec module is loaded through Vite's runner.
  conformance: { files: ['traces/kvonce-valid.ndjson', 'traces/orders/orders.ndjson'], title: 'rule paid-twice' },
  generate: { files: ['features/cart.feature', 'notes.generate.yml'], title: 'items add up' },
  property: { files: ['property/kvonce.property.ts'] },
  contract: { files: ['contracts/thing.contract.json'], title: 'the thing is served' },
}
const subpaths = ['vitest-spec-ci', 'vitest-spec-ci/core', 'vitest-spec-ci/specs', 'vitest-spec-ci/reporter', 'vitest-spec-ci/bdd', 'vitest-spec-ci/cucumber', 'vitest-spec-ci/property']

let work = ''
let tarball = ''
let storeDir = ''

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-consumers-'))
  storeDir = await pnpmStoreDir()
  tarball = await packPackage(work)
}, 120_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe.each(CONSUMERS)('Vite $vite, a package $kind', ({ vite, esm }) => {
  let dir = ''

  beforeAll(async () => {
    dir = path.join(work, `vite-${vite}-${esm ? 'esm' : 'no-type'}`)
    mkdirSync(dir)
    await makeConsumer(dir, { tarball, dependencies: [`vitest@${VITEST}`, `vite@${vite}`, ...TYPESCRIPT], esm, storeDir })
    // The peer the package resolves is the consumer's Vite, of the version under test.
    expect(JSON.parse(readFileSync(path.join(dir, 'node_modules/vite/package.json'), 'utf8')).version).toBe(vite)
  }, 300_000)

  test.each(Object.keys(expected))('vitest run --project %s (vitest.config.ts): its inputs run and pass', async (project) => {
    const r = await runProject(dir, project, 'vitest.config.ts')
    expect(r.files, r.output).toEqual(expected[project]!.files)
    expect({ code: r.code, failed: r.failed }, r.output).toEqual({ code: 0, failed: 0 })
    expect(r.passed).toBeGreaterThan(0)
    if (expected[project]!.title) expect(r.titles).toContain(expected[project]!.title)
  })

  // The runs above load vitest.config.ts; the list loads the same config as .mts (always an ES module).
  test('vitest list (vitest.config.mts) lists every spec project', async () => {
    const r = await listTests(dir, 'vitest.config.mts')
    expect(r.code, r.output).toBe(0)
    expect(Object.keys(r.projects).sort(), r.output).toEqual(Object.keys(expected).sort())
  })

  test('spec-ci trace validate --spec specs/orders.ts: the CLI loads the TypeScript spec', async () => {
    const r = await run(path.join(dir, 'node_modules/.bin/spec-ci'), ['trace', 'validate', 'traces/orders/orders.ndjson', '--spec', 'specs/orders.ts'], dir)
    expect(r.output).toContain('traces/orders/orders.ndjson: valid (orders, ndjson, 3 events)')
    expect(r.code, r.output).toBe(0)
  })

  test(`tsc --noEmit (${esm ? 'Bundler' : 'NodeNext'} resolution) over the config and a file importing every subpath`, async () => {
    const r = await run(process.execPath, [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', '.'], dir)
    expect(r.output).toBe('')
    expect(r.code).toBe(0)
  })

  test.runIf(!esm)('require() of every subpath gives its ES module (Node require(esm), no top-level await)', async () => {
    const script = `for (const s of ${JSON.stringify(subpaths)}) console.log(s, Object.keys(require(s)).length > 0)`
    const r = await run(process.execPath, ['-e', script], dir)
    expect(r.output.trim().split('\n')).toEqual(subpaths.map((s) => `${s} true`))
    expect(r.code).toBe(0)
  })
})

describe('a package with vitest-spec-ci alone (no Vitest, so no Vite)', () => {
  let dir = ''

  beforeAll(async () => {
    dir = path.join(work, 'no-vite')
    mkdirSync(dir)
    await makeConsumer(dir, { tarball, dependencies: [], esm: false, storeDir })
  }, 300_000)

  test('spec-ci --spec a JavaScript module needs no Vite', async () => {
    const r = await run(path.join(dir, 'node_modules/.bin/spec-ci'), ['trace', 'validate', 'traces/orders/orders.ndjson', '--spec', 'specs/orders.mjs'], dir)
    expect(r.output).toContain('traces/orders/orders.ndjson: valid (orders, ndjson, 3 events)')
    expect(r.code, r.output).toBe(0)
  })

  test('spec-ci --spec a TypeScript module says to install Vitest (exit 2)', async () => {
    const r = await run(path.join(dir, 'node_modules/.bin/spec-ci'), ['trace', 'validate', 'traces/orders/orders.ndjson', '--spec', 'specs/orders.ts'], dir)
    expect(r.output).toContain(`spec-ci: --spec specs/orders.ts: cannot load ${path.join(dir, 'specs/orders.ts')}: a TypeScript spec module is loaded through Vite`)
    expect(r.output).toContain('pnpm add -D vitest')
    expect(r.code).toBe(2)
  })
})
