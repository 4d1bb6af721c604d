import { expect, test } from 'vitest'
import { specCiProjects } from '../../../plugin/projects.ts'
import { resolveSpecCiOptions } from '../../../plugin/resolve-options.ts'

test("a trace group keeps the top level's specOptions and rules with its spec, leaves them with another spec, and always keeps its timeout", () => {
  const { groups } = resolveSpecCiOptions({
    conformance: {
      specOptions: { maxRetries: 5 },
      rules: { 'retry-context-missing': 'warn' },
      timeout: '3m',
      traces: [
        { include: 'traces/inventory/**', spec: 'inventory', specOptions: { minOnHand: 2 } },
        { include: 'traces/legacy/**', rules: { 'success-attempt-mismatch': 'off' } },
        'traces/**/*.ndjson',
      ],
    },
  }).conformance!
  expect(groups.map(({ spec, specOptions, rules, timeout, path }) => ({ spec, specOptions, rules, timeout, path }))).toEqual([
    { spec: 'inventory', specOptions: { minOnHand: 2 }, rules: {}, timeout: 180_000, path: 'conformance.traces[0]' },
    { spec: 'kvonce', specOptions: { maxRetries: 5 }, rules: { 'retry-context-missing': 'warn', 'success-attempt-mismatch': 'off' }, timeout: 180_000, path: 'conformance.traces[1]' },
    { spec: 'kvonce', specOptions: { maxRetries: 5 }, rules: { 'retry-context-missing': 'warn' }, timeout: 180_000, path: 'conformance' },
  ])
})

test('timeouts given as duration strings are milliseconds once resolved, in every kind', () => {
  const resolved = resolveSpecCiOptions({
    conformance: { traces: ['t/**', { include: 'u/**', timeout: '500ms' }], timeout: '2m' },
    contract: { contracts: ['c/*.json'], provider: { baseUrl: 'http://127.0.0.1:3000', timeout: '8s' } },
    property: { timeout: '90s' },
  })
  expect(resolved.conformance!.groups.map((g) => g.timeout)).toEqual([120_000, 500])
  expect([resolved.contract!.provider.timeoutMs, resolved.contract!.testTimeoutMs, resolved.property!.timeoutMs]).toEqual([8000, 33_000, 90_000])
})

test('generate.exclude keeps files out of the manifests, the features and the step files', () => {
  const { generate } = resolveSpecCiOptions({ generate: { manifests: ['**/*.generate.yml'], features: ['**/*.feature'], steps: ['steps/**/*.ts'], exclude: ['old/**'] } })
  expect([generate!.exclude, generate!.drift!.exclude, generate!.bdd!.exclude]).toEqual([
    ['old/**', '**/node_modules/**'],
    ['old/**', '**/node_modules/**'],
    ['old/**', '**/node_modules/**'],
  ])
  const [project] = specCiProjects({ generate: { manifests: ['**/*.generate.yml'], exclude: ['old/**'] }, report: false })
  expect(project!.test?.exclude).toEqual(['old/**', '**/node_modules/**'])
})

test("the caller's options are left alone", () => {
  const options = { conformance: { traces: ['t/**'], specOptions: { maxRetries: 1 } }, generate: { manifests: ['m.yml'], exclude: ['x/**'] } }
  const copy = structuredClone(options)
  resolveSpecCiOptions(options)
  expect(options).toEqual(copy)
})
