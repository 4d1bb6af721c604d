// The measured side: the package's validation of the same file (the built dist, as users run it).
// Peak RSS is this process's own (VmHWM; see report-peak-rss.mjs).
import { checkTraceFile } from '../dist/src/index.js'
import { kvonce } from '../dist/src/built-in-specs/index.js'
import { peakRssMb } from './report-peak-rss.mjs'

const file = process.argv[2]
const start = performance.now()
const result = await checkTraceFile(file, kvonce)
const ms = performance.now() - start
const violations = result.rules.reduce((n, r) => n + r.count, 0)
process.stdout.write(JSON.stringify({ ms, events: result.events, keys: result.projection.fields.keys, violations, valid: result.valid, ...peakRssMb() }))
