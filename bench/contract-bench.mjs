// The contract project beside the official Pact JS verifier (@pact-foundation/pact, its Rust core) on one
// V3 pact of 200 HTTP interactions against one provider started here on 127.0.0.1: whole child processes
// (our `vitest run --project contract`, the official Verifier in a plain Node process), alternating,
// median of the repeats. Each side must pass all 200 interactions.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createServer } from 'node:http'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.join(here, '..')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const INTERACTIONS = 200

const item = (i) => ({ id: i, name: `item ${i}`, price: i + 0.5, tags: ['a', 'b'], inStock: i % 2 === 0 })

function writePact(dir) {
  const interactions = Array.from({ length: INTERACTIONS }, (_, i) => ({
    description: `get item ${i}`,
    request: { method: 'GET', path: `/items/${i}`, headers: { Accept: 'application/json' } },
    response: {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: item(i),
      matchingRules: {
        body: {
          '$.id': { matchers: [{ match: 'integer' }] },
          '$.name': { matchers: [{ match: 'regex', regex: '^item \\d+$' }] },
          '$.price': { matchers: [{ match: 'decimal' }] },
          '$.tags': { matchers: [{ match: 'type', min: 1 }] },
          '$.inStock': { matchers: [{ match: 'boolean' }] },
        },
      },
    },
  }))
  mkdirSync(path.join(dir, 'pacts'), { recursive: true })
  const pact = { consumer: { name: 'bench-consumer' }, provider: { name: 'bench-provider' }, interactions, metadata: { pactSpecification: { version: '3.0.0' } } }
  writeFileSync(path.join(dir, 'pacts', 'items.pact.json'), JSON.stringify(pact, null, 2))
  writeFileSync(
    path.join(dir, 'vitest.config.mjs'),
    `import { defineConfig } from 'vitest/config'\nimport { specCi } from ${JSON.stringify(path.join(repo, 'dist', 'plugin', 'index.js'))}\nexport default defineConfig({ plugins: [specCi({ contract: { contracts: ['pacts/**/*.json'] }, report: false })] })\n`,
  )
  writeFileSync(
    path.join(dir, 'official.mjs'),
    `import { Verifier } from '@pact-foundation/pact'
const [pact, url] = process.argv.slice(2)
const output = await new Verifier({ provider: 'bench-provider', providerBaseUrl: url, pactUrls: [pact], logLevel: 'error' }).verifyProvider()
const report = JSON.parse(output)
const passed = report.interactionResults.filter((r) => r.result === 'OK').length
process.stdout.write(JSON.stringify({ passed }))
`,
  )
}

function startProvider() {
  const server = createServer((req, res) => {
    const m = /^\/items\/(\d+)$/.exec(req.url ?? '')
    if (!m) return res.writeHead(404).end()
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(item(Number(m[1]))))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) })))
}

// Asynchronous: the provider serves from this process, so its event loop must run while the child does.
async function timed(args, cwd, extraEnv) {
  const env = { ...process.env, ...extraEnv }
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
  const start = performance.now()
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 })
  return { ms: performance.now() - start, stdout }
}

export async function contractBench(repeats) {
  const dir = path.join(here, '.data', 'contract-200')
  rmSync(dir, { recursive: true, force: true })
  writePact(dir)
  const provider = await startProvider()
  const vitest = path.join(repo, 'node_modules', 'vitest', 'vitest.mjs')
  const env = { SPEC_CI_PROVIDER_URL: provider.url }
  const ours = async () => {
    const out = path.join(dir, '.ours.json')
    const r = await timed([vitest, 'run', '--project', 'contract', '--reporter=json', `--outputFile=${out}`], dir, env)
    const report = JSON.parse(readFileSync(out, 'utf8'))
    if (report.numPassedTests !== INTERACTIONS || report.numFailedTests !== 0) throw new Error(`contract bench: ours passed ${report.numPassedTests} of ${INTERACTIONS}`)
    return r.ms
  }
  const official = async () => {
    const r = await timed([path.join(dir, 'official.mjs'), path.join(dir, 'pacts', 'items.pact.json'), provider.url], dir, {})
    const { passed } = JSON.parse(r.stdout.trim().split('\n').pop())
    if (passed !== INTERACTIONS) throw new Error(`contract bench: the official verifier passed ${passed} of ${INTERACTIONS}`)
    return r.ms
  }
  try {
    await ours()
    await official()
    const o = []
    const p = []
    for (let i = 0; i < repeats; i++) {
      o.push(await ours())
      p.push(await official())
    }
    const ratio = median(o) / median(p)
    console.log(`contract: one V3 pact of ${INTERACTIONS} HTTP interactions against one provider (whole processes), median of ${repeats}`)
    console.log(`  official Pact JS verifier 16.5   ${median(p).toFixed(0).padStart(6)} ms`)
    console.log(`  vitest-spec-ci contract project  ${median(o).toFixed(0).padStart(6)} ms`)
    console.log(`  ratio ours / official            ${ratio.toFixed(2)}x   (target ≤ 0.5x)`)
    return { ratio, ok: ratio <= 0.5 }
  } finally {
    await provider.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await contractBench(Number(process.env.BENCH_REPEATS ?? 1))
