import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildDashboard } from '../../src/report/dashboard/build-dashboard.ts'
import type { HistoryFile, HistoryRun } from '../../src/report/dashboard/history-types.ts'
import type { ConformanceSection, ConformanceTraceSummary } from '../../src/report/sections/conformance.ts'
import type { Summary } from '../../src/report/summary-types.ts'
import { chromiumPath, LOWEST_CONTRAST, NO_CHROMIUM, openDashboard, type OpenedPage } from './dashboard-browser-kit.ts'
import { hostileProject } from './hostile-run.ts'
import { repoRoot, runNode, runVitestCli } from './run-cli.ts'
import { expectValidSummary, runWithReport, tempDir } from './reporter-helpers.ts'

/**
 * Issue 18's acceptance: the dashboard of real runs (the samples, a failing run, a merged shard run, a
 * hostile run) and of a synthetic 1,000-trace run, opened from file:// in headless Chromium. Screenshots
 * go to <report dir>/dashboard-browser/ of this test run (hermetic-reports/ unless SPEC_CI_REPORT_DIR).
 */
const shotsDir = path.resolve(repoRoot, process.env.SPEC_CI_REPORT_DIR || 'hermetic-reports', 'dashboard-browser')
const vitestBin = path.join(repoRoot, 'node_modules/vitest/vitest.mjs')

let browser: Browser | undefined
beforeAll(async () => {
  if (!chromiumPath) return
  mkdirSync(shotsDir, { recursive: true })
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] })
})
afterAll(async () => {
  await browser?.close()
})

interface Dashboard {
  dir: string
  file: string
  summary: Summary
}

function readDashboard(dir: string): Dashboard {
  const summary = JSON.parse(readFileSync(path.join(dir, 'spec-ci/summary.json'), 'utf8')) as Summary
  expectValidSummary(summary)
  return { dir, file: path.join(dir, 'spec-ci/index.html'), summary }
}

const kb = (file: string): string => `${(statSync(file).size / 1024).toFixed(1)} KiB`
const text = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).textContent()) ?? ''
const plural = (n: number, word: string): string => `${n} ${n === 1 ? word : word === 'property' ? 'properties' : `${word}s`}`

/** What every page must show: the totals, each section of the summary (and no other) with its counts. */
async function expectSections(page: Page, summary: Summary): Promise<void> {
  const t = summary.totals
  expect(await text(page, '[data-testid=run-totals]')).toContain(`${plural(t.files, 'file')}, ${plural(t.tests, 'test')}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`)
  expect(await text(page, 'header h1')).toContain(summary.status)
  expect(await page.locator('[data-testid=projects-table] tbody tr').count()).toBe(summary.projects.length)
  const traces = (summary.conformance as ConformanceSection | undefined)?.traces
  expect(await page.locator('section#conformance').count()).toBe(traces ? 1 : 0)
  if (traces) {
    const invalid = traces.filter((x) => !x.valid).length
    expect(await text(page, '[data-testid=conformance-counts]')).toBe(`${plural(traces.length, 'trace')} checked: ${traces.length - invalid} valid, ${invalid} invalid.`)
    expect(await page.locator('[data-testid=matrix] tbody tr[data-trace-row]').count()).toBe(Math.min(200, traces.length))
    const failedCells = traces.slice(0, 200).reduce((n, x) => n + x.rules.filter((r) => r.state === 'failed').length, 0)
    expect(await page.locator('[data-testid=matrix] td[data-state=fail]').count()).toBe(failedCells)
  }
  const targets = summary.generate?.targets
  expect(await page.locator('section#drift').count()).toBe(targets ? 1 : 0)
  if (targets) expect(await page.locator('section#drift details[data-target]').count()).toBe(targets.length)
  const features = summary.generate?.features
  expect(await page.locator('section#features').count()).toBe(features ? 1 : 0)
  if (features) {
    expect(await page.locator('[data-testid=features-table] tbody tr').count()).toBe(features.length)
    for (const status of ['passed', 'failed', 'undefined', 'skipped'] as const)
      expect(await page.locator(`li[data-scenario-status=${status}]`).count()).toBe(features.reduce((n, f) => n + (f.scenarioStatuses ?? []).filter((x) => x.status === status).length, 0))
  }
  const properties = summary.property?.properties
  expect(await page.locator('section#properties').count()).toBe(properties ? 1 : 0)
  if (properties) expect(await page.locator('[data-testid=properties-table] tbody tr').count()).toBe(properties.length)
  const interactions = summary.contract?.interactions
  expect(await page.locator('section#contracts').count()).toBe(interactions ? 1 : 0)
  if (interactions) {
    expect(await page.locator('[data-testid=contracts-table] > tbody > tr').count()).toBe(interactions.length)
    const failed = interactions.filter((i) => i.status === 'failed').length
    expect(await text(page, '[data-testid=contract-counts]')).toContain(`${failed} failed`)
  }
  expect(await page.locator('[data-testid=failures] > li').count()).toBe(Math.min(300, summary.failures.length))
}

