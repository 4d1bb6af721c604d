import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { fixturesDir, runFixture, type FixtureRun } from './run-fixture.ts'

const FIXTURE = 'conformance-partition'
/** 1-based line where the span with this id begins (its `{`, two lines above the spanId). */
const spanLine = (file: string, spanId: string): number =>
  readFileSync(path.join(fixturesDir, FIXTURE, file), 'utf8').split('\n').findIndex((l) => l.includes(`"spanId": "${spanId}"`)) - 1

let run: FixtureRun
beforeAll(async () => {
  run = await runFixture(FIXTURE)
})

describe('conformance.partitionBy: one capture, two service instances', () => {
  test('partitioned by service.instance.id, each instance’s first success of "a" is no violation', () => {
    for (const rule of ['multiple-success', 'event-schema']) expect(run.get('traces/two-runs.otlp.json', `rule ${rule}`).state).toBe('passed')
    const meta = run.get('traces/two-runs.otlp.json', 'rule multiple-success').meta.specCi as { trace: { events: number; valid: boolean } }
    expect(meta.trace).toMatchObject({ events: 2, valid: true })
  })

  test('the same capture in a group with partitionBy: [] merges the keys: multiple-success', () => {
    const c = run.get('traces/merged/two-runs.otlp.json', 'rule multiple-success')
    expect(c.state).toBe('failed')
    expect(c.errors[0]!.message).not.toContain('partition')
    expect(c.meta.specCi).toMatchObject({ violations: [{ rule: 'multiple-success', key: 'a' }] })
  })

  test('a violation within one instance fails at its span and names its partition', () => {
    const file = 'traces/bad-run.otlp.json'
    const c = run.get(file, 'rule multiple-success')
    expect(c.state).toBe('failed')
    const line = spanLine(file, 'eee19b7ec3c1b173')
    expect(line).toBeGreaterThan(90)
    expect(c.errors[0]).toMatchObject({ name: 'RuleViolation', file, line })
    expect(c.errors[0]!.message).toContain('second success for key "a"; the first was at line')
    expect(c.errors[0]!.message).toContain('(partition service.instance.id=run-2)')
    expect(c.meta.specCi).toMatchObject({ violations: [{ rule: 'multiple-success', line, key: 'a', partition: 'service.instance.id=run-2' }] })
  })
})
