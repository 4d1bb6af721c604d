import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { listenHttp, listenHttps, makeTestCertificate, type LocalServer, type TestCertificate } from './https-test-server.ts'
import { repoRoot, runVitestCli, type CliResult } from './run-cli.ts'

/**
 * conformance.remote through a real `vitest run` (a child process, so NODE_EXTRA_CA_CERTS is read at its
 * start) of a copy of tests/fixtures/conformance-remote against the built package: local HTTPS and
 * HTTP servers on 127.0.0.1 (certificate made here), a second HTTPS server whose certificate the child
 * does not trust. Each run is guarded: nothing outside the report directory changes.
 */

// The secrets of the fixture's URLs (its query values) and of the servers' redirects.
const SECRETS = ['query-secret-1234', 'query-secret-5678', 'redirect-secret-9012', 'userinfo-secret-3456', 'alice']
const TOKEN_SHOWN = 'token=REDACTED&sig=REDACTED'
const RULES = ['event-schema', 'multiple-success', 'duplicate-without-success', 'retry-bound-exceeded', 'retry-attempt-out-of-sequence', 'retry-context-missing', 'success-attempt-mismatch']

const valid = readFileSync(path.join(repoRoot, 'samples/trace/kvonce-valid.ndjson'))
// A second success of order-1 at line 3.
const bad = Buffer.from(['{"type":"retry","key":"order-1","context":{"attempt":1}}', '{"type":"success","key":"order-1","context":{"attempt":2}}', '{"type":"success","key":"order-1"}', ''].join('\n'))

let certificate: TestCertificate
let other: TestCertificate
let secure: LocalServer
let plain: LocalServer
let untrusted: LocalServer

const handler: http.RequestListener = (req, res) => {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1')
  switch (url.pathname) {
    case '/runs/kvonce.ndjson':
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'content-length': valid.byteLength })
      return res.end(valid)
    case '/runs/bad.ndjson':
      res.writeHead(200, { 'content-length': bad.byteLength })
      return res.end(bad)
    case '/redirect-to-http':
      res.writeHead(302, { location: `${plain.origin}/runs/kvonce.ndjson?sig=redirect-secret-9012` })
      return res.end()
    case '/redirect-off-host':
      res.writeHead(302, { location: `https://localhost:${secure.port}/runs/kvonce.ndjson?sig=redirect-secret-9012` })
      return res.end()
    case '/redirect-userinfo':
      res.writeHead(302, { location: `https://alice:userinfo-secret-3456@127.0.0.1:${secure.port}/runs/kvonce.ndjson` })
      return res.end()
    case '/big':
      res.writeHead(200, { 'content-length': 5000 })
      return res.end(Buffer.alloc(5000, '{}\n'))
    case '/slow':
      // Headers and one line, then nothing: only the download's time limit ends it.
      res.writeHead(200)
      return void res.write(valid.subarray(0, 100))
    default:
      res.writeHead(404)
      return res.end()
  }
}

beforeAll(async () => {
  certificate = makeTestCertificate()
  other = makeTestCertificate()
  secure = await listenHttps(certificate, handler)
  plain = await listenHttp(handler)
  untrusted = await listenHttps(other, handler)
})
afterAll(async () => {
  for (const server of [secure, plain, untrusted]) await server?.close()
  certificate?.remove()
  other?.remove()
})

interface JsonAssertion {
  title: string
  status: string
  failureMessages: string[]
}
interface JsonResults {
  testResults: Array<{ name: string; assertionResults: JsonAssertion[] }>
}

/** A fresh copy of the fixture, run with `vitest run` as a child; its results, summary and report files. */
async function runRemoteFixture(label: string, prepare?: (p: HostileProject) => void) {
  const p = hostileProject('conformance-remote', label)
  // Vitest creates node_modules/ for its cache (skipped by the guard); made first, so the folder is no change.
  mkdirSync(path.join(p.dir, 'node_modules'), { recursive: true })
  prepare?.(p)
  const env = { NODE_EXTRA_CA_CERTS: certificate.certFile, REMOTE_FIXTURE_HTTPS: secure.origin, REMOTE_FIXTURE_HTTP: plain.origin, REMOTE_FIXTURE_UNTRUSTED: untrusted.origin }
  const cli = await p.guard(() => runVitestCli(p.name, ['run', '--reporter=json', '--outputFile=hermetic-reports/vitest-results.json'], env), { boundMs: 90_000 })
  const reports = path.join(p.dir, 'hermetic-reports')
  const results = JSON.parse(readFileSync(path.join(reports, 'vitest-results.json'), 'utf8')) as JsonResults
  const summary = JSON.parse(readFileSync(path.join(reports, 'spec-ci/summary.json'), 'utf8'))
  const tests = (file: string): JsonAssertion[] => {
    const found = results.testResults.find((r) => path.relative(p.dir, r.name).split(path.sep).join('/') === file)
    if (!found) throw new Error(`no test file ${file}; have ${results.testResults.map((r) => path.relative(p.dir, r.name)).join(', ')}`)
    return found.assertionResults
  }
  return { project: p, cli, reports, summary, tests }
}

