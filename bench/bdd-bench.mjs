// BDD smoke side by side: the same feature suite through vitest-spec-ci's generate project, cucumber-js
// and @amiceli/vitest-cucumber, whole child processes (wall time), alternating, median of the repeats, at
// several sizes (BENCH_BDD_SIZES, default 50,100,200 features of 15 scenarios). Each run must pass every
// scenario, or the bench stops: a fast failing run proves nothing.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeBddSuite, SCENARIOS_PER_FEATURE } from './make-bdd-suite.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const vitest = path.join(repo, 'node_modules', 'vitest', 'vitest.mjs')
const cucumberJs = path.join(repo, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function timed(dir, args, what) {
  const env = { ...process.env }
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key.startsWith('SPEC_CI')) delete env[key]
  const start = performance.now()
  const child = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 })
  const ms = performance.now() - start
  if (child.status !== 0) throw new Error(`bdd bench: ${what} failed (exit ${child.status}):\n${(child.stderr || child.stdout).slice(-2000)}`)
  return ms
}

/** A Vitest run whose JSON report must show `tests` passed tests and none failed. */
function vitestRun(dir, config, tests, what, extra = []) {
  const out = path.join(dir, `.${config}.json`)
  rmSync(out, { force: true })
  const ms = timed(dir, [vitest, 'run', '--config', config, ...extra, '--reporter=json', `--outputFile=${out}`], what)
  const report = JSON.parse(readFileSync(out, 'utf8'))
  if (report.numPassedTests !== tests || report.numFailedTests !== 0) throw new Error(`bdd bench: ${what} passed ${report.numPassedTests} of ${tests} tests (${report.numFailedTests} failed)`)
  return ms
}

function cucumberRun(dir, scenarios) {
  const out = path.join(dir, '.cucumber.json')
  rmSync(out, { force: true })
  const ms = timed(dir, [cucumberJs, 'features/**/*.feature', '--import', 'cucumber-steps.mjs', '--format', `json:${out}`], 'cucumber-js')
  const features = JSON.parse(readFileSync(out, 'utf8'))
  const passed = features.flatMap((f) => f.elements).filter((s) => s.steps.every((st) => st.result.status === 'passed')).length
  if (passed !== scenarios) throw new Error(`bdd bench: cucumber-js passed ${passed} of ${scenarios} scenarios`)
  return ms
}

export function bddBench(repeats, sizes = (process.env.BENCH_BDD_SIZES ?? '50,100,200').split(',').map(Number)) {
  const rows = []
  for (const features of sizes) {
    const dir = makeBddSuite(features)
    const scenarios = features * SCENARIOS_PER_FEATURE
    const sides = {
      // The generate project also runs its one "step definitions are all used" test.
      ours: () => vitestRun(dir, 'vitest.spec-ci.config.mjs', scenarios + 1, 'vitest-spec-ci', ['--project', 'generate']),
      cucumber: () => cucumberRun(dir, scenarios),
      // vitest-cucumber makes each step a test.
      vitestCucumber: () => vitestRun(dir, 'vitest.cucumber.config.mjs', scenarios * 3, '@amiceli/vitest-cucumber'),
    }
    for (const run of Object.values(sides)) run() // warm caches and Vite's optimiser on every side
    const times = { ours: [], cucumber: [], vitestCucumber: [] }
    // vitest-cucumber's run takes some 10x ours: it is measured once per size after its warm run (its
    // ratio is far from the 0.5x target either way), so the bench stays short enough to run twice.
    for (let i = 0; i < repeats; i++) for (const [name, run] of Object.entries(sides)) if (name !== 'vitestCucumber' || i === 0) times[name].push(run())
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]))
    rows.push({ features, scenarios, ...m, vsCucumber: m.ours / m.cucumber, vsVitestCucumber: m.ours / m.vitestCucumber })
  }
  console.log(`bdd: features of ${SCENARIOS_PER_FEATURE} scenarios, whole runs, median of ${repeats} (vitest-cucumber: one run after its warm run)`)
  for (const r of rows)
    console.log(
      `  ${String(r.features).padStart(4)} features (${r.scenarios} scenarios)   vitest-spec-ci ${r.ours.toFixed(0).padStart(6)} ms   cucumber-js ${r.cucumber.toFixed(0).padStart(6)} ms   vitest-cucumber ${r.vitestCucumber.toFixed(0).padStart(6)} ms   ` +
        `ours/cucumber-js ${r.vsCucumber.toFixed(2)}x (target ≤ 3x)   ours/vitest-cucumber ${r.vsVitestCucumber.toFixed(2)}x (target ≤ 0.5x)`,
    )
  const largest = rows.at(-1)
  return { rows, ok: largest.vsCucumber <= 3 && largest.vsVitestCucumber <= 0.5 }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) bddBench(Number(process.env.BENCH_REPEATS ?? 1))
