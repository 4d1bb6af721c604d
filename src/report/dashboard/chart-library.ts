import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** uPlot's minified script and stylesheet, inlined into the page (no network, works from `file://`). */
export interface ChartLibrary {
  name: string
  version: string
  script: string
  style: string
}

let cached: ChartLibrary | undefined

/**
 * Reads uPlot (a dependency of the package) from where Node resolves it, once per process. A closing
 * script tag cannot occur in the library, but it is checked, since the text goes into an inline `<script>`.
 */
export function chartLibrary(): ChartLibrary {
  if (cached) return cached
  const require = createRequire(import.meta.url)
  const read = (file: string): string => readFileSync(require.resolve(file), 'utf8')
  const script = read('uplot/dist/uPlot.iife.min.js')
  if (/<\/script/i.test(script)) throw new Error('uplot/dist/uPlot.iife.min.js contains "</script", which cannot be inlined into the dashboard')
  const { version } = JSON.parse(read('uplot/package.json')) as { version: string }
  cached = { name: 'uPlot', version, script, style: read('uplot/dist/uPlot.min.css') }
  return cached
}