/** No console error, no request but for the page's own file, no dialog; then a full-page screenshot. */
async function expectCleanAndShoot(opened: OpenedPage, name: string): Promise<void> {
  expect(opened.errors).toEqual([])
  expect(opened.outside).toEqual([])
  expect(opened.dialogs).toEqual([])
  await opened.page.evaluate('window.scrollTo(0, 0)')
  await opened.page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true })
}

if (!chromiumPath) {
  console.warn(`dashboard-browser: ${NO_CHROMIUM}`)
  test.skip(NO_CHROMIUM, () => {})
}

describe.skipIf(!chromiumPath)('the dashboard in headless Chromium', () => {
  test('the samples run: every section with its counts, keyboard navigation with visible focus', { timeout: 240_000 }, async () => {
    const dir = tempDir('dashboard-samples')
    const r = await runNode([vitestBin, 'run', '--project', 'conformance', '--project', 'contract', '--project', 'generate', '--project', 'property'], {
      cwd: repoRoot,
      env: { SPEC_CI_REPORT_DIR: dir },
      timeoutMs: 220_000,
    })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toContain(`vitest-spec-ci: dashboard written to ${path.join(dir, 'spec-ci/index.html')}`)
    const d = readDashboard(dir)
    console.log(`dashboard of the samples: ${kb(d.file)} (summary.json ${kb(path.join(dir, 'spec-ci/summary.json'))})`)
    const opened = await openDashboard(browser!, d.file)
    const { page } = opened
    await expectSections(page, d.summary)
    expect(d.summary.property?.properties.length).toBeGreaterThan(0)
    expect(d.summary.contract?.interactions.length).toBeGreaterThan(0)
    expect(d.summary.generate?.features?.length).toBeGreaterThan(0)
    // Contrast: all text at least 4.5:1 against its background (WCAG AA).
    const lowest = (await page.evaluate(LOWEST_CONTRAST)) as { ratio: number; where: string }
    expect(lowest.ratio, lowest.where).toBeGreaterThanOrEqual(4.5)
    // Keyboard: the first tab stop is the skip link, then the section links; focus is drawn.
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Skip to the results')
    await page.keyboard.press('Tab')
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')
    expect(outline).toBe('solid')
    // A trace row opens and closes from the keyboard.
    const button = page.locator('[data-testid=matrix] tbody tr[data-trace-row] button').first()
    await button.focus()
    await page.keyboard.press('Enter')
    expect(await button.getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('Enter')
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    await expectCleanAndShoot(opened, 'samples')
    await opened.close()
  })

  test('a failing run of racing writers: failed cells, violations with line and key, the race drawn as lanes per actor', async () => {
    const run = await runWithReport('conformance-concurrency', ['run'])
    expect(run.code).toBe(1)
    const d = readDashboard(run.dir)
    const opened = await openDashboard(browser!, d.file)
    const { page } = opened
    await expectSections(page, d.summary)
    expect(d.summary.status).toBe('failed')
    // The first invalid trace with a race is opened on load; the one checked here is opened if need be.
    expect(await page.locator('[data-testid=timeline]').count()).toBeGreaterThan(0)
    const traces = d.summary.conformance!.traces
    const index = traces.findIndex((t) => t.issues.some((i) => i.concurrency?.verdict === 'violation' && (i.concurrency.longestOrder?.length ?? 0) > 0))
    const race = traces[index]!
    const issue = race.issues.find((i) => i.concurrency?.verdict === 'violation')!
    const button = page.locator(`tr[data-trace-row="${index}"] button`)
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click()
    const detail = page.locator(`tr#trace-${index}`)
    const actors = new Set(issue.concurrency!.events.map((e) => e.actor ?? '(no actor)'))
    const svg = detail.locator('[data-testid=timeline] svg.timeline').first()
    await svg.waitFor()
    expect(Number(await svg.getAttribute('data-lanes'))).toBe(actors.size)
    expect(actors.size).toBeGreaterThan(1)
    expect(await svg.locator('rect.lane').count()).toBe(actors.size)
    expect(await svg.locator('g[data-event-line]').count()).toBe(issue.concurrency!.events.length)
    expect(await svg.locator('g[data-kind=ordered]').count()).toBe(issue.concurrency!.longestOrder!.length)
    expect(await svg.locator('g:not([data-kind=ordered])[data-event-line]').count()).toBeGreaterThan(0)
    // Intervals to scale: the widths are proportional to the events' durations.
    const widths = await svg.locator('g[data-event-line] rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))))
    const durations = issue.concurrency!.events.map((e) => Number(BigInt(e.end!) - BigInt(e.start!)))
    const ratio = widths[0]! / durations[0]!
    for (const [i, w] of widths.entries()) expect(w / durations[i]!).toBeCloseTo(ratio, 1)
    const rows = detail.locator('[data-testid=issues] tbody tr')
    expect(await rows.count()).toBe(race.issues.length)
    expect(await rows.first().locator('td').first().textContent()).toBe(`${race.file}:${race.issues[0]!.line}`)
    expect(await rows.first().locator('td').nth(2).textContent()).toBe(race.issues[0]!.key)
    // The filter keeps only the invalid traces.
    await page.selectOption('#trace-filter', 'invalid')
    expect(await page.locator('[data-testid=matrix] tbody tr[data-trace-row]').count()).toBe(d.summary.conformance!.traces.filter((t) => !t.valid).length)
    await page.selectOption('#trace-filter', 'all')
    await page.locator(`tr[data-trace-row="${index}"] button`).click()
    expect(await page.locator(`tr#trace-${index} svg.timeline`).count()).toBe(1)
    await expectCleanAndShoot(opened, 'failing-race')
    await opened.close()
  })

  test('a failing run of drift and properties: normalised diffs per changed file, counterexamples, a replay command that copies', async () => {
    const drift = await runWithReport('generate-drift', ['run', 'cases'])
    expect(drift.code).toBe(1)
    const d = readDashboard(drift.dir)
    const driftPage = await openDashboard(browser!, d.file)
    await expectSections(driftPage.page, d.summary)
    const modified = driftPage.page.locator('details[data-target="targets/modified"]')
    expect(await modified.getAttribute('open')).not.toBeNull()
    expect(await modified.locator('li[data-status=M] code').first().textContent()).toBe('targets/modified/schema.json')
    await modified.locator('li[data-status=M] summary').first().click()
    const diff = modified.locator('pre.diff').first()
    // One line changed in the canonical JSON; the ---/+++ headers are not counted as changes.
    expect(await diff.locator('.add').count()).toBe(1)
    expect(await diff.locator('.del').count()).toBe(1)
    expect(await diff.textContent()).toContain('--- committed/targets/modified/schema.json')
    await expectCleanAndShoot(driftPage, 'failing-drift')
    await driftPage.close()

    const property = await runWithReport('property', ['run', 'correct', 'overwriting', '--sequence.seed=1234'], { SPEC_CI_SEED: undefined, SPEC_CI_NUM_RUNS: '25' })
    expect(property.code).toBe(1)
    const p = readDashboard(property.dir)
    const failing = p.summary.property!.properties.filter((x) => x.status === 'failed')
    expect(failing.length).toBeGreaterThan(0)
    const opened = await openDashboard(browser!, p.file)
    const { page } = opened
    await expectSections(page, p.summary)
    expect(await page.locator('[data-testid=replay]').allTextContents()).toEqual(failing.map((x) => x.replay))
    expect(await page.locator('[data-testid=counterexample]').allTextContents()).toEqual(p.summary.property!.properties.filter((x) => x.counterexample !== null).map((x) => x.counterexample))
    const copy = page.locator(`tr[data-property="${failing[0]!.name}"] button`)
    await copy.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => copy.textContent()).toBe('Copied')
    await expect.poll(() => page.locator('#live').textContent()).toBe('Replay command copied')
    await expectCleanAndShoot(opened, 'failing-properties')
    await opened.close()
  })

  test('a merged shard run: the page of --merge-reports shows the merged summary, and the history charts both runs', async () => {
    const blobs = tempDir('dashboard-blobs')
    const dir = tempDir('dashboard-merged')
    for (const shard of ['1/2', '2/2']) {
      const r = await runVitestCli('reporter-basic', ['run', `--shard=${shard}`, '--reporter=blob', `--outputFile=${path.join(blobs, `blob-${shard.replace('/', '-of-')}.json`)}`], { SPEC_CI_REPORT_DIR: tempDir('dashboard-shard') })
      expect(r.code, r.stderr).not.toBeNull()
    }
    // An earlier, unsharded run into the same report directory, then the merge: two runs of history.
    await runWithReport('reporter-basic', ['run'], { SPEC_CI_REPORT_DIR: dir })
    const merged = await runWithReport('reporter-basic', [`--merge-reports=${blobs}`, '--reporter=vitest-spec-ci/reporter'], { SPEC_CI_REPORT_DIR: dir })
    expect(merged.stdout).toContain('vitest-spec-ci: dashboard written to')
    const d = readDashboard(dir)
    expect(d.summary.totals).toMatchObject({ files: 6, tests: 37, failed: 3 })
    const history = JSON.parse(readFileSync(path.join(dir, 'spec-ci/history.json'), 'utf8')) as HistoryFile
    expect(history.runs).toHaveLength(2)
    expect(history.runs[1]!.generatedAt).toBe(d.summary.generatedAt)
    const opened = await openDashboard(browser!, d.file)
    const { page } = opened
    await expectSections(page, d.summary)
    expect(await text(page, '[data-testid=history-counts]')).toBe('2 runs kept (oldest first in the charts; this run last).')
    // uPlot drew the three charts; the same failing rules as before: none is new.
    expect(await page.locator('section#history figure.chart canvas').count()).toBe(3)
    expect(await page.locator('[data-testid=newly-failing-none]').count()).toBe(1)
    await expectCleanAndShoot(opened, 'merged-shards')
    await opened.close()
  })

  test('a hostile run: keys, file and test names holding <script>, </script> and <img onerror> show as text and run nothing, from file:// and from spec-ci report serve', async () => {
    const project = hostileProject(undefined, 'dashboard')
    try {
      const evil = ['</script><script>window.__pwned = 1</script>', '<img src=x onerror="window.__pwned = 2">', '<!--', '\u2028</SCRIPT >']
      project.write('vitest.config.ts', `import { defineConfig } from 'vitest/config'\nimport { specCi } from 'vitest-spec-ci'\nexport default defineConfig({ plugins: [specCi({ conformance: { traces: ['traces/**/*.ndjson'] } })], test: { include: ['src/**/*.test.ts'] } })\n`)
      const lines = evil.flatMap((key) => [JSON.stringify({ type: 'success', key, value: '1' }), JSON.stringify({ type: 'success', key, value: '2' })])
      project.write('traces/<img src=x onerror=window.__pwned=3>.ndjson', `${lines.join('\n')}\n`)
      const race = [
        { type: 'success', key: evil[0], value: 'A', actor: evil[1], start: '2025-10-04T06:21:09.100Z', end: '2025-10-04T06:21:09.190Z' },
        { type: 'success', key: evil[0], value: 'B', actor: evil[0], start: '2025-10-04T06:21:09.120Z', end: '2025-10-04T06:21:09.150Z' },
      ]
      project.write('traces/race.ndjson', `${race.map((e) => JSON.stringify(e)).join('\n')}\n`)
      project.write('src/evil.test.ts', `import { test, expect } from 'vitest'\ntest(${JSON.stringify(evil[0])}, () => { expect(${JSON.stringify(evil[1])}).toBe('</script>') })\n`)
      const dir = tempDir('dashboard-hostile')
      const r = await runVitestCli(project.name, ['run'], { SPEC_CI_REPORT_DIR: dir })
      expect(r.code).toBe(1)
      const d = readDashboard(dir)
      const html = readFileSync(d.file, 'utf8')
      // The embedded data cannot close its element: no input text appears raw in the file.
      for (const e of evil) expect(html).not.toContain(e)
      expect(html.match(/<\/script>/gi)).toHaveLength(3)
      const opened = await openDashboard(browser!, d.file)
      const { page } = opened
      await expectSections(page, d.summary)
      expect(await page.evaluate('window.__pwned')).toBeUndefined()
      expect(await page.locator('img').count()).toBe(0)
      expect(await page.locator('script').count()).toBe(3)
      // Shown as text: the hostile file name in the matrix, its keys in the violations, the test name in the failures.
      const fileButton = page.locator('[data-testid=matrix] button[data-trace]').filter({ hasText: '<img src=x onerror=window.__pwned=3>' })
      await fileButton.click()
      const keys = await page.locator('[data-testid=issues] td:nth-child(3)').allTextContents()
      for (const e of evil) expect(keys).toContain(e)
      expect(await text(page, '[data-testid=failures]')).toContain(evil[0])
      // The race's actors are lane labels (SVG text), never markup.
      expect(await page.locator('svg.timeline text').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('<img src=x')]))
      expect(await page.evaluate('window.__pwned')).toBeUndefined()
      await expectCleanAndShoot(opened, 'hostile')
      await opened.close()
      // The same page through `spec-ci report serve`: same result over http://127.0.0.1.
      const server = spawn(process.execPath, [path.join(repoRoot, 'dist/cli/bin.js'), 'report', 'serve', dir, '--duration', '60'])
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = ''
          server.stdout.on('data', (b: Buffer) => {
            out += b.toString()
            if (out.includes('\n')) resolve(out.split('\n')[0]!)
          })
          server.once('close', (code) => reject(new Error(`spec-ci report serve exited ${code}`)))
        })
        const served = await openDashboard(browser!, url)
        expect(await served.page.evaluate('window.__pwned')).toBeUndefined()
        expect(await served.page.locator('[data-testid=failures] > li').count()).toBe(d.summary.failures.length)
        expect(served.errors).toEqual([])
        expect(served.outside).toEqual([])
        await served.close()
      } finally {
        server.kill('SIGTERM')
      }
    } finally {
      project.remove()
    }
  })

  test('1,000 traces: first paint and render measured, the matrix pages 200 rows at a time, filtering stays quick', async () => {
    const summary = syntheticSummary(1000)
    const history = syntheticHistory(summary, 20)
    const dir = tempDir('dashboard-1000')
    const file = path.join(dir, 'spec-ci/index.html')
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, buildDashboard(summary, history))
    const started = Date.now()
    const opened = await openDashboard(browser!, file)
    const wall = Date.now() - started
    const { page } = opened
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      rendered: performance.getEntriesByName('spec-ci-rendered')[0]?.startTime ?? null,
    }))
    const line = `dashboard at 1,000 traces: ${kb(file)}; first contentful paint ${timing.fcp?.toFixed(0)} ms, rendered ${timing.rendered?.toFixed(0)} ms after navigation (${wall} ms to open in the test)`
    console.log(line)
    writeFileSync(path.join(shotsDir, 'timing-1000-traces.txt'), `${line}\n`)
    expect(timing.fcp).not.toBeNull()
    expect(timing.rendered).toBeLessThan(5_000)
    await expectSections(page, summary)
    await page.locator('[data-testid=more-traces]').click()
    expect(await page.locator('[data-testid=matrix] tbody tr[data-trace-row]').count()).toBe(400)
    await page.fill('#trace-search', 'trace-0999')
    expect(await page.locator('[data-testid=matrix] tbody tr[data-trace-row]').count()).toBe(1)
    await page.fill('#trace-search', '')
    // Rules that fail now and did not in the run before are marked.
    expect(await page.locator('[data-testid=newly-failing] li').count()).toBe(1)
    expect(await page.locator('[data-testid=matrix] td .new').count()).toBe(1)
    await expectCleanAndShoot(opened, 'thousand-traces')
    await opened.close()
  })
})

