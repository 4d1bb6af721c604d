import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it), or `$SPEC_CI_CHROMIUM`. */
export const chromiumPath: string | undefined = [process.env.SPEC_CI_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => typeof p === 'string' && p !== '' && existsSync(p),
)

export const NO_CHROMIUM = 'no Chromium at /usr/bin/chromium (nor $SPEC_CI_CHROMIUM): the dashboard browser tests are skipped; apt-get install -y chromium to run them'

export interface OpenedPage {
  page: Page
  /** Console messages of type error, page errors, failed requests. */
  errors: string[]
  /** Every request the page made other than for its own file. */
  outside: string[]
  /** Dialogs the page opened (alert, confirm): a script from input ran. */
  dialogs: string[]
  close(): Promise<void>
}

/**
 * Opens a dashboard from `file://` (or an http URL) in a fresh context of the shared browser, with every request that
 * is not for the file itself recorded and aborted, and waits for the page script to finish rendering.
 */
export async function openDashboard(browser: Browser, file: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
  const url = /^https?:\/\//.test(file) ? file : pathToFileURL(file).href
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const errors: string[] = []
  const outside: string[] = []
  const dialogs: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await context.route('**/*', (route) => {
    const requested = route.request().url()
    if (requested === url) return route.continue()
    outside.push(requested)
    return route.abort()
  })
  page.on('request', (r) => {
    if (r.url() !== url && !outside.includes(r.url())) outside.push(r.url())
  })
  await page.goto(url)
  await page.waitForSelector('html[data-rendered="true"]', { timeout: 15_000 })
  return { page, errors, outside, dialogs, close: () => context.close() }
}

/**
 * The lowest WCAG contrast ratio of text on the page, over every element that holds text of its own,
 * against the first opaque background among it and its ancestors; with the element that has it.
 */
export const LOWEST_CONTRAST = `(() => {
  const rgb = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
  let lowest = { ratio: 21, where: '' };
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg, .sr-only, noscript') || !el.getClientRects().length) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own) continue;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < lowest.ratio) lowest = { ratio, where: el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 40) };
  }
  return lowest;
})()`
