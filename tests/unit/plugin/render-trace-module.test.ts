import { expect, test } from 'vitest'
import { renderTraceModule } from '../../../plugin/conformance/render-trace-module.ts'

test('the generated module for a trace is pinned (golden file)', async () => {
  const rendered = renderTraceModule({
    file: '/project/traces/a.ndjson',
    displayFile: 'traces/a.ndjson',
    harness: '/pkg/generated-test-harness/conformance.js',
    spec: { kind: 'builtin', name: 'kvonce' },
    severities: { 'event-schema': 'error', 'multiple-success': 'warn', 'retry-context-missing': 'off' },
    specOptions: { maxRetries: 5 },
    maxStoredViolations: 1000,
    maxLineBytes: 16777216,
    maxDecompressedBytes: 1073741824,
    timeout: 120000,
    sidecar: { id: '/project/traces/a.ndjson.expect.yml?spec-ci-expect&raw', file: '/project/traces/a.ndjson.expect.yml', displayFile: 'traces/a.ndjson.expect.yml' },
  })
  await expect(rendered.code).toMatchFileSnapshot('./__snapshots__/trace-module.golden.js')
  expect(rendered.map.sources).toEqual(['/project/traces/a.ndjson'])
  // every generated line maps to line 1, column 0 of the trace
  expect(rendered.map.mappings.split(';')).toHaveLength(rendered.code.split('\n').length)
  expect(new Set(rendered.map.mappings.split(';'))).toEqual(new Set(['AAAA']))
})

test('a user spec module is imported by the generated module, so editing it re-runs the trace', () => {
  const rendered = renderTraceModule({
    file: '/p/t.ndjson',
    displayFile: 't.ndjson',
    harness: '/h.js',
    spec: { kind: 'module', file: '/p/specs/orders.ts' },
    severities: { 'event-schema': 'error' },
    specOptions: {},
    maxStoredViolations: 1,
    maxLineBytes: 1,
    maxDecompressedBytes: 1073741824,
    timeout: 1,
    sidecar: undefined,
  })
  expect(rendered.code).toContain(`import spec from "/p/specs/orders.ts"`)
  expect(rendered.code).toContain('spec: spec,')
})
