import { expect, test } from 'vitest'
import { renderTraceModule } from '../../../plugin/conformance/render-trace-module.ts'
import { resolveSpecCiOptions } from '../../../plugin/resolve-options.ts'
import type { ConformanceOptions } from '../../../plugin/types.ts'

const resolved = (conformance: ConformanceOptions) => resolveSpecCiOptions({ conformance }).conformance!
const DEFAULTS = { maxSearchSteps: 100_000, maxWindowEvents: 1000, maxStates: 8 }

test('conformance.concurrency: the engine’s defaults, set for all traces, and each bound inherited one by one by a group, live and remote', () => {
  expect(resolved({ traces: ['a/**'] }).groups.map((g) => g.concurrency)).toEqual([DEFAULTS])
  const o = resolved({
    traces: ['a/**', { include: 'b/**', concurrency: { maxStates: 2 } }, { include: 'c/**', spec: 'inventory', concurrency: { maxWindowEvents: 10 } }],
    concurrency: { maxSearchSteps: 500 },
    live: { concurrency: { maxWindowEvents: 50 } },
    remote: [{ url: 'https://traces.example.com/a.ndjson' }],
  })
  expect(o.groups.map((g) => g.concurrency)).toEqual([
    { ...DEFAULTS, maxSearchSteps: 500 },
    { ...DEFAULTS, maxSearchSteps: 500, maxStates: 2 },
    // Another spec inherits the bounds too: they are the engine's, not the spec's.
    { ...DEFAULTS, maxSearchSteps: 500, maxWindowEvents: 10 },
  ])
  expect(o.live!.concurrency).toEqual({ ...DEFAULTS, maxSearchSteps: 500, maxWindowEvents: 50 })
  expect(o.remote[0]!.concurrency).toEqual({ ...DEFAULTS, maxSearchSteps: 500 })
})

test('a bound that is not a whole number > 0, an unknown bound, or a bound written one level too high is refused, naming the option path', () => {
  expect(() => resolved({ traces: ['a/**'], concurrency: { maxSearchSteps: 0 } })).toThrow(
    'specCi: conformance.concurrency.maxSearchSteps is 0; expected calls of the spec as a whole number > 0 (default 100000)',
  )
  expect(() => resolved({ traces: ['a/**', { include: 'b/**', concurrency: { maxStates: 1.5 } }] })).toThrow(
    'specCi: conformance.traces[1].concurrency.maxStates is 1.5; expected states as a whole number > 0 (default 8)',
  )
  // The default named is the inherited value.
  expect(() => resolved({ traces: [{ include: 'b/**', concurrency: { maxWindowEvents: '5' as never } }], concurrency: { maxWindowEvents: 20 } })).toThrow(
    'specCi: conformance.traces[0].concurrency.maxWindowEvents is "5"; expected events as a whole number > 0 (default 20)',
  )
  expect(() => resolved({ traces: ['a/**'], concurrency: 100 as never })).toThrow(
    'specCi: conformance.concurrency is 100; expected { maxSearchSteps?, maxWindowEvents?, maxStates? }',
  )
  expect(() => resolved({ traces: ['a/**'], concurrency: { maxSteps: 5 } as never })).toThrow(
    'specCi: conformance.concurrency has unknown option "maxSteps"; known options are maxSearchSteps, maxWindowEvents, maxStates',
  )
  expect(() => resolved({ traces: ['a/**'], live: { maxSearchSteps: 5 } as never })).toThrow(
    '"maxSearchSteps" is a bound of the search over overlapping events: write conformance.live.concurrency: { maxSearchSteps: … }',
  )
  expect(() => resolved({ traces: [{ include: 'b/**', maxStates: 5 } as never] })).toThrow(
    'specCi: conformance.traces[0] has unknown option "maxStates"; known options are include, spec, specOptions, rules, timeout, partitionBy, concurrency. "maxStates" is a bound of the search over overlapping events: write conformance.traces[0].concurrency: { maxStates: … }',
  )
})

test('a trace module states the bounds only when they differ from the defaults, and hands them to checkTraceFile', () => {
  const input = {
    file: '/p/t.ndjson',
    displayFile: 't.ndjson',
    harness: '/h/conformance.ts',
    spec: { kind: 'builtin' as const, name: 'kvonce' },
    severities: { 'multiple-success': 'error' as const },
    specOptions: {},
    maxStoredViolations: 1000,
    maxLineBytes: 1,
    maxDecompressedBytes: 1,
    timeout: 1000,
    sidecar: undefined,
  }
  expect(renderTraceModule({ ...input, concurrency: DEFAULTS }).code).not.toContain('concurrency')
  expect(renderTraceModule({ ...input, concurrency: { ...DEFAULTS, maxSearchSteps: 3 } }).code).toContain(
    'concurrency: {"maxSearchSteps":3,"maxWindowEvents":1000,"maxStates":8}',
  )
})
