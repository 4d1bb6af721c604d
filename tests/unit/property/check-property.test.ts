import { expect, test } from 'vitest'
import { checkProperty } from '../../../src/property/check-property.ts'
import { formatPropertyFailure } from '../../../src/property/format-failure.ts'
import type { KvOnceImplementation } from '../../../src/built-in-specs/kvonce/operations.ts'
import { operationPropertyModel } from '../../../src/property/operations/operation-properties.ts'
import type { ImplementationFactory } from '../../../src/property/types.ts'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'

/** A store that forgets it was written: every put succeeds. */
const forgetful: ImplementationFactory<KvOnceImplementation> = ({ emit }) => ({
  async put(key, value) {
    emit({ type: 'success', key, value, context: { attempt: 1 } })
    return 'written'
  },
  async get() {
    return undefined
  },
})

const properties = (implementation: ImplementationFactory<KvOnceImplementation>) =>
  operationPropertyModel.properties({ spec: kvonce, specOptions: { maxRetries: 3 }, implementation: implementation as ImplementationFactory<unknown>, maxCommands: 30, clients: 3, operationsPerClient: 5 })

test('the properties generated from kvonce’s operations are named before anything runs, the same as the ones it builds', () => {
  expect(operationPropertyModel.names(kvonce)).toEqual(properties(forgetful).map((p) => p.name))
})

test('a failing property gives a shrunk counterexample, the rule and the events; the same seed gives the same outcome', async () => {
  const [conforms] = properties(forgetful)
  const first = await checkProperty(conforms!, { seed: 99, numRuns: 50 })
  const second = await checkProperty(properties(forgetful)[0]!, { seed: 99, numRuns: 50 })
  expect(first).toEqual(second)
  expect(first).toMatchObject({ passed: false, seed: 99, numRuns: 50, rule: 'multiple-success' })
  expect(first.counterexample).toMatch(/^put\("(\w)", "v0"\),put\("\1", "v0"\) \/\*replayPath=/)
  const message = formatPropertyFailure(first, 'SPEC_CI_SEED=99 npx vitest run x -t y')
  expect(message.split('\n')[0]).toBe(`Property "emitted events conform to kvonce" failed on run ${first.runs} of 50 (seed 99, shrunk ${first.shrinks} times).`)
  expect(message).toContain('Steps and results:\n  1. put(')
  expect(message.endsWith('Replay: SPEC_CI_SEED=99 npx vitest run x -t y')).toBe(true)
})

test('an implementation that throws fails the property with its error, not a hang or a crash', async () => {
  const throwing: ImplementationFactory<KvOnceImplementation> = () => ({
    put: async () => {
      throw new Error('disk full')
    },
    get: async () => undefined,
  })
  const outcome = await checkProperty(properties(throwing)[1]!, { seed: 1, numRuns: 20 })
  expect(outcome).toMatchObject({ passed: false, rule: 'implementation error', reason: 'the implementation threw: Error: disk full' })
})
