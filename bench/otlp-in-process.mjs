// The in-process side of the OTLP receiver bench: the same protobuf bodies, read from disk, each decoded
// by the package's protobuf reader (openTrace of one body: decode, span → KvOnce event, sorted by start
// time) and all of them checked in one kvonce pass (checkRecords over the bodies' records in posting
// order). Only the package's exported API (the built dist, as users run it). The bodies' start times
// increase from one body to the next, so posting order is the order the receiver's file is checked in.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { checkRecords, openTrace } from '../dist/src/index.js'
import { kvonce } from '../dist/src/built-in-specs/index.js'
import { peakRssMb } from './report-peak-rss.mjs'

const indexFile = process.argv[2]
const start = performance.now()
const { files } = JSON.parse(readFileSync(indexFile, 'utf8'))
const dir = path.dirname(indexFile)
const formats = new Set()
async function* batches() {
  for (const file of files) {
    const trace = await openTrace(path.join(dir, file), { otlpDomain: kvonce.otlpDomain })
    formats.add(trace.format)
    try {
      yield* trace.batches()
    } finally {
      trace.close()
    }
  }
}
const result = await checkRecords(kvonce, { batches })
const ms = performance.now() - start
process.stdout.write(
  JSON.stringify({
    ms,
    bodies: files.length,
    formats: [...formats],
    events: result.events,
    keys: result.projection.fields.keys,
    rules: Object.fromEntries(result.rules.filter((r) => r.count > 0).map((r) => [r.rule, r.count])),
    valid: result.valid,
    ...peakRssMb(),
  }),
)
