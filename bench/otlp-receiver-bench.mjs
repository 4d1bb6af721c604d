// The OTLP receiver under load: 1,000,000 KvOnce spans as 1954 protobuf bodies of 512 spans (the
// BatchSpanProcessor's default), posted over loopback to `spec-ci otlp receive` (a child process), 4 in
// flight on keep-alive connections as an exporter sends them, received and written (each batch on disk,
// fdatasync, before its 200, as the CLI does), the receiver stopped with SIGTERM, then the file checked by
// `spec-ci trace validate` in another child: the figure runs from the first POST to that verdict. Next to it, in one child, the same bodies read from disk, decoded and checked
// in-process (otlp-in-process.mjs). Both sides must find the same events and violations.
// Peak RSS of each process is its own VmHWM, written at exit by report-peak-rss.mjs preloaded with
// --import (not maxRSS, which a child inherits from this process, holding all the bodies, at spawn).
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { makeOtlpBodies } from './make-otlp-bodies.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const cli = path.join(here, '..', 'dist', 'cli', 'bin.js')
const preload = ['--import', path.join(here, 'report-peak-rss.mjs')]
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const SPANS = Number(process.env.BENCH_OTLP_SPANS ?? 1_000_000)
const IN_FLIGHT = 4

/** Starts `spec-ci otlp receive` on a free port; resolves with its URL once it listens. */
async function startReceiver(outFile, rssFile) {
  const child = spawn(process.execPath, [...preload, cli, 'otlp', 'receive', '--port', '0', '--out', outFile], {
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })
  const exited = once(child, 'exit')
  let last = ''
  const url = await new Promise((resolve, reject) => {
    let first = true
    lines.on('line', (line) => {
      if (first) resolve(line)
      first = false
      last = line // one line per batch is printed; the last says what was written
    })
    exited.then(([code]) => reject(new Error(`spec-ci otlp receive exited (${code}) before listening`)))
  })
  return {
    url,
    /** Only when the run has failed already: the receiver is not left behind. */
    kill: () => child.kill('SIGKILL'),
    async stop() {
      child.kill('SIGTERM')
      const [code, signal] = await exited
      if (code !== 0) throw new Error(`spec-ci otlp receive exited with ${code ?? signal}`)
      return last
    },
  }
}

/** POSTs every body, `IN_FLIGHT` at a time on keep-alive connections; each must be answered 200. */
async function postAll(url, bodies) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT })
  const post = (body) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length } }, (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`POST answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`))))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(body)
    })
  let next = 0
  const worker = async () => {
    while (next < bodies.length) await post(bodies[next++])
  }
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  } finally {
    agent.destroy()
  }
}

