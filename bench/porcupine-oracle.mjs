// Porcupine's oracle histories checked in-process by the built package (run `pnpm build` first):
// the 102 etcd register histories, and kv c50-ok + c50-bad. Times are read + check per history, as
// Porcupine's `go test -v` durations are parse + check; the check alone is printed beside them.
// Each set is timed in a fresh process order: first run (cold JIT), then the best of `--runs` more.
//   node bench/porcupine-oracle.mjs [etcd102|c50 …] [--runs N] [--json]   (no set named: both, in one process)
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { checkHistory, kv, readJepsenHistory, readJepsenHistoryFile, register } from '../dist/src/index.js'
import { etcdLogToEdn } from '../tests/fixtures/porcupine/etcd-log-to-edn.mjs'

const dir = new URL('../tests/fixtures/porcupine/', import.meta.url)
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')).linearizable
const args = process.argv.slice(2)
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 3 : 3
const json = args.includes('--json')

const etcd = Object.keys(expected).filter((n) => n.startsWith('jepsen/'))
const c50 = ['kv/c50-ok.txt', 'kv/c50-bad.txt']

async function read(name) {
  if (name.startsWith('jepsen/')) {
    const edn = etcdLogToEdn(readFileSync(new URL(name, dir), 'utf8'))
    return readJepsenHistory(Readable.from([edn]), { keepFailed: register.keepFailed })
  }
  return readJepsenHistoryFile(new URL(name, dir).pathname)
}

async function runSet(names) {
  let total = 0
  let check = 0
  let steps = 0
  let mismatches = []
  for (const name of names) {
    const start = performance.now()
    const history = await read(name)
    const checkStart = performance.now()
    const result = checkHistory(history.operations, name.startsWith('jepsen/') ? register : kv)
    const end = performance.now()
    total += end - start
    check += end - checkStart
    steps += result.steps
    if (result.verdict !== (expected[name] ? 'ok' : 'violation')) mismatches.push(`${name}: ${result.verdict}`)
  }
  return { totalMs: total, checkMs: check, steps, mismatches }
}

const sets = { etcd102: { names: etcd, porcupineMs: 370 }, c50: { names: c50, porcupineMs: 250 } }
const chosen = args.filter((a) => a in sets)
const out = {}
for (const [label, { names, porcupineMs }] of Object.entries(sets)) {
  if (chosen.length > 0 && !chosen.includes(label)) continue
  const first = await runSet(names)
  let best = first
  for (let i = 0; i < runs; i++) {
    const r = await runSet(names)
    if (r.totalMs < best.totalMs) best = r
  }
  out[label] = {
    histories: names.length,
    firstMs: Math.round(first.totalMs),
    bestMs: Math.round(best.totalMs),
    bestCheckMs: Math.round(best.checkMs),
    steps: best.steps,
    porcupineMs,
    ratioFirst: +(first.totalMs / porcupineMs).toFixed(2),
    ratioBest: +(best.totalMs / porcupineMs).toFixed(2),
    mismatches: best.mismatches.length + first.mismatches.length,
  }
}
out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
if (json) process.stdout.write(`${JSON.stringify(out)}\n`)
else {
  for (const [label, r] of Object.entries(out)) {
    if (typeof r !== 'object') continue
    process.stdout.write(`${label}: ${r.histories} histories, first ${r.firstMs} ms (${r.ratioFirst}x Porcupine's ${r.porcupineMs} ms), best of ${runs} ${r.bestMs} ms (${r.ratioBest}x; check alone ${r.bestCheckMs} ms), ${r.steps} steps, ${r.mismatches} verdicts differing from Porcupine's\n`)
  }
  process.stdout.write(`max RSS ${out.maxRssMb} MB\n`)
}
if (Object.values(out).some((r) => typeof r === 'object' && r.mismatches > 0)) process.exitCode = 1
