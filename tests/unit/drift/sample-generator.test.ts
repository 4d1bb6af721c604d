import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin'
import { IdGenerator } from '@cucumber/messages'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { compareTrees } from '../../../src/drift/compare-trees.ts'
import { runGenerator } from '../../../src/drift/run-generator.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const committed = path.join(root, 'samples/artifacts/kvonce')
let out: string

// The sample generator runs once, as the manifest samples/kvonce.generate.yml runs it.
beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'spec-ci-sample-gen-'))
  const run = await runGenerator('node samples/generator/generate.mjs --spec samples/specs/kvonce.spec.yml --out {out}', { cwd: root, outDir: out, timeoutMs: 30_000 })
  expect(run, run.stderrTail).toMatchObject({ exitCode: 0, timedOut: false })
})
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('the sample KvOnce generator', () => {
  test('produces exactly the committed artifacts, apart from the volatile generatedAt', async () => {
    const result = await compareTrees(committed, out, { ignorePaths: ['generatedAt'] })
    expect(result.generated).toEqual(['kvonce-events.schema.json', 'kvonce.generated.feature', 'manifest.json'])
    expect(result.changes).toEqual([])
  })

  test('its JSON Schema accepts every event of the valid sample trace and rejects malformed events', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(out, 'kvonce-events.schema.json'), 'utf8')) as object)
    const events = readFileSync(path.join(root, 'samples/trace/kvonce-valid.ndjson'), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown)
    expect(events.length).toBeGreaterThan(3)
    for (const event of events) expect(validate(event), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ type: 'bogus', key: 'alpha' })).toBe(false)
    expect(validate({ type: 'success', key: '' })).toBe(false)
    expect(validate({ type: 'success', key: 'alpha', timestamp: 'yesterday' })).toBe(false)
  })

  test('its .feature is valid Gherkin with one scenario per example of the spec', () => {
    const text = readFileSync(path.join(out, 'kvonce.generated.feature'), 'utf8')
    const document = new Parser(new AstBuilder(IdGenerator.uuid()), new GherkinClassicTokenMatcher()).parse(text)
    const scenarios = document.feature!.children.filter((c) => c.scenario).map((c) => c.scenario!.name)
    const spec = parse(readFileSync(path.join(root, 'samples/specs/kvonce.spec.yml'), 'utf8')) as { examples: Array<{ name: string }> }
    expect(scenarios).toEqual(spec.examples.map((e) => e.name))
  })
})
