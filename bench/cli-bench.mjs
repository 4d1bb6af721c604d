// `spec-ci trace validate` as a user runs it (a whole process, reports written) on a 1M-event trace over
// 286,000 keys, beside a readline + JSON.parse loop over the same file; and the engine alone in-process
// on it. Wall time of each child process and its own peak RSS (VmHWM, report-peak-rss.mjs), alternating,
// median of the repeats.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeKvOnceTrace } from './make-kvonce-trace.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function measured(args) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'spec-ci-cli-bench-'))
  try {
    const rssFile = path.join(scratch, 'rss.json')
    const start = performance.now()
    const stdout = execFileSync(process.execPath, ['--import', path.join(here, 'report-peak-rss.mjs'), ...args(scratch)], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    })
    const ms = performance.now() - start
    return { ms, stdout, rss: JSON.parse(readFileSync(rssFile, 'utf8')).maxRssMb }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

export async function cliBench(repeats) {
  const trace = await makeKvOnceTrace(path.join(here, '.data', 'kvonce-1m-286k.ndjson'), { keys: 286_000 })
  const base = []
  const cli = []
  const engine = []
  for (let i = 0; i < repeats; i++) {
    base.push(measured(() => [path.join(here, 'readline-parse-baseline.mjs'), trace]))
    cli.push(measured((scratch) => [path.join(here, '..', 'dist', 'cli', 'bin.js'), 'trace', 'validate', trace, '--quiet', '--out', scratch]))
    engine.push(measured(() => [path.join(here, 'validate-trace.mjs'), trace]))
  }
  const valid = cli.every((r) => r.stdout.includes(': valid (kvonce, ndjson, 1000000 events)'))
  const m = (rows, key) => median(rows.map((r) => r[key]))
  const ratio = m(cli, 'ms') / m(base, 'ms')
  console.log(`cli: \`spec-ci trace validate\` on a 1,000,000-event KvOnce trace over 286,000 keys (whole processes), median of ${repeats}`)
  console.log(`  readline + JSON.parse every line  ${m(base, 'ms').toFixed(0).padStart(6)} ms   peak RSS ${m(base, 'rss').toFixed(0)} MB`)
  console.log(`  spec-ci trace validate            ${m(cli, 'ms').toFixed(0).padStart(6)} ms   peak RSS ${m(cli, 'rss').toFixed(0)} MB${valid ? '' : '   VERDICT WRONG'}`)
  console.log(`  the engine alone (in-process)     ${m(engine, 'ms').toFixed(0).padStart(6)} ms   peak RSS ${m(engine, 'rss').toFixed(0)} MB`)
  console.log(`  ratio cli / readline              ${ratio.toFixed(2)}x   (target ≤ 1.3x; peak RSS targets < 200 MB, cli and engine)`)
  return { ok: valid && ratio <= 1.3 && m(cli, 'rss') < 200 && m(engine, 'rss') < 200 }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await cliBench(Number(process.env.BENCH_REPEATS ?? 1))