const RULES = ['event-schema', 'multiple-success', 'duplicate-without-success', 'retry-bound-exceeded', 'retry-attempt-out-of-sequence', 'retry-context-missing', 'success-attempt-mismatch']

/** A run of `n` traces, every tenth invalid with a few violations, every fiftieth with a race of 20 events. */
function syntheticSummary(n: number): Summary {
  const traces: ConformanceTraceSummary[] = []
  for (let i = 0; i < n; i++) {
    const bad = i % 10 === 9
    const file = `traces/trace-${String(i).padStart(4, '0')}.ndjson`
    const issues: ConformanceTraceSummary['issues'] = []
    if (bad)
      for (let k = 0; k < 5; k++) {
        const issue: ConformanceTraceSummary['issues'][number] = { rule: 'multiple-success', line: 10 + k, key: `key-${k}`, message: `key-${k} already had a success at line ${k + 1}`, severity: 'error' }
        if (i % 50 === 49 && k === 0)
          issue.concurrency = {
            verdict: 'violation',
            clock: 'time',
            events: Array.from({ length: 20 }, (_, e) => ({ line: e + 1, type: e % 3 === 0 ? 'success' : 'retry', actor: `writer-${e % 4}`, start: String(1_000_000_000n + BigInt(e) * 5_000_000n), end: String(1_000_000_000n + BigInt(e) * 5_000_000n + 12_000_000n) })),
            longestOrder: Array.from({ length: 8 }, (_, e) => ({ line: e + 1, type: e % 3 === 0 ? 'success' : 'retry' })),
            candidates: [{ line: 9, type: 'retry', outcome: 'rejected' }],
          }
        issues.push(issue)
      }
    traces.push({
      file,
      format: 'ndjson',
      gzip: false,
      spec: 'kvonce',
      events: 200 + i,
      valid: !bad,
      issues,
      rules: RULES.map((rule) => ({ rule, severity: 'error' as const, state: bad && rule === 'multiple-success' ? ('failed' as const) : ('passed' as const), count: bad && rule === 'multiple-success' ? 5 : 0 })),
    })
  }
  const failed = traces.filter((t) => !t.valid).length
  const totals = { files: n, tests: n * RULES.length, passed: n * RULES.length - failed, failed, skipped: 0, durationMs: 42_000 }
  return {
    schema: 'vitest-spec-ci/summary@1',
    generatedAt: '2026-01-02T03:04:05.000Z',
    status: 'failed',
    totals,
    projects: [{ name: 'conformance', status: 'failed', totals, files: traces.map((t) => ({ file: t.file, status: t.valid ? 'passed' : 'failed', tests: RULES.length, passed: RULES.length - (t.valid ? 0 : 1), failed: t.valid ? 0 : 1, skipped: 0 })) }],
    conformance: { traces },
    failures: traces.filter((t) => !t.valid).map((t) => ({ project: 'conformance', file: t.file, line: 10, test: 'rule multiple-success', message: '5 violations' })),
  }
}

/** Earlier runs in which the same rules failed, except one that starts failing in this run. */
function syntheticHistory(summary: Summary, runs: number): HistoryRun[] {
  const failing = summary.conformance!.traces.filter((t) => !t.valid).map((t) => `${t.file} › multiple-success`)
  const history: HistoryRun[] = []
  for (let i = 0; i < runs; i++) {
    const last = i === runs - 1
    const rules = last ? failing : failing.slice(1)
    history.push({
      generatedAt: new Date(Date.parse(summary.generatedAt) - (runs - 1 - i) * 3_600_000).toISOString(),
      status: 'failed',
      totals: { tests: summary.totals.tests, passed: summary.totals.tests - rules.length, failed: rules.length, skipped: 0, durationMs: 40_000 + i * 100 },
      projects: [{ name: 'conformance', status: 'failed', tests: summary.totals.tests, passed: summary.totals.tests - rules.length, failed: rules.length, skipped: 0, durationMs: 40_000 + i * 100 }],
      failingRules: rules.slice(0, 200),
    })
  }
  return history
}
