import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { encodeOtlpProtobuf } from '../unit/trace/otlp-protobuf-encode.ts'
import { traces } from './protobuf-traces.ts'
import { runSpecCi } from './run-cli.ts'
import { fixturesDir, runFixture, type FixtureRun } from './run-fixture.ts'

const RULES = ['event-schema', 'multiple-success', 'duplicate-without-success', 'retry-bound-exceeded', 'retry-attempt-out-of-sequence', 'retry-context-missing', 'success-attempt-mismatch']
const tracesDir = path.join(fixturesDir, 'conformance-protobuf/traces')

/** The fixture's traces, written from their OTLP JSON spans (the same bytes each time), plus one cut short. */
function writeTraces(): void {
  for (const [name, document] of Object.entries(traces)) {
    const bytes = Buffer.from(encodeOtlpProtobuf(document))
    writeFileSync(path.join(tracesDir, name), name.endsWith('.gz') ? gzipSync(bytes, { level: 9 }) : bytes)
  }
  const valid = encodeOtlpProtobuf(traces['valid.pb'])
  writeFileSync(path.join(tracesDir, 'damaged.pb'), valid.subarray(0, valid.length - 20))
}

describe('OTLP protobuf traces through real Vitest (a binary trace has no lines: every finding is at line 1)', () => {
  let run: FixtureRun
  beforeAll(async () => {
    writeTraces()
    run = await runFixture('conformance-protobuf')
  })

  for (const file of ['traces/valid.pb', 'traces/valid.binpb.gz']) {
    test(`${file} passes every rule`, () => {
      const cases = run.cases.filter((c) => c.file === file)
      expect(cases.map((c) => c.name.split(' > ')[1])).toEqual(RULES.map((rule) => `rule ${rule}`))
      expect(cases.filter((c) => c.state !== 'passed')).toEqual([])
      expect(cases[0]!.meta.specCi).toMatchObject({ trace: { file, spec: 'kvonce', format: 'otlp-protobuf', gzip: file.endsWith('.gz'), valid: true } })
    })
  }

  test('a trace with a second success fails exactly multiple-success, at line 1', () => {
    const file = 'traces/multiple-success.pb'
    const cases = run.cases.filter((c) => c.file === file)
    expect(cases.filter((c) => c.state === 'failed').map((c) => c.name)).toEqual(['multiple-success.pb > rule multiple-success'])
    const failed = run.get(file, 'rule multiple-success')
    expect(failed.errors).toHaveLength(1)
    expect(failed.errors[0]!.message).toContain(`rule multiple-success: 1 violation in ${file}`)
    expect(failed.errors[0]).toMatchObject({ name: 'RuleViolation', file, line: 1 })
    // No column in a binary body, but the span is named.
    expect(failed.errors[0]!.message).toContain(
      `${file}:1 span "kv success" (spanId 0000000000000003, traceId 5b8efff798038103d269b633813fc60c, start 2023-11-14T22:13:20.000003000Z) "a" — second success for key "a"`,
    )
    expect(failed.meta.specCi).toMatchObject({ rule: 'multiple-success', count: 1, trace: { file, format: 'otlp-protobuf', valid: false } })
  })

  test('a damaged body fails event-schema once, and the spans before the damage are still checked', () => {
    const file = 'traces/damaged.pb'
    const cases = run.cases.filter((c) => c.file === file)
    expect(cases.filter((c) => c.state === 'failed').map((c) => c.name)).toEqual(['damaged.pb > rule event-schema'])
    const failed = run.get(file, 'rule event-schema')
    expect(failed.errors).toHaveLength(1)
    expect(failed.errors[0]!.message).toContain(`rule event-schema: 1 violation in ${file}`)
    expect(failed.errors[0]!.message).toContain('OTLP protobuf body is damaged at byte')
    expect(failed.errors[0]).toMatchObject({ file, line: 1 })
    expect(failed.meta.specCi).toMatchObject({ trace: { format: 'otlp-protobuf', events: 3 } })
  })
})

describe('spec-ci trace validate x.pb', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-pb-'))
  afterAll(() => rmSync(out, { recursive: true, force: true }))
  beforeAll(writeTraces)

  test('a valid protobuf trace: exit 0, its format, reports named without .pb', async () => {
    const r = await runSpecCi(['trace', 'validate', 'tests/fixtures/conformance-protobuf/traces/valid.pb', '--out', out])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('tests/fixtures/conformance-protobuf/traces/valid.pb: valid (kvonce, otlp-protobuf, 4 events)')
    expect(JSON.parse(readFileSync(path.join(out, 'valid-validation.json'), 'utf8'))).toEqual({ valid: true, issues: [] })
    const gz = await runSpecCi(['trace', 'validate', 'tests/fixtures/conformance-protobuf/traces/valid.binpb.gz', '--out', out])
    expect(gz.code).toBe(0)
    expect(gz.stdout).toContain('valid (kvonce, otlp-protobuf gzip, 2 events)')
  })

  test('a violation is exit 1, located at line 1', async () => {
    const r = await runSpecCi(['trace', 'validate', 'tests/fixtures/conformance-protobuf/traces/multiple-success.pb', '--out', out])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('multiple-success.pb: invalid (kvonce, otlp-protobuf, 3 events)')
    expect(r.stdout).toContain('tests/fixtures/conformance-protobuf/traces/multiple-success.pb:1 ')
    const report = JSON.parse(readFileSync(path.join(out, 'multiple-success-validation.json'), 'utf8')) as { issues: { type: string; line: number }[] }
    expect(report.issues.map((i) => [i.type, i.line])).toEqual([['multiple-success', 1]])
  })
})