type Run = Awaited<ReturnType<typeof runRemoteFixture>>

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
}

const passedAll = (tests: JsonAssertion[]): void => {
  expect(tests.map((t) => t.title)).toEqual(RULES.map((r) => `rule ${r}`))
  expect(tests.map((t) => t.status)).toEqual(RULES.map(() => 'passed'))
}

/** Every rule test of the entry failed, all with the same one message, which is returned. */
function refusedAlike(run: Run, name: string): string {
  const tests = run.tests(`hermetic-reports/trace/remote/${name}`)
  expect(tests.map((t) => t.title)).toEqual(RULES.map((r) => `rule ${r}`))
  expect(tests.map((t) => t.status)).toEqual(RULES.map(() => 'failed'))
  const messages = tests.map((t) => t.failureMessages[0]!.split('\n')[0]!)
  for (const message of messages) expect(message).toBe(messages[0])
  // Neither the download nor its metadata was written.
  expect(existsSync(path.join(run.reports, 'trace/remote', name))).toBe(false)
  expect(existsSync(path.join(run.reports, 'trace', `${name.replace(/\.ndjson$/, '')}-payload.json`))).toBe(false)
  return messages[0]!
}

describe('conformance.remote: each entry a test file of the conformance project', () => {
  let run: Run
  beforeAll(async () => {
    run = await runRemoteFixture('remote')
  }, 120_000)
  afterAll(() => run?.project.remove())

  test('the run ends with failures (exit 1), and the local trace of the same run passes', () => {
    expect(run.cli.code, run.cli.stderr).toBe(1)
    passedAll(run.tests('traces/local.ndjson'))
    expect(run.summary.status).toBe('failed')
  })

  test('a valid payload passes all its rule tests; so does one over plain http to loopback with allowLoopbackHttp', () => {
    passedAll(run.tests('hermetic-reports/trace/remote/kvonce.ndjson'))
    passedAll(run.tests('hermetic-reports/trace/remote/loopback.ndjson'))
    expect(readFileSync(path.join(run.reports, 'trace/remote/kvonce.ndjson'))).toEqual(valid)
  })

  test('a payload with a violation fails that rule at the violating line, the other rules pass', () => {
    const tests = run.tests('hermetic-reports/trace/remote/bad.ndjson')
    expect(tests.filter((t) => t.status === 'failed').map((t) => t.title)).toEqual(['rule multiple-success'])
    const failure = run.summary.failures.find((f: { file: string }) => f.file === 'hermetic-reports/trace/remote/bad.ndjson')
    expect(failure).toMatchObject({ project: 'conformance', line: 3, test: 'bad.ndjson > rule multiple-success' })
    expect(failure.message).toContain('hermetic-reports/trace/remote/bad.ndjson:3 "order-1" — second success for key "order-1"; the first was at line 2')
    const trace = run.summary.conformance.traces.find((t: { file: string }) => t.file === 'hermetic-reports/trace/remote/bad.ndjson')
    expect(trace).toMatchObject({ valid: false, issues: [{ rule: 'multiple-success', line: 3, key: 'order-1' }] })
  })

  test('the payload metadata sits beside the trace reports: sourceType url, the redacted URL, sha256 and size of the bytes', () => {
    const meta = (base: string) => JSON.parse(readFileSync(path.join(run.reports, 'trace', `${base}-payload.json`), 'utf8'))
    expect(meta('kvonce')).toEqual({
      sourceType: 'url',
      sourceDetail: `${secure.origin}/runs/kvonce.ndjson?${TOKEN_SHOWN}`,
      sha256: createHash('sha256').update(valid).digest('hex'),
      sizeBytes: valid.byteLength,
    })
    expect(meta('bad')).toEqual({ sourceType: 'url', sourceDetail: `${secure.origin}/runs/bad.ndjson?${TOKEN_SHOWN}`, sha256: createHash('sha256').update(bad).digest('hex'), sizeBytes: bad.byteLength })
    expect(meta('loopback').sourceDetail).toBe(`${plain.origin}/runs/kvonce.ndjson`)
    // The reporter's own trace reports are beside it.
    expect(existsSync(path.join(run.reports, 'trace/kvonce-validation.json'))).toBe(true)
  })

  test('each refusal fails every rule test of its entry with one message naming the entry (URL redacted) and the rule', () => {
    const shown = (p: string) => `${secure.origin}/${p}?${TOKEN_SHOWN}`
    const head = (i: number, p: string) => `RemotePayloadRefused: conformance.remote[${i}] (${shown(p)}) was not fetched, so none of its rules was checked: remote payload refused`
    expect(refusedAlike(run, 'redirect-to-http')).toBe(
      `${head(3, 'redirect-to-http')} (rule https-only): ${plain.origin}/runs/kvonce.ndjson?sig=REDACTED: only https URLs are fetched (plain http only to a loopback host with conformance.remote[3].allowLoopbackHttp: true)`,
    )
    expect(refusedAlike(run, 'redirect-off-host')).toBe(
      `${head(4, 'redirect-off-host')} (rule redirect-off-host): ${shown('redirect-off-host')} redirects to https://localhost:${secure.port}/runs/kvonce.ndjson?sig=REDACTED, whose host localhost:${secure.port} is not on the allowlist (127.0.0.1:${secure.port}); redirects are followed only to allowed hosts`,
    )
    expect(refusedAlike(run, 'redirect-userinfo')).toBe(
      `${head(5, 'redirect-userinfo')} (rule no-userinfo): https://REDACTED:REDACTED@127.0.0.1:${secure.port}/runs/kvonce.ndjson: credentials in the URL are not allowed (they would end up in logs and reports)`,
    )
    expect(refusedAlike(run, 'big')).toBe(`${head(6, 'big')} (rule size-cap): ${shown('big')}: the body is larger than 1000 bytes (conformance.remote[6].maxDownloadBytes); reading stopped at the cap`)
    expect(refusedAlike(run, 'slow')).toMatch(new RegExp(`^${escape(head(7, 'slow'))} \\(rule timeout\\): ${escape(shown('slow'))}: .*within 0\\.5 s \\(conformance\\.remote\\[7\\]\\.downloadTimeout\\)$`))
    expect(refusedAlike(run, 'missing.ndjson')).toBe(`${head(8, 'missing.ndjson')} (rule http-status): ${shown('missing.ndjson')} answered HTTP 404`)
    // TLS: the second server's certificate is not trusted.
    expect(refusedAlike(run, 'untrusted.ndjson')).toMatch(new RegExp(`^RemotePayloadRefused: conformance\\.remote\\[9\\] \\(${escape(untrusted.origin)}/runs/kvonce\\.ndjson\\?token=REDACTED&sig=REDACTED\\) was not fetched, so none of its rules was checked: remote payload refused \\(rule network\\): `))
  })

  test('no secret of a URL (query values, userinfo, those of redirects) is in any file or file name of the report directory, nor in the output', () => {
    const files = allFiles(run.reports)
    expect(files.map((f) => path.relative(run.reports, f)).sort()).toEqual(expect.arrayContaining(['spec-ci/summary.json', 'spec-ci/summary.md', 'vitest-results.json', 'trace/kvonce-validation.json', 'trace/kvonce-payload.json', 'trace/remote/kvonce.ndjson']))
    for (const file of files) {
      const text = readFileSync(file, 'latin1')
      for (const secret of SECRETS) {
        expect(text, `${file} holds ${secret}`).not.toContain(secret)
        expect(file).not.toContain(secret)
      }
    }
    for (const secret of SECRETS) expect(run.cli.stdout + run.cli.stderr).not.toContain(secret)
  })
})

