import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestContext } from 'vitest'
import { afterAll, expect, test } from 'vitest'
import { conformanceChecks, type TraceUnderTestConfig } from '../../../generated-test-harness/conformance.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-verdict-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function traceConfig(name: string, lines: object[]): TraceUnderTestConfig {
  const file = path.join(dir, name)
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return { file, displayFile: `traces/${name}`, spec: 'kvonce', specOptions: {}, rules: {}, maxStoredViolations: 1000, maxLineBytes: 1 << 20, maxDecompressedBytes: 1 << 30, timeout: 60_000 }
}

/** What a rule test's context gives the harness: its name, meta, signal (aborted by Vitest when the test times out). */
function ruleContext(rule: string) {
  const controller = new AbortController()
  const context = { task: { name: `rule ${rule}`, meta: {} }, signal: controller.signal, annotate: async () => {} } as never as TestContext
  return { context, endByVitest: (reason: Error) => controller.abort(reason) }
}

test('a rule test ended by Vitest while the pass runs stops the pass: the later rule tests fail alike instead of passing', async () => {
  const trace = conformanceChecks(traceConfig('a.ndjson', [{ type: 'success', key: 'a' }]))
  const first = ruleContext('event-schema')
  const waiting = trace.checkRule(first.context, 'event-schema').catch((e: unknown) => e)
  first.endByVitest(new Error('Test timed out in 100ms.\nIf this is a long-running test, pass a timeout value as the last argument.'))
  await waiting
  const later = await Promise.all(
    ['multiple-success', 'retry-bound-exceeded'].map((rule) => trace.checkRule(ruleContext(rule).context, rule).then(() => 'passed', (e: Error) => e)),
  )
  const expected =
    'traces/a.ndjson was not checked to the end: reading stopped before its first record (line 1) because rule test "rule event-schema" ended while waiting for it (Test timed out in 100ms). ' +
    "Every rule test of this trace fails alike. The trace's own time limit is conformance.timeout (60000 ms)."
  for (const error of later) expect(error).toMatchObject({ name: 'TraceReadAbandoned', message: expected })
  expect((later[0] as Error).stack).toContain(`(${path.join(dir, 'a.ndjson')}:1:1)`)
})

test('a file that cannot be read fails every rule test with one message at line 1', async () => {
  const config = { ...traceConfig('b.ndjson', []), file: path.join(dir, 'missing.ndjson'), displayFile: 'traces/missing.ndjson' }
  const trace = conformanceChecks(config)
  const errors = await Promise.all(['event-schema', 'multiple-success'].map((rule) => trace.checkRule(ruleContext(rule).context, rule).then(() => 'passed', (e: Error) => e)))
  for (const error of errors) {
    expect(error).toMatchObject({ name: 'TraceReadError', message: expect.stringMatching(/^traces\/missing\.ndjson could not be checked: .*missing\.ndjson/) })
    expect((error as Error).stack).toContain(`(${config.file}:1:1)`)
  }
  expect((errors[0] as Error).message).toBe((errors[1] as Error).message)
})

test('a pass that ends normally gives every rule test its outcome, whatever happens to a test after it', async () => {
  const trace = conformanceChecks(traceConfig('c.ndjson', [{ type: 'success', key: 'a' }, { type: 'success', key: 'a' }]))
  const first = ruleContext('event-schema')
  await trace.checkRule(first.context, 'event-schema')
  first.endByVitest(new Error('Test timed out in 1ms.'))
  await expect(trace.checkRule(ruleContext('multiple-success').context, 'multiple-success')).rejects.toMatchObject({ name: 'RuleViolation' })
  await expect(trace.checkRule(ruleContext('retry-bound-exceeded').context, 'retry-bound-exceeded')).resolves.toBeUndefined()
})
