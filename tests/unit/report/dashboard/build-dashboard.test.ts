import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { buildDashboard } from '../../../../src/report/dashboard/build-dashboard.ts'
import type { Summary } from '../../../../src/report/summary-types.ts'

const totals = { files: 1, tests: 1, passed: 0, failed: 1, skipped: 0, durationMs: 3 }
const hostile = '</script><script>alert(1)</script>'
const summary: Summary = {
  schema: 'vitest-spec-ci/summary@1',
  generatedAt: '2026-01-01T00:00:00.000Z',
  status: 'failed',
  totals,
  projects: [{ name: hostile, status: 'failed', totals, files: [] }],
  failures: [{ project: hostile, file: 'a.test.ts', line: 1, test: hostile, message: '<img src=x onerror=alert(1)>' }],
}

const scripts = (html: string): string[] => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)

describe('buildDashboard', () => {
  test('one page with uPlot and the page script inline, each allowed by its hash and nothing else', () => {
    const html = buildDashboard(summary)
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!
    const inline = scripts(html)
    expect(inline).toHaveLength(2)
    expect(inline[0]).toContain('uPlot')
    for (const s of inline) expect(csp).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`)
    expect(csp).toContain("default-src 'none'")
    expect(html).not.toMatch(/\b(src|href)="?https?:/)
  })

  test('input text appears only escaped: in the title, and as \\u003c in the data', () => {
    const html = buildDashboard(summary, [], { chartLibrary: null })
    expect(html).not.toContain(hostile)
    expect(html).not.toContain('<img')
    expect(scripts(html)).toHaveLength(1)
    const data = /<script type="application\/json" id="spec-ci-data">([^<]*)<\/script>/.exec(html)![1]!
    expect(JSON.parse(data).summary).toEqual(summary)
  })
})
