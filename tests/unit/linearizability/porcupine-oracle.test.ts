import { describe, expect, test } from 'vitest'
import { checkHistory } from '../../../src/linearizability/check-history.ts'
import { kv } from '../../../src/linearizability/models/kv.ts'
import { register } from '../../../src/linearizability/models/register.ts'
import { etcdNames, expected, kvNames, readEtcdLog, readKvHistory } from './porcupine-oracle.ts'

describe("Porcupine's etcd register histories", () => {
  test('there are 102, 23 of them linearizable', () => {
    expect(etcdNames).toHaveLength(102)
    expect(etcdNames.filter((name) => expected[name])).toHaveLength(23)
  })

  test.each(etcdNames)('%s gets the verdict Porcupine gives it', async (name) => {
    const history = await readEtcdLog(name)
    expect(history.findings).toEqual([])
    const result = checkHistory(history.operations, register)
    expect(result.invalid).toEqual([])
    expect(result.verdict).toBe(expected[name] ? 'ok' : 'violation')
  })
})

describe("Porcupine's kv histories", () => {
  test.each(kvNames)('%s gets the verdict Porcupine gives it', async (name) => {
    const history = await readKvHistory(name)
    expect(history.findings).toEqual([])
    const result = checkHistory(history.operations, kv)
    expect(result.invalid).toEqual([])
    expect(result.verdict).toBe(expected[name] ? 'ok' : 'violation')
  })
})

describe('a violation in an oracle history', () => {
  test('is located at the completion line of the operation that cannot be placed', async () => {
    const history = await readEtcdLog('jepsen/etcd_000.log')
    const partition = checkHistory(history.operations, register).partitions[0]!
    const violation = partition.violation!
    // line 85 invokes a read; line 86 returns 2, which no order of the concurrent writes allows
    expect(violation.operation).toEqual({ id: 85, line: 86, callLine: 85, description: 'read() -> 2' })
    expect(violation.candidates.map((c) => [c.id, c.outcome])).toEqual([[85, 'rejected']])
    expect(violation.state).toBe('0')
    // the longest prefix is an order of the operations that fit, each placed once
    expect(new Set(violation.longestPrefix).size).toBe(violation.longestPrefix.length)
    expect(violation.longestPrefix).toHaveLength(43)
  })

  test('c50-bad: the first key that cannot be ordered decides, the others stay undecided, not ok', async () => {
    const history = await readKvHistory('kv/c50-bad.txt')
    const result = checkHistory(history.operations, kv)
    const verdicts = new Set(result.partitions.map((p) => p.verdict))
    expect(verdicts.has('violation')).toBe(true)
    for (const p of result.partitions) if (p.verdict === 'undecided') expect(p.undecided).toEqual({ reason: 'stopped' })
    // some keys of c50-bad are very hard: searched on, they reach the bound, and stay undecided
    const all = checkHistory(history.operations, kv, { onViolation: 'continue', maxSteps: 200_000 })
    expect(all.verdict).toBe('violation')
    expect(all.steps).toBeLessThanOrEqual(200_000)
    expect(all.partitions.filter((p) => p.verdict === 'violation').length).toBeGreaterThanOrEqual(result.partitions.filter((p) => p.verdict === 'violation').length)
    for (const p of all.partitions) if (p.verdict === 'undecided') expect(p.undecided).toEqual({ reason: 'max-steps' })
  })
})
