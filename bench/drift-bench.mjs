// Drift over a 10,000-file target next to `git diff --no-index` over the same two trees: each side a
// fresh child process (so both pay for starting), alternating, median of the repeats.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const FILES = 10_000

/**
 * Two trees of 10,000 generated-looking files (JSON schemas and text) in 100 folders. The second differs
 * as regenerated output does: 1% of the files really changed, 1% only got a new `generatedAt`, 20 files
 * added and 20 removed.
 */
function makeTrees(base) {
  const a = path.join(base, 'committed')
  const b = path.join(base, 'generated')
  if (existsSync(path.join(base, '.done'))) return { a, b }
  rmSync(base, { recursive: true, force: true })
  for (let i = 0; i < FILES; i++) {
    const dir = `group-${String(i % 100).padStart(3, '0')}`
    mkdirSync(path.join(a, dir), { recursive: true })
    mkdirSync(path.join(b, dir), { recursive: true })
    const isJson = i % 3 !== 0
    const name = path.join(dir, `artifact-${i}.${isJson ? 'json' : 'txt'}`)
    const body = (generatedAt, variant) =>
      isJson
        ? `${JSON.stringify({ $id: `artifact-${i}`, generatedAt, title: `Artifact ${i}`, type: 'object', properties: Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`field${k}`, { type: 'string', description: `field ${k} of artifact ${i}${variant}` }])) }, null, 2)}\n`
        : `Artifact ${i}\n${Array.from({ length: 12 }, (_, k) => `line ${k} of artifact ${i}${variant}`).join('\n')}\n`
    if (i < 20) writeFileSync(path.join(a, name), body('2026-01-01', ''))
    else if (i < 40) writeFileSync(path.join(b, name), body('2026-01-01', ''))
    else {
      writeFileSync(path.join(a, name), body('2026-01-01', ''))
      const changed = i % 100 === 41
      const stamped = isJson && i % 100 === 42
      writeFileSync(path.join(b, name), body(stamped ? '2026-11-24' : '2026-01-01', changed ? ' (changed)' : ''))
    }
  }
  writeFileSync(path.join(base, '.done'), '')
  return { a, b }
}

function ours(a, b) {
  // Wall time of the whole child process, as for git: Node's start and loading the package count too.
  const start = performance.now()
  const out = execFileSync(process.execPath, [path.join(here, 'drift-compare.mjs'), a, b], { encoding: 'utf8' })
  const ms = performance.now() - start
  return { ...JSON.parse(out), ms, compareMs: JSON.parse(out).ms }
}

function git(a, b) {
  const start = performance.now()
  // --numstat counts changed lines per file, as the drift check's diffstat does. Exit code 1 = differences.
  const result = spawnSync('git', ['diff', '--no-index', '--numstat', a, b], { encoding: 'utf8', maxBuffer: 64 << 20 })
  const ms = performance.now() - start
  if (result.status !== 0 && result.status !== 1) throw new Error(`git diff --no-index failed: ${result.stderr}`)
  return { ms, changed: result.stdout.trim().split('\n').length }
}

export function driftBench(repeats) {
  const { a, b } = makeTrees(path.join(here, '.data', 'drift-10k'))
  ours(a, b) // warm the page cache for both sides
  git(a, b)
  const gitRuns = []
  const ourRuns = []
  for (let i = 0; i < repeats; i++) {
    gitRuns.push(git(a, b))
    ourRuns.push(ours(a, b))
  }
  const g = median(gitRuns.map((r) => r.ms))
  const o = median(ourRuns.map((r) => r.ms))
  const last = ourRuns.at(-1)
  console.log(`drift: ${FILES.toLocaleString('en')}-file target (1% changed, 1% only a new generatedAt, 20 added, 20 removed), median of ${repeats}`)
  console.log(`  git diff --no-index --numstat  ${g.toFixed(0).padStart(6)} ms   ${gitRuns.at(-1).changed} files listed (timestamps count as changes for git)`)
  const inside = median(ourRuns.map((r) => r.compareMs))
  console.log(`  spec-ci compareTrees           ${o.toFixed(0).padStart(6)} ms   (${inside.toFixed(0)} ms of it comparing) ${last.changes} changes after normalisation, ${last.diffstat}`)
  console.log(`  ratio spec-ci / git            ${(o / g).toFixed(2)}x   (target ≤ 3x)`)
  return { ratio: o / g }
}
