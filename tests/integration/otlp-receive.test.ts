import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { encodeOtlpProtobuf } from '../unit/trace/otlp-protobuf-encode.ts'
import { repoRoot, runBash, runSpecCi, startSpecCi, type ServingCli } from './run-cli.ts'

const bin = path.join(repoRoot, 'dist/cli/bin.js')
const cwd = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-otlp-'))
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

type Receiver = ServingCli

const started: Receiver[] = []
afterEach(() => {
  for (const r of started.splice(0)) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL')
})

/** `spec-ci otlp receive --port 0 …` as a child process, once it has printed its endpoint line. */
async function receive(args: string[], env: Record<string, string> = {}): Promise<Receiver> {
  const receiver = await startSpecCi(['otlp', 'receive', '--port', '0', '--duration', '60', ...args], { cwd, env })
  started.push(receiver)
  return receiver
}

function post(url: string, body: Buffer | Uint8Array | string, headers: Record<string, string>, method = 'POST'): Promise<{ status: number; body: string; bytes: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () => {
        const bytes = Buffer.concat(chunks)
        resolve({ status: res.statusCode!, body: bytes.toString(), bytes, headers: res.headers })
      })
    })
    req.on('error', reject)
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.end(body)
  })
}

function span(key: string, type: string, nanos: number) {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: `b7ad6b716920333${nanos % 10}`,
    name: 'kv',
    startTimeUnixNano: String(1759558869000000000 + nanos),
    endTimeUnixNano: String(1759558869000000000 + nanos),
    attributes: [
      { key: 'kvonce.event.type', value: { stringValue: type } },
      { key: 'kvonce.event.key', value: { stringValue: key } },
    ],
  }
}

function request(service: string, spans: unknown[]) {
  return { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ scope: { name: 't' }, spans }] }] }
}

const JSON_TYPE = { 'content-type': 'application/json' }

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : []
}

