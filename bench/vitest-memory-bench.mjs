// Main-process memory (#17): 10 KvOnce traces of 100,000 events each (~12 MB a file) through a whole
// `vitest run --project conformance` (worker threads: the run is one process, so its peak RSS is the
// whole run's), next to the same 10 files read the way Vitest 4.1 reads every test file before running it
// (getSpecificationsOptions: fs.promises.readFile(file, 'utf-8') of all files at once, looking for
// `@vitest-environment` docblocks; the plugin skips that read for its input files,
// plugin/skip-pragma-reads.ts), and a trivial run of 10 files. Peak RSS is each child's own VmHWM
// (report-peak-rss.mjs); alternating, median of the repeats. The target is < 200 MB for the whole run.
// The gzipped run is the same check over the compressed files (each decompressed as it is read).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeKvOnceTrace } from './make-kvonce-trace.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '..')
const vitest = path.join(repo, 'node_modules', 'vitest', 'vitest.mjs')
const peakRss = path.join(here, 'report-peak-rss.mjs')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const TRACES = 10
const EVENTS = 100_000
const RULES = 7

async function makeSuite() {
  const dir = path.join(here, '.data', `vitest-memory-${TRACES}x${EVENTS}`)
  const traces = []
  for (let n = 0; n < TRACES; n++) traces.push(await makeKvOnceTrace(path.join(dir, 'traces', `t-${n}.ndjson`), { events: EVENTS, keys: 10_000 }))
  // The same traces gzipped: Vitest's read is then of the compressed bytes (~0.6 MB a file).
  mkdirSync(path.join(dir, 'gzipped'), { recursive: true })
  traces.forEach((file, n) => {
    const gz = path.join(dir, 'gzipped', `t-${n}.ndjson.gz`)
    if (!existsSync(gz)) writeFileSync(gz, gzipSync(readFileSync(file)))
  })
  // By package name, as a user's config imports it (resolved through this package's own "exports"): a
  // path would make Vite's config loader bundle the whole plugin into the config, every run.
  const plugin = JSON.stringify('vitest-spec-ci')
  for (const [config, glob] of [['vitest.config.mjs', 'traces/**/*.ndjson'], ['vitest.gzipped.config.mjs', 'gzipped/**/*.ndjson.gz']])
    writeFileSync(
      path.join(dir, config),
      `import { defineConfig } from 'vitest/config'\nimport { specCi } from ${plugin}\nexport default defineConfig({ plugins: [specCi({ conformance: { traces: [${JSON.stringify(glob)}] } })] })\n`,
    )
  mkdirSync(path.join(dir, 'trivial'), { recursive: true })
  for (let n = 0; n < TRACES; n++) {
    const file = path.join(dir, 'trivial', `t-${n}.test.mjs`)
    if (!existsSync(file)) writeFileSync(file, `import { expect, test } from 'vitest'\n${Array.from({ length: RULES }, (_, r) => `test('rule ${r}', () => { expect(${r}).toBe(${r}) })`).join('\n')}\n`)
  }
  writeFileSync(path.join(dir, 'vitest.trivial.config.mjs'), `import { defineConfig } from 'vitest/config'\nexport default defineConfig({ test: { include: ['trivial/**/*.test.mjs'], pool: 'threads', isolate: false } })\n`)
  // What Vitest does with every test file in the main process, and nothing else.
  writeFileSync(
    path.join(dir, 'vitest-read.mjs'),
    `import { promises } from 'node:fs'\nconst files = ${JSON.stringify(traces)}\nconst texts = await Promise.all(files.map((f) => promises.readFile(f, 'utf-8')))\nfor (const t of texts) t.match(/@(?:vitest|jest)-environment\\s+([\\w-]+)\\b/)\n`,
  )
  return dir
}

/** Peak RSS (MB) and wall time of one child process run under report-peak-rss.mjs. */
function measured(dir, args, check) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'spec-ci-memory-bench-'))
  try {
    const rssFile = path.join(scratch, 'rss.json')
    const env = { ...process.env, BENCH_RSS_FILE: rssFile, SPEC_CI_REPORT_DIR: path.join(scratch, 'reports') }
    for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
    const start = performance.now()
    const stdout = execFileSync(process.execPath, ['--import', peakRss, ...args(scratch)], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 })
    const ms = performance.now() - start
    check?.(stdout, scratch)
    return { ms, rss: JSON.parse(readFileSync(rssFile, 'utf8')).maxRssMb }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** A whole run must pass every rule test of every trace, or the bench stops. */
function allPassed(what, tests) {
  return (_stdout, scratch) => {
    const report = JSON.parse(readFileSync(path.join(scratch, 'report.json'), 'utf8'))
    if (report.numPassedTests !== tests || report.numFailedTests !== 0) throw new Error(`vitest memory bench: ${what} passed ${report.numPassedTests} of ${tests} tests`)
  }
}

export async function vitestMemoryBench(repeats) {
  const dir = await makeSuite()
  const tests = TRACES * RULES
  const run = (config, what, extra = []) => measured(dir, (scratch) => [vitest, 'run', '--config', config, ...extra, '--reporter=json', `--outputFile=${path.join(scratch, 'report.json')}`], allPassed(what, tests))
  const sides = {
    ours: () => run('vitest.config.mjs', 'the conformance project', ['--project', 'conformance']),
    read: () => measured(dir, () => ['vitest-read.mjs']),
    gzipped: () => run('vitest.gzipped.config.mjs', 'the conformance project over gzipped traces', ['--project', 'conformance']),
    trivial: () => run('vitest.trivial.config.mjs', 'the trivial files'),
  }
  const rows = { ours: [], read: [], gzipped: [], trivial: [] }
  for (let i = 0; i < repeats; i++) for (const [name, side] of Object.entries(sides)) rows[name].push(side())
  const m = (name, key) => median(rows[name].map((r) => r[key]))
  const ours = m('ours', 'rss')
  console.log(`vitest memory: ${TRACES} KvOnce traces × ${EVENTS.toLocaleString('en')} events (${TRACES * 12} MB) through \`vitest run\` (threads: one process), peak RSS, median of ${repeats}`)
  console.log(`  conformance project, whole run          ${ours.toFixed(0).padStart(5)} MB   ${m('ours', 'ms').toFixed(0).padStart(6)} ms`)
  console.log(`  Vitest's own read of the 10 files alone ${m('read', 'rss').toFixed(0).padStart(5)} MB   (readFile utf-8 of every test file at once, getSpecificationsOptions; skipped for traces)`)
  console.log(`  the same traces gzipped, whole run      ${m('gzipped', 'rss').toFixed(0).padStart(5)} MB   ${m('gzipped', 'ms').toFixed(0).padStart(6)} ms`)
  console.log(`  10 trivial test files, whole run        ${m('trivial', 'rss').toFixed(0).padStart(5)} MB`)
  console.log(`  target < 200 MB: ${ours < 200 ? 'met' : 'missed'}`)
  return { rss: ours, ok: ours < 200 }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await vitestMemoryBench(Number(process.env.BENCH_REPEATS ?? 1))
