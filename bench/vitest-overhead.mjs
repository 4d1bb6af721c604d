// The conformance project over samples/ next to a bare `vitest run` of one trivial test: wall time of
// whole `vitest run` child processes, alternating, median of the repeats.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const vitest = path.join(here, '..', 'node_modules', 'vitest', 'vitest.mjs')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// The conformance side runs with its summary reporter, as the main job does, writing to a scratch dir.
const reportDir = mkdtempSync(path.join(tmpdir(), 'spec-ci-bench-'))
process.on('exit', () => rmSync(reportDir, { recursive: true, force: true }))

function wallMs(configDir, extraArgs = []) {
  const env = { ...process.env, SPEC_CI_REPORT_DIR: reportDir }
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
  const start = performance.now()
  execFileSync(process.execPath, [vitest, 'run', '--config', path.join(here, 'projects', configDir, 'vitest.config.ts'), '--reporter=dot', ...extraArgs], {
    cwd: path.join(here, 'projects', configDir),
    env,
    stdio: 'ignore',
  })
  return performance.now() - start
}

export function vitestOverheadBench(repeats) {
  wallMs('trivial') // warm the file system cache and Vite's dependency optimiser on both sides
  wallMs('conformance-samples', ['--project', 'conformance'])
  const bare = []
  const ours = []
  for (let i = 0; i < repeats; i++) {
    bare.push(wallMs('trivial'))
    ours.push(wallMs('conformance-samples', ['--project', 'conformance']))
  }
  const b = median(bare)
  const o = median(ours)
  console.log(`vitest overhead: whole \`vitest run\` wall time, median of ${repeats}`)
  console.log(`  one trivial test                  ${b.toFixed(0).padStart(6)} ms`)
  console.log(`  conformance project over samples/ ${o.toFixed(0).padStart(6)} ms`)
  console.log(`  ratio                             ${(o / b).toFixed(2)}x   (target ≤ 1.2x)`)
  return { ratio: o / b }
}