describe('conformance.remote never writes through a link', () => {
  test('a download folder that is a symbolic link out of the report directory: every remote entry fails saying so, nothing is written there, the local trace passes', async () => {
    const run = await runRemoteFixture('remote-link', (p) => {
      mkdirSync(path.join(p.dir, 'hermetic-reports/trace'), { recursive: true })
      symlinkSync(p.outside, path.join(p.dir, 'hermetic-reports/trace/remote'))
    })
    try {
      expect(run.cli.code, run.cli.stderr).toBe(1)
      passedAll(run.tests('traces/local.ndjson'))
      const tests = run.tests('hermetic-reports/kvonce.ndjson.remote-refused-by-spec-ci')
      expect(tests.map((t) => t.status)).toEqual(RULES.map(() => 'failed'))
      expect(tests[0]!.failureMessages[0]!.split('\n')[0]).toBe(
        `RemotePayloadFailed: conformance.remote[0] (${secure.origin}/runs/kvonce.ndjson?${TOKEN_SHOWN}) was not fetched, so none of its rules was checked: the download path cannot be used: hermetic-reports/trace/remote is a symbolic link; the report directory is written only below it, never through a link`,
      )
      // The guard (runRemoteFixture) has checked that the linked folder outside is unchanged.
      expect(readdirSync(run.project.outside)).toEqual(['keep.txt'])
    } finally {
      run.project.remove()
    }
  }, 120_000)
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
