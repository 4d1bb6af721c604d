// pnpm bench: each figure is measured in this one run, side by side, in fresh child processes
// (so each peak RSS is that side's alone), alternating sides, median of the repeats.
import { execFileSync, spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeKvOnceTrace } from './make-kvonce-trace.mjs'
import { makeConcurrentKvOnceTrace } from './make-concurrent-kvonce-trace.mjs'
import { vitestOverheadBench } from './vitest-overhead.mjs'
import { driftBench } from './drift-bench.mjs'
import { oneKeyMemoryBench } from './one-key-memory.mjs'
import { otlpReceiverBench } from './otlp-receiver-bench.mjs'
import { bddBench } from './bdd-bench.mjs'
import { cliBench } from './cli-bench.mjs'
import { vitestMemoryBench } from './vitest-memory-bench.mjs'
import { contractBench } from './contract-bench.mjs'
import { conformanceFilesBench } from './conformance-files-bench.mjs'
import { propertyConcurrentBench } from './property-concurrent-bench.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repeats = Number(process.env.BENCH_REPEATS ?? 3)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const runNode = (script, args) => JSON.parse(execFileSync(process.execPath, [path.join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 }))

// Two ~1 s processes a repeat, whose ratio swung 1.30-1.61x between whole-bench runs at 3: the median of 5.
async function conformanceBench(repeats) {
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

// The same 1,000,000 events twice: with intervals, up to 8 overlapping writers per key (windows decided
// over the orders real time allows), and as their sequential replay (points, each window in the order
// the engine finds). Both sides must see the same events and violations.
async function concurrentBench(samples) {
  const { concurrent, sequential } = await makeConcurrentKvOnceTrace(path.join(here, '.data'))
  const seq = []
  const conc = []
  for (let i = 0; i < samples; i++) {
    seq.push(runNode('validate-trace.mjs', [sequential]))
    conc.push(runNode('validate-trace.mjs', [concurrent]))
  }
  const s = median(seq.map((r) => r.ms))
  const c = median(conc.map((r) => r.ms))
  const rss = median(conc.map((r) => r.maxRssMb))
  const counts = (r) => `${r.events}/${r.violations}`
  const all = [...seq, ...conc]
  const agree = all.every((r) => r.events === 1_000_000 && counts(r) === counts(all[0]))
  const lc = conc[conc.length - 1]
  const ls = seq[seq.length - 1]
  console.log(`concurrency: 1,000,000-event KvOnce NDJSON trace with intervals, up to 8 overlapping writers per key (${lc.keys} keys), median of ${samples}`)
  console.log(`  sequential replay (points)     ${s.toFixed(0).padStart(6)} ms   peak RSS ${median(seq.map((r) => r.maxRssMb)).toFixed(0)} MB   events ${ls.events}, violations ${ls.violations}`)
  console.log(`  concurrent (start/end)         ${c.toFixed(0).padStart(6)} ms   peak RSS ${rss.toFixed(0)} MB   events ${lc.events}, violations ${lc.violations}`)
  console.log(`  ratio concurrent / sequential  ${(c / s).toFixed(2)}x   (target ≤ 3x; peak RSS target < 300 MB)${agree ? '' : '   EVENT OR VIOLATION COUNTS DIFFER'}`)
  return { ratio: c / s, rss, agree }
}

// Porcupine's oracle histories in-process (no target: printed beside Porcupine's own figures).
function porcupineOracle() {
  const r = runNode('porcupine-oracle.mjs', ['--json', '--runs', String(repeats)])
  const set = (x) => `first ${x.firstMs} ms, best of ${repeats} ${x.bestMs} ms (check alone ${x.bestCheckMs} ms; Porcupine ${x.porcupineMs} ms)`
  console.log('porcupine oracle (in-process read + check, one process)')
  console.log(`  102 etcd histories             ${set(r.etcd102)}`)
  console.log(`  c50-ok + c50-bad               ${set(r.c50)}`)
  console.log(`  total                          first ${r.etcd102.firstMs + r.c50.firstMs} ms, best ${r.etcd102.bestMs + r.c50.bestMs} ms   verdicts differing from Porcupine's: ${r.etcd102.mismatches + r.c50.mismatches}`)
  return r
}

/**
 * The property line in a fresh process, as every other line is: run in this process after the other
 * lines, its heap and JIT state were theirs (1.18x here, 1.08-1.10x in a process of its own, as the
 * same two functions alternate in both). It prints its own lines; exit 0: target met, 1: missed,
 * anything else: it broke (a property that failed, a crash).
 */
function propertyInChild(samples) {
  const child = spawnSync(process.execPath, [path.join(here, 'property-bench.mjs')], { stdio: 'inherit', env: { ...process.env, BENCH_REPEATS: String(samples) } })
  if (child.status !== 0 && child.status !== 1) throw new Error(`property bench failed (exit ${child.status}, signal ${child.signal})`)
  return { ok: child.status === 0 }
}

const results = {
  conformance: await conformanceBench(Math.max(repeats, 5)),
  // ~1 s and ~2.5 s processes; with 3 repeats the ratio swung 2.35-3.08x between runs of the same build.
  concurrency: await concurrentBench(Math.max(repeats, 5)),
  porcupine: porcupineOracle(),
  // Two ~10 s CLI runs per repeat; a run's peak RSS now and then lands 20% off, hence the median.
  oneKeyMemory: await oneKeyMemoryBench(Number(process.env.BENCH_ONE_KEY_REPEATS ?? repeats)),
  // Whole runs of under a second each, which this VM swings by ±0.1x between runs: the median of 9.
  vitestOverhead: vitestOverheadBench(Math.max(repeats, 9)),
  drift: driftBench(repeats),
  otlpReceiver: await otlpReceiverBench(repeats),
  // Three ~1.5 s processes a repeat; with 3 repeats the ratio swung 1.14-1.39x between runs, with 5
  // 1.26-1.36x.
  cli: await cliBench(Math.max(repeats, 7)),
  vitestMemory: await vitestMemoryBench(repeats),
  contract: await contractBench(repeats),
  bdd: bddBench(repeats),
  conformanceFiles: conformanceFilesBench(repeats),
  property: propertyInChild(Math.max(repeats, 15)),
  propertyConcurrent: await propertyConcurrentBench(repeats),
}
const ok =
  results.conformance.ratio <= 1.5 &&
  results.conformance.rss < 200 &&
  results.concurrency.agree &&
  results.concurrency.ratio <= 3 &&
  results.concurrency.rss < 300 &&
  results.oneKeyMemory.ratio <= 1.2 &&
  results.vitestOverhead.ratio <= 1.2 &&
  results.drift.ratio <= 3 &&
  results.otlpReceiver.agree &&
  results.otlpReceiver.ratio <= 1.5 &&
  results.otlpReceiver.rss < 250 &&
  results.cli.ok &&
  results.vitestMemory.ok &&
  results.contract.ok &&
  results.bdd.ok &&
  results.conformanceFiles.ok &&
  results.property.ok &&
  results.propertyConcurrent.ok
console.log(ok ? 'all targets met' : 'TARGET MISSED')
process.exitCode = ok ? 0 : 1
