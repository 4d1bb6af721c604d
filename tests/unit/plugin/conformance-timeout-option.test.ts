import { expect, test } from 'vitest'
import { resolveSpecCiOptions } from '../../../plugin/resolve-options.ts'
import type { ConformanceOptions } from '../../../plugin/types.ts'

const groups = (conformance: ConformanceOptions) =>
  resolveSpecCiOptions({ conformance }).conformance!.groups.map((g) => g.timeout)

test('conformance.timeout: 120000 ms by default, set for all traces, and per trace group', () => {
  expect(groups({ traces: ['a/**'] })).toEqual([120_000])
  expect(groups({ traces: ['a/**', { include: 'b/**', timeout: 5 }], timeout: 300_000 })).toEqual([300_000, 5])
})

test('a timeout that is not a positive integer names the option', () => {
  expect(() => groups({ traces: ['a/**'], timeout: 0 })).toThrow('specCi: conformance.timeout is 0; expected a positive integer')
  expect(() => groups({ traces: ['a/**', { include: 'b/**', timeout: 1.5 }] })).toThrow('specCi: conformance.traces[1].timeout is 1.5; expected a positive integer')
})
