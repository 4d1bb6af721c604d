import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { fixturesDir, runFixture, type FixtureRun } from './run-fixture.ts'

let run: FixtureRun
beforeAll(async () => {
  run = await runFixture('conformance-features')
})

/** States of a trace's rule tests, by rule id. */
function states(file: string): Record<string, string> {
  return Object.fromEntries(run.cases.filter((c) => c.file === file).map((c) => [c.name.replace(/^.* > rule /, ''), c.state]))
}

function failing(file: string): string[] {
  return Object.entries(states(file))
    .filter(([, s]) => s === 'failed')
    .map(([rule]) => rule)
}

/** The physical line where the n-th span object of a pretty-printed OTLP document begins. */
function spanLine(file: string, n: number): number {
  const lines = readFileSync(path.join(fixturesDir, 'conformance-features', file), 'utf8').split('\n')
  const starts = lines.flatMap((l, i) => (l.trim() === '{' && lines[i + 1]?.includes('"traceId"') ? [i + 1] : []))
  return starts[n]!
}

describe('OTLP traces are test files too (despite Vite’s JSON plugin)', () => {
  test('an OTLP JSON document is replayed in start-time order and the violation points at the span’s line', () => {
    const file = 'traces/otlp/order.otlp.json'
    expect(failing(file)).toEqual(['multiple-success'])
    const c = run.get(file, 'rule multiple-success')
    // the first span in the document is the later success in time
    expect(c.errors[0]).toMatchObject({ file, line: spanLine(file, 0) })
    expect(c.meta.specCi).toMatchObject({ trace: { format: 'otlp-json', events: 3 } })
  })

  test('legacy instrumentationLibrarySpans are read the same way', () => {
    const file = 'traces/otlp/legacy.otlp.json'
    expect(failing(file)).toEqual(['multiple-success'])
    expect(run.get(file, 'rule multiple-success').errors[0]).toMatchObject({ line: spanLine(file, 0) })
  })

  test('OTLP JSON Lines: the violation is at the record’s line', () => {
    const file = 'traces/otlp/lines.jsonl'
    expect(failing(file)).toEqual(['multiple-success'])
    expect(run.get(file, 'rule multiple-success').errors[0]).toMatchObject({ line: 2 })
    expect(run.get(file, 'rule multiple-success').meta.specCi).toMatchObject({ trace: { format: 'otlp-jsonl' } })
  })

  test('a kvlistValue context carries the attempt number', () => {
    const file = 'traces/otlp/kvlist-context.otlp.json'
    expect(failing(file)).toEqual(['success-attempt-mismatch'])
    expect(run.get(file, 'rule success-attempt-mismatch').errors[0]!.message).toContain('success carries attempt 5 but key "k" had 1 earlier retry, so attempt 2 was expected')
  })

  test('an intValue beyond 2^53 stays exact', () => {
    const file = 'traces/otlp/bigint.otlp.json'
    expect(failing(file)).toEqual(['retry-attempt-out-of-sequence'])
    expect(run.get(file, 'rule retry-attempt-out-of-sequence').errors[0]!.message).toContain('retry carries attempt 9007199254740993 but')
  })
})

describe('expected-violation sidecars', () => {
  test('a known-bad trace whose violations are the expected ones passes', () => {
    const file = 'traces/sidecar/known-bad.ndjson'
    expect(failing(file)).toEqual([])
    expect(run.get(file, 'rule duplicate-without-success').meta.specCi).toMatchObject({
      count: 1,
      expected: { file: 'traces/sidecar/known-bad.ndjson.expect.yml', lines: [2], matched: true },
    })
  })

  test('a stale sidecar fails the rule, listing what was not expected and what is missing', () => {
    const file = 'traces/sidecar/stale.ndjson'
    expect(failing(file)).toEqual(['multiple-success'])
    const error = run.get(file, 'rule multiple-success').errors[0]!
    expect(error.message).toBe(
      [
        'rule multiple-success: violations differ from traces/sidecar/stale.ndjson.expect.yml',
        'not expected (1):',
        '  traces/sidecar/stale.ndjson:3 "a" — second success for key "a"; the first was at line 1',
        'expected but not found (1):',
        '  traces/sidecar/stale.ndjson:2',
      ].join('\n'),
    )
    expect(error).toMatchObject({ name: 'ExpectedViolationsMismatch', line: 2 })
  })

  test('a sidecar naming an unknown rule fails the trace’s rules with the sidecar’s file and line', () => {
    const file = 'traces/sidecar/bad-sidecar.ndjson'
    const cases = run.cases.filter((c) => c.file === file)
    expect(cases.length).toBeGreaterThan(0)
    for (const c of cases) {
      expect(c.state).toBe('failed')
      expect(c.errors[0]!.message).toMatch(/^traces\/sidecar\/bad-sidecar\.ndjson\.expect\.yml:3: rule "no-such-rule" is not a rule of this spec/)
    }
  })

  test('sidecars are never test files', () => {
    expect(run.modules.map((m) => m.moduleId).filter((id) => id.includes('.expect.yml'))).toEqual([])
  })
})