/** `spec-ci trace validate FILE`: its verdict line and rule lines, parsed (exit 1: violations found). */
function validateCli(file, scratch, rssFile) {
  let stdout
  try {
    stdout = execFileSync(process.execPath, [...preload, cli, 'trace', 'validate', file, '--out', path.join(scratch, 'reports')], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
  } catch (error) {
    if (error.status !== 1) throw error
    stdout = error.stdout
  }
  const verdict = /: (valid|invalid) \(kvonce, ([a-z-]+)(?: gzip)?, (\d+) events\)$/m.exec(stdout)
  if (!verdict) throw new Error(`unexpected output of spec-ci trace validate:\n${stdout}`)
  const rules = Object.fromEntries([...stdout.matchAll(/^(?:\(warn\) )?rule (\S+): (\d+) violations? in /gm)].map((m) => [m[1], Number(m[2])]))
  return { valid: verdict[1] === 'valid', format: verdict[2], events: Number(verdict[3]), rules }
}

async function loopback(bodies, scratch) {
  const outFile = path.join(scratch, 'traces.jsonl')
  rmSync(outFile, { force: true })
  const receiverRss = path.join(scratch, 'receiver-rss.json')
  const validateRss = path.join(scratch, 'validate-rss.json')
  const receiver = await startReceiver(outFile, receiverRss)
  const start = performance.now()
  try {
    await postAll(receiver.url, bodies)
  } catch (error) {
    receiver.kill()
    throw error
  }
  const posted = performance.now()
  const stopped = await receiver.stop()
  const received = performance.now()
  const verdict = validateCli(outFile, scratch, validateRss)
  const ms = performance.now() - start
  const written = /: (\d+) batch(?:es)?, (\d+) spans? written to /.exec(stopped)
  return {
    ms,
    postMs: posted - start,
    receivedMs: received - start,
    validateMs: ms - (received - start),
    batches: written && Number(written[1]),
    spans: written && Number(written[2]),
    fileMb: statSync(outFile).size / 1024 / 1024,
    receiverRssMb: JSON.parse(readFileSync(receiverRss, 'utf8')).maxRssMb,
    validateRssMb: JSON.parse(readFileSync(validateRss, 'utf8')).maxRssMb,
    ...verdict,
  }
}

function inProcess(indexFile) {
  // The whole child's wall time, as the loopback side pays for starting the validating CLI too.
  const start = performance.now()
  const out = execFileSync(process.execPath, [path.join(here, 'otlp-in-process.mjs'), indexFile], { encoding: 'utf8', maxBuffer: 1 << 20 })
  return { ...JSON.parse(out), innerMs: JSON.parse(out).ms, ms: performance.now() - start }
}

const sameFindings = (a, b) => a.events === b.events && JSON.stringify(Object.entries(a.rules).sort()) === JSON.stringify(Object.entries(b.rules).sort())

export async function otlpReceiverBench(repeats) {
  const indexFile = await makeOtlpBodies(path.join(here, '.data', `otlp-${SPANS}`), { spans: SPANS })
  const { files, batch } = JSON.parse(readFileSync(indexFile, 'utf8'))
  const bodies = await Promise.all(files.map((f) => readFile(path.join(path.dirname(indexFile), f))))
  const bodyMb = bodies.reduce((n, b) => n + b.length, 0) / 1024 / 1024
  const scratch = mkdtempSync(path.join(tmpdir(), 'spec-ci-bench-otlp-'))
  try {
    const base = []
    const ours = []
    for (let i = 0; i < repeats; i++) {
      base.push(inProcess(indexFile))
      ours.push(await loopback(bodies, scratch))
    }
    const b = median(base.map((r) => r.ms))
    const o = median(ours.map((r) => r.ms))
    const m = (runs, key) => median(runs.map((r) => r[key]))
    const rules = (r) => Object.entries(r.rules).map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none'
    const lb = ours.at(-1)
    const ip = base.at(-1)
    console.log(`otlp receiver: ${SPANS.toLocaleString('en')} KvOnce spans in ${files.length} protobuf bodies of ${batch} spans (${bodyMb.toFixed(0)} MB), median of ${repeats}`)
    console.log(`  in-process: read, decode, validate        ${b.toFixed(0).padStart(6)} ms   peak RSS ${m(base, 'maxRssMb').toFixed(0).padStart(4)} MB   events ${ip.events}, violations: ${rules(ip)}`)
    console.log(`  loopback: post, receive, write, validate  ${o.toFixed(0).padStart(6)} ms   (all acknowledged ${m(ours, 'postMs').toFixed(0)} ms, receiver stopped ${m(ours, 'receivedMs').toFixed(0)} ms, validation ${m(ours, 'validateMs').toFixed(0)} ms)`)
    console.log(`    receiver (spec-ci otlp receive)         peak RSS ${m(ours, 'receiverRssMb').toFixed(0).padStart(4)} MB   ${lb.batches} batches, ${lb.spans} spans written, each on disk before its 200 (${lb.fileMb.toFixed(0)} MB of OTLP JSON Lines)`)
    console.log(`    validation (spec-ci trace validate)     peak RSS ${m(ours, 'validateRssMb').toFixed(0).padStart(4)} MB   ${lb.format}, events ${lb.events}, violations: ${rules(lb)}`)
    const agree = [...base, ...ours].every((r) => sameFindings(r, ip)) && ours.every((r) => r.spans === SPANS && r.events === SPANS)
    if (!agree) console.log('  FINDINGS DIFFER between the sides (or runs): the bench is not comparing like with like')
    const rss = Math.max(m(ours, 'receiverRssMb'), m(ours, 'validateRssMb'))
    console.log(`  ratio loopback / in-process               ${(o / b).toFixed(2)}x   (target ≤ 1.5x; peak RSS target < 250 MB each)`)
    return { ratio: o / b, rss, agree }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await otlpReceiverBench(Number(process.env.BENCH_REPEATS ?? 1))
