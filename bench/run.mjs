// pnpm bench: each figure is measured in this one run, side by side, in fresh child processes
// (so each peak RSS is that side's alone), alternating sides, median of the repeats.
import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeKvOnceTrace } from './make-kvonce-trace.mjs'
import { vitestOverheadBench } from './vitest-overhead.mjs'
import { driftBench } from './drift-bench.mjs'
import { oneKeyMemoryBench } from './one-key-memory.mjs'
import { otlpReceiverBench } from './otlp-receiver-bench.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repeats = Number(process.env.BENCH_REPEATS ?? 3)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const runNode = (script, args) => JSON.parse(execFileSync(process.execPath, [path.join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 }))

async function conformanceBench() {
  const trace = await makeKvOnceTrace(path.join(here, '.data', 'kvonce-1m.ndjson'))
  const sizeMb = statSync(trace).size / 1024 / 1024
  const base = []
  const ours = []
  for (let i = 0; i < repeats; i++) {
    base.push(runNode('read-parse-baseline.mjs', [trace]))
    ours.push(runNode('validate-trace.mjs', [trace]))
  }
  const b = median(base.map((r) => r.ms))
  const o = median(ours.map((r) => r.ms))
  const last = ours[ours.length - 1]
  console.log(`conformance: 1,000,000-event KvOnce NDJSON trace (${sizeMb.toFixed(1)} MB, ${last.keys} keys), median of ${repeats}`)
  console.log(`  read + JSON.parse every line   ${b.toFixed(0).padStart(6)} ms   peak RSS ${median(base.map((r) => r.maxRssMb)).toFixed(0)} MB`)
  console.log(`  spec-ci validation (kvonce)    ${o.toFixed(0).padStart(6)} ms   peak RSS ${median(ours.map((r) => r.maxRssMb)).toFixed(0)} MB   events ${last.events}, violations ${last.violations}`)
  console.log(`  ratio validation / read+parse  ${(o / b).toFixed(2)}x   (target ≤ 1.5x; peak RSS target < 200 MB)`)
  return { ratio: o / b, rss: median(ours.map((r) => r.maxRssMb)) }
}

const results = {
  conformance: await conformanceBench(),
  // Two ~10 s CLI runs per repeat; a run's peak RSS now and then lands 20% off, hence the median.
  oneKeyMemory: await oneKeyMemoryBench(Number(process.env.BENCH_ONE_KEY_REPEATS ?? repeats)),
  vitestOverhead: vitestOverheadBench(repeats),
  drift: driftBench(repeats),
  otlpReceiver: await otlpReceiverBench(repeats),
}
const ok =
  results.conformance.ratio <= 1.5 &&
  results.conformance.rss < 200 &&
  results.oneKeyMemory.ratio <= 1.2 &&
  results.vitestOverhead.ratio <= 1.2 &&
  results.drift.ratio <= 3 &&
  results.otlpReceiver.agree &&
  results.otlpReceiver.ratio <= 1.5 &&
  results.otlpReceiver.rss < 250
console.log(ok ? 'all targets met' : 'TARGET MISSED')
process.exitCode = ok ? 0 : 1
