import { createHash } from 'node:crypto'
import type { Summary } from '../summary-types.ts'
import { chartLibrary, type ChartLibrary } from './chart-library.ts'
import { embedJson } from './embed-json.ts'
import { newlyFailingRules } from './history-run.ts'
import type { HistoryRun } from './history-types.ts'
import { PAGE_SCRIPT } from './page-script.ts'
import { LEGEND_STYLE, PAGE_STYLE } from './page-style.ts'

/** What the page embeds: the summary as written to summary.json, and the runs of the history. */
export interface DashboardData {
  summary: Summary
  /** Oldest first, this run last; empty when history is off. */
  history: HistoryRun[]
  /** Conformance rules failing now that did not in the run before (`<trace> › <rule>`). */
  newlyFailing: string[]
}

export interface DashboardOptions {
  /** The chart library to inline; `null` leaves the charts out (the history table stays). Default: uPlot from node_modules. */
  chartLibrary?: ChartLibrary | null
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/**
 * `<dir>/spec-ci/index.html`: one self-contained page (inline styles, scripts and data; no request
 * leaves it) built from a summary and its history. The Content-Security-Policy allows only the page's
 * own two scripts, by hash, and no connection at all: even text that escaped the escaping could run nothing.
 */
export function buildDashboard(summary: Summary, history: ReadonlyArray<HistoryRun> = [], options: DashboardOptions = {}): string {
  const library = options.chartLibrary === undefined ? chartLibrary() : options.chartLibrary
  const data: DashboardData = { summary, history: [...history], newlyFailing: newlyFailingRules(history) }
  const scripts = library ? [library.script, PAGE_SCRIPT] : [PAGE_SCRIPT]
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  const title = `spec-ci ${summary.status}: ${summary.totals.failed} failed of ${summary.totals.tests} tests`
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="vitest-spec-ci${library ? `; ${library.name} ${escapeHtml(library.version)}` : ''}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${library ? library.style : ''}${PAGE_STYLE}${LEGEND_STYLE}</style>`,
    '</head>',
    '<body>',
    '<a class="sr-only" href="#main">Skip to the results</a>',
    '<header class="top" id="run"></header>',
    '<nav class="sections" id="nav" aria-label="Sections"></nav>',
    '<main id="main" tabindex="-1"><noscript><p>This dashboard needs JavaScript; summary.json and summary.md beside it hold the same data.</p></noscript></main>',
    '<div id="live" class="sr-only" aria-live="polite"></div>',
    `<script type="application/json" id="spec-ci-data">${embedJson(data)}</script>`,
    ...scripts.map((s) => `<script>${s}</script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
