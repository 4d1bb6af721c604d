import { describe, expect, test } from 'vitest'
import type { ContractTestMeta } from '../../../src/contract/test-meta.ts'
import type { MarkdownKit, ReportedTest } from '../../../src/report/section-builder.ts'
import { contractSection } from '../../../src/report/sections/contract.ts'

type MetaFields = Omit<ContractTestMeta, 'kind' | 'status' | 'mismatches'> & Partial<Pick<ContractTestMeta, 'mismatches'>>

function reported(state: ReportedTest['state'], fields: MetaFields): ReportedTest<ContractTestMeta> {
  const meta: ContractTestMeta = { kind: 'contract', status: state, mismatches: [], ...fields }
  return { project: 'contract', file: 'contracts/a.json', name: meta.description, fullName: `a.json > ${meta.description}`, state, line: 3, durationMs: 1, errors: [], annotations: [], meta }
}

/** A stand-in kit that marks what it escaped, so the test sees which cells went through it. */
const md: MarkdownKit = {
  text: (v) => `t(${String(v)})`,
  code: (v) => `c(${String(v)})`,
  table: (headers, rows) => [headers.join('|'), ...rows.map((r) => r.join('|'))].join('\n'),
}

describe('contract report section', () => {
  const tests = [
    reported('passed', { file: 'contracts/a.json', line: 3, description: 'reads', format: 'pact-v3', mismatches: [] }),
    reported('failed', {
      file: 'contracts/a.json',
      line: 9,
      description: 'writes <b>',
      format: 'pact-v3',
      mismatches: [{ kind: 'status', path: 'status', expected: 201, actual: 200, message: 'status: expected 201 but got 200' }],
    }),
    reported('failed', { file: 'contracts/a.json', line: 20, description: 'down', mismatches: [], error: 'the provider at http://127.0.0.1:1 refused the connection' }),
    reported('skipped', { file: 'contracts/m.json', line: 5, description: 'event', skipReason: 'message interaction' }),
  ]

  test('lists every interaction with its status, mismatches and errors for summary.json', () => {
    const section = contractSection.build(tests)!
    expect(section.interactions.map((i) => [i.description, i.status, i.line])).toEqual([
      ['reads', 'passed', 3],
      ['writes <b>', 'failed', 9],
      ['down', 'failed', 20],
      ['event', 'skipped', 5],
    ])
    expect(section.interactions[1]!.mismatches).toEqual([{ kind: 'status', path: 'status', expected: 201, actual: 200, message: 'status: expected 201 but got 200' }])
    expect(section.interactions[2]!.error).toContain('refused the connection')
    expect(section.interactions[3]!.skipReason).toBe('message interaction')
    expect(JSON.parse(JSON.stringify(section))).toEqual(section)
  })

  test('summary.md shows counts and one escaped table row per mismatch or error', () => {
    const text = contractSection.markdown(contractSection.build(tests)!, md)
    expect(text).toContain('4 interactions: 1 passed, 2 failed, 1 skipped.')
    expect(text).toContain('c(contracts/a.json:9)|t(writes <b>)|c(status)|status|c(201)|c(200)')
    expect(text).toContain('c(contracts/a.json:20)|t(down)|—|error|t(the provider at http://127.0.0.1:1 refused the connection)|—')
  })

  test('no contract tests, no section', () => {
    expect(contractSection.build([])).toBeUndefined()
  })
})
