// Per-key state must not grow with events (SPEC 10): the `spec-ci trace validate` CLI over 20 M
// attempt-less retries of one key (each one pending until the last line, a numbered retry, makes them
// all retry-context-missing violations) next to the CLI over 20 M successes of one key (state that
// cannot grow: every success after the first is a counted multiple-success violation). Peak RSS of each
// whole CLI process; the ratio is the target.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeOneKeyTrace } from './make-one-key-trace.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const cli = path.join(here, '..', 'dist', 'cli', 'bin.js')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const EVENTS = Number(process.env.BENCH_ONE_KEY_EVENTS ?? 20_000_000)

function runCli(trace, scratch) {
  const rssFile = path.join(scratch, 'rss.json')
  try {
    execFileSync(process.execPath, ['--import', path.join(here, 'report-max-rss.mjs'), cli, 'trace', 'validate', trace, '--quiet', '--out', path.join(scratch, 'out')], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
  } catch (error) {
    if (error.status !== 1) throw error // 1: invalid trace, as both are by design
  }
  return JSON.parse(readFileSync(rssFile, 'utf8'))
}

export async function oneKeyMemoryBench(repeats) {
  const millions = `${EVENTS / 1e6} M`
  const retries = await makeOneKeyTrace(path.join(here, '.data', `kvonce-one-key-retries-${EVENTS}.ndjson`), {
    line: { type: 'retry', key: 'k' },
    count: EVENTS,
    last: { type: 'retry', key: 'k', context: { attempt: EVENTS + 1 } },
  })
  const successes = await makeOneKeyTrace(path.join(here, '.data', `kvonce-one-key-successes-${EVENTS}.ndjson`), { line: { type: 'success', key: 'k' }, count: EVENTS })
  const scratch = mkdtempSync(path.join(tmpdir(), 'spec-ci-bench-one-key-'))
  try {
    const base = []
    const ours = []
    for (let i = 0; i < repeats; i++) {
      base.push(runCli(successes, scratch))
      ours.push(runCli(retries, scratch))
    }
    const b = median(base.map((r) => r.maxRssMb))
    const o = median(ours.map((r) => r.maxRssMb))
    const mb = (file) => (statSync(file).size / 1024 / 1024).toFixed(0)
    console.log(`per-key state: \`spec-ci trace validate\` over one key, whole CLI process, median of ${repeats}`)
    const row = (label, rss, runs) => console.log(`  ${label.padEnd(44)} peak RSS ${rss.toFixed(0).padStart(4)} MB   ${median(runs.map((r) => r.ms)).toFixed(0).padStart(6)} ms`)
    row(`${millions} successes (${mb(successes)} MB)`, b, base)
    row(`${millions} attempt-less retries (${mb(retries)} MB)`, o, ours)
    console.log(`  ${'ratio retries / successes'.padEnd(44)} ${(o / b).toFixed(2)}x   (target ≤ 1.2x)`)
    return { ratio: o / b }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await oneKeyMemoryBench(Number(process.env.BENCH_REPEATS ?? 1))