describe('per-glob options', () => {
  test('warn rules pass with a warning annotation, off rules are skipped, spec options apply', () => {
    const file = 'traces/lenient/warned.ndjson'
    expect(states(file)).toMatchObject({
      'multiple-success': 'skipped',
      'retry-context-missing': 'passed',
      'retry-bound-exceeded': 'failed',
    })
    const warned = run.get(file, 'rule retry-context-missing')
    expect(warned.annotations).toEqual([
      { type: 'warning', message: expect.stringContaining('traces/lenient/warned.ndjson:4 "c" — retry for key "c" has no attempt number') },
    ])
    expect(run.get(file, 'rule retry-bound-exceeded').errors[0]!.message).toContain('retry 2 for key "c" exceeds maxRetries 1')
  })

  test('a user spec module (TypeScript) declares its own rules', () => {
    const file = 'traces/custom/orders.ndjson'
    expect(states(file)).toEqual({ 'event-schema': 'passed', 'paid-twice': 'failed' })
    expect(run.get(file, 'rule paid-twice').errors[0]).toMatchObject({ line: 3, message: expect.stringContaining('order o1 paid again') })
  })
})

describe('bad input is reported at its line and the rest of the trace is still checked', () => {
  const cases: Array<{ file: string; schema: Array<[number, RegExp]>; multipleSuccessLine: number | undefined }> = [
    { file: 'invalid-json.ndjson', schema: [[2, /JSON/]], multipleSuccessLine: 4 },
    { file: 'non-object.ndjson', schema: [[2, /not a JSON object \(found array\)/], [3, /not a JSON object \(found number\)/]], multipleSuccessLine: 4 },
    { file: 'bom-crlf.ndjson', schema: [], multipleSuccessLine: 3 },
    { file: 'blank-lines.ndjson', schema: [], multipleSuccessLine: 5 },
    { file: 'proto-keys.ndjson', schema: [], multipleSuccessLine: 4 },
    { file: 'numeric-key.ndjson', schema: [[2, /"key" is 1; expected a non-empty string/]], multipleSuccessLine: 3 },
    { file: 'empty.ndjson', schema: [[1, /the trace contains no events/]], multipleSuccessLine: undefined },
    { file: 'invalid-utf8.ndjson', schema: [[2, /UTF-8/]], multipleSuccessLine: 3 },
    { file: 'truncated.ndjson.gz', schema: [[0, /gzip/]], multipleSuccessLine: 3 },
    { file: 'whole.ndjson.gz', schema: [], multipleSuccessLine: 3 },
  ]
  for (const c of cases) {
    test(c.file, () => {
      const file = `traces/bad/${c.file}`
      const expectedFailing = [...(c.schema.length ? ['event-schema'] : []), ...(c.multipleSuccessLine ? ['multiple-success'] : [])]
      expect(failing(file)).toEqual(expectedFailing)
      if (c.multipleSuccessLine) expect(run.get(file, 'rule multiple-success').errors[0]).toMatchObject({ line: c.multipleSuccessLine })
      if (c.schema.length) {
        const meta = run.get(file, 'rule event-schema').meta.specCi as { violations: Array<{ line: number; message: string }> }
        expect(meta.violations).toHaveLength(c.schema.length)
        c.schema.forEach(([line, message], i) => {
          if (line) expect(meta.violations[i]!.line).toBe(line)
          expect(meta.violations[i]!.message).toMatch(message)
        })
      }
    })
  }

  test('gzip is detected from content and reported in the meta', () => {
    expect(run.get('traces/bad/whole.ndjson.gz', 'rule event-schema').meta.specCi).toMatchObject({ trace: { format: 'ndjson', gzip: true, events: 203 } })
  })
})
