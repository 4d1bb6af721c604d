import { describe, expect, test } from 'vitest'
import { githubOutputLines } from '../../../src/report/github-output.ts'
import type { Summary } from '../../../src/report/summary-types.ts'

const summary = {
  status: 'failed',
  totals: { files: 1, tests: 9, passed: 7, failed: 2, skipped: 0, durationMs: 5 },
} as Summary

/** The outputs GitHub would read from the file: `name=value` lines and `name<<DELIM` heredocs. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1)
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
  }
  return out
}

describe('githubOutputLines', () => {
  test('gives status, failed, tests and the summary path', () => {
    expect(parseOutputs(githubOutputLines(summary, '/w/hermetic-reports/spec-ci/summary.md'))).toEqual({
      status: 'failed',
      failed: '2',
      tests: '9',
      'summary-md': '/w/hermetic-reports/spec-ci/summary.md',
    })
  })

  test('a path with line breaks cannot set another output', () => {
    const evil = '/tmp/x\nstatus=passed\nghadelimiter_\nfailed=0'
    const outputs = parseOutputs(githubOutputLines(summary, evil))
    expect(outputs).toMatchObject({ status: 'failed', failed: '2', 'summary-md': evil })
  })
})