describe('spec-ci otlp receive', () => {
  test('prints its 127.0.0.1 endpoint, writes plain and gzip JSON batches as one line each, and the file validates', async () => {
    const out = path.join(cwd, 'plain', 'traces.jsonl')
    const r = await receive(['--out', out])
    expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/traces$/)
    const first = request('svc\u001b[31m', [span('a', 'success', 1)])
    const plain = await post(r.url, JSON.stringify(first), JSON_TYPE)
    expect(plain).toMatchObject({ status: 200, body: '{}' })
    expect(plain.headers['content-type']).toBe('application/json')
    const second = request('svc', [span('b', 'failure', 2), span('b', 'retry', 3), span('b', 'success', 4)])
    const gz = await post(r.url, gzipSync(JSON.stringify(second)), { ...JSON_TYPE, 'content-encoding': 'gzip' })
    expect(gz).toMatchObject({ status: 200, body: '{}' })
    expect(lines(out).map((l) => JSON.parse(l))).toEqual([{ resourceSpans: first.resourceSpans }, { resourceSpans: second.resourceSpans }])
    r.child.kill('SIGTERM')
    expect(await r.exited).toBe(0)
    const printed = r.stdout().split('\n')
    expect(printed[1]).toBe(`batch 1: 1 span from svc\\x1b[31m (json, ${JSON.stringify(first).length} bytes)`)
    expect(printed[2]).toMatch(/^batch 2: 3 spans from svc \(json gzip, \d+ bytes\)$/)
    expect(printed[3]).toMatch(/^stopped \(SIGTERM\): 2 batches, 4 spans written to /)
    const v = await runSpecCi(['trace', 'validate', out, '--out', path.join(cwd, 'reports'), '--quiet'], { cwd })
    expect(v.stderr).toBe('')
    expect(v.stdout).toMatch(/: valid \(kvonce, otlp-jsonl, 4 events\)\n$/)
    expect(v.code).toBe(0)
  })

  test('over the cap (decompressed, gzip too): 413 and nothing written; a bad body: 400; wrong type, method, path: 415, 405, 404', async () => {
    const out = path.join(cwd, 'refused', 'traces.jsonl')
    const r = await receive(['--out', out, '--max-body-bytes', '2000'])
    const big = JSON.stringify(request('svc', Array.from({ length: 30 }, (_, i) => span(`k${i}`, 'success', i))))
    expect(big.length).toBeGreaterThan(2000)
    const over = await post(r.url, big, JSON_TYPE)
    expect(over.status).toBe(413)
    expect(JSON.parse(over.body)).toMatchObject({ code: 8, message: 'the body is over the cap of 2000 bytes' })
    // Small when compressed, over the cap once decompressed.
    const bomb = gzipSync(JSON.stringify({ resourceSpans: [], pad: 'x'.repeat(100_000) }))
    expect(bomb.length).toBeLessThan(2000)
    expect((await post(r.url, bomb, { ...JSON_TYPE, 'content-encoding': 'gzip' })).status).toBe(413)
    const bad = await post(r.url, '{"resourceSpans":[', JSON_TYPE)
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).message).toMatch(/^the JSON body cannot be decoded: /)
    expect((await post(r.url, '{"resourceSpans":{}}', JSON_TYPE)).status).toBe(400)
    expect((await post(r.url, Buffer.from('not gzip'), { ...JSON_TYPE, 'content-encoding': 'gzip' })).status).toBe(400)
    expect((await post(r.url, Buffer.from([0xff, 0xfe]), JSON_TYPE)).status).toBe(400)
    expect((await post(r.url, '{}', { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await post(r.url, '{}', { ...JSON_TYPE, 'content-encoding': 'br' })).status).toBe(415)
    const get = await post(r.url, '', {}, 'GET')
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    expect((await post(r.url.replace('/v1/traces', '/v1/metrics'), '{}', JSON_TYPE)).status).toBe(404)
    expect(lines(out)).toEqual([])
    // A span that is not an object is rejected: partial success, the rest written.
    const partial = await post(r.url, JSON.stringify(request('svc', [span('a', 'success', 1), 'nope'])), JSON_TYPE)
    expect(partial.status).toBe(200)
    expect(JSON.parse(partial.body)).toEqual({ partialSuccess: { rejectedSpans: '1', errorMessage: '1 span is not an object and was not written' } })
    expect(lines(out)).toHaveLength(1)
    r.child.kill('SIGINT')
    expect(await r.exited).toBe(0)
    expect(r.stderr()).toContain('spec-ci otlp receive: refused (413): the body is over the cap of 2000 bytes (decompressed)\n')
  })

  test('protobuf bodies, plain and gzip: 200 with the empty protobuf response, written as OTLP JSON; a damaged one: 400 with a protobuf Status', async () => {
    const out = path.join(cwd, 'protobuf', 'traces.jsonl')
    const r = await receive(['--out', out])
    const PROTO = { 'content-type': 'application/x-protobuf' }
    const first = request('svc', [span('a', 'success', 1)])
    const second = request('svc', [span('b', 'failure', 2), span('b', 'retry', 3), span('b', 'success', 4)])
    const plain = await post(r.url, encodeOtlpProtobuf(first), PROTO)
    expect(plain.status).toBe(200)
    expect(plain.headers['content-type']).toBe('application/x-protobuf')
    expect(plain.bytes.length).toBe(0)
    expect((await post(r.url, gzipSync(encodeOtlpProtobuf(second)), { ...PROTO, 'content-encoding': 'gzip' })).status).toBe(200)
    const damaged = await post(r.url, encodeOtlpProtobuf(first).slice(0, 20), PROTO)
    expect(damaged.status).toBe(400)
    expect(damaged.headers['content-type']).toBe('application/x-protobuf')
    expect([...damaged.bytes.subarray(0, 3)]).toEqual([0x08, 0x03, 0x12])
    expect(damaged.body).toContain('the protobuf body cannot be decoded: ')
    const written = lines(out).map((l) => JSON.parse(l) as { resourceSpans: { scopeSpans: { spans: { spanId: string; name: string }[] }[] }[] })
    expect(written).toHaveLength(2)
    expect(written.map((w) => w.resourceSpans[0]!.scopeSpans[0]!.spans.map((s) => s.spanId))).toEqual([[span('a', 'success', 1).spanId], [2, 3, 4].map((n) => span('b', '', n).spanId)])
    r.child.kill('SIGTERM')
    expect(await r.exited).toBe(0)
    expect(r.stdout()).toMatch(/\nbatch 1: 1 span from svc \(protobuf, \d+ bytes\)\nbatch 2: 3 spans from svc \(protobuf gzip, \d+ bytes\)\n/)
    const v = await runSpecCi(['trace', 'validate', out, '--out', path.join(cwd, 'reports-pb'), '--quiet'], { cwd })
    expect(v.stdout).toMatch(/: valid \(kvonce, otlp-jsonl, 4 events\)\n$/)
    expect(v.code).toBe(0)
  })

  test('SIGTERM right after a batch is acknowledged: the batch is in the file; the default file honours SPEC_CI_REPORT_DIR', async () => {
    const reports = path.join(cwd, 'term-reports')
    const r = await receive([], { SPEC_CI_REPORT_DIR: reports })
    // Ten batches at once, SIGTERM as soon as the first is acknowledged: a batch still in flight is
    // answered and written; one whose connection the closing server drops was never acknowledged.
    const bodies = Array.from({ length: 10 }, (_, i) => JSON.stringify(request('svc', [span(`t${i}`, 'success', i)])))
    let signalled = false
    const outcomes = await Promise.all(bodies.map((body) => post(r.url, body, JSON_TYPE).then(
      (a) => {
        if (!signalled) signalled = r.child.kill('SIGTERM')
        return a.status
      },
      () => 'dropped' as const,
    )))
    expect(await r.exited).toBe(0)
    expect(outcomes.filter((o) => o !== 'dropped').every((o) => o === 200)).toBe(true)
    const acknowledged = bodies.filter((_, i) => outcomes[i] === 200)
    expect(acknowledged.length).toBeGreaterThan(0)
    const written = lines(path.join(reports, 'otlp', 'traces.jsonl'))
    for (const body of acknowledged) expect(written).toContain(body)
    expect(written.every((l) => bodies.includes(l))).toBe(true)
  })

  test('--duration stops it with exit 0; bad arguments are usage errors (exit 2)', async () => {
    const r = await runSpecCi(['otlp', 'receive', '--port', '0', '--duration', '0.3', '--out', path.join(cwd, 'd.jsonl')], { cwd })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/traces\nstopped \(after 0\.3 s\): 0 batches, 0 spans written to /)
    for (const args of [['--port', '70000'], ['--duration', 'soon'], ['--max-body-bytes', '0'], ['extra']]) {
      const bad = await runSpecCi(['otlp', 'receive', ...args], { cwd })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('Usage: spec-ci otlp receive [options]')
    }
  })
})

describe('spec-ci output into a pipe closed early', () => {
  test('a reader gone before the output: no EPIPE stack trace, the exit code is the command’s', async () => {
    const r = await runBash(`node "${bin}" --help | true; echo "status \${PIPESTATUS[0]}" >&2`, { cwd })
    expect(r.stderr).toBe('status 0\n')
    expect(r.stdout).toBe('')
  })

  test('otlp receive | head -n 1: batches after the reader closed are still received and written, quietly', async () => {
    const out = path.join(cwd, 'piped.jsonl')
    const child = spawn('bash', ['-c', `node "${bin}" otlp receive --port 0 --duration 4 --out "${out}" | head -n 1; echo "status \${PIPESTATUS[0]}" >&2`], { cwd })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    const url = await new Promise<string>((resolve) => child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!)
    }))
    const body = JSON.stringify(request('svc', [span('p', 'success', 5)]))
    for (let i = 0; i < 3; i++) expect((await post(url, body, JSON_TYPE)).status).toBe(200)
    expect(await exited).toBe(0)
    expect(stdout).toBe(`${url}\n`)
    expect(stderr).toBe('status 0\n')
    expect(lines(out)).toEqual([body, body, body])
  }, 20_000)
})
