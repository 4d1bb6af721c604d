import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { runSpecCi, startSpecCi, type ServingCli } from './run-cli.ts'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-serve-'))
const reportDir = path.join(tmp, 'reports')
const PAGE = '<!doctype html><title>dashboard</title>'
mkdirSync(path.join(reportDir, 'spec-ci'), { recursive: true })
writeFileSync(path.join(reportDir, 'spec-ci/index.html'), PAGE)
writeFileSync(path.join(reportDir, 'spec-ci/summary.json'), '{}\n')
writeFileSync(path.join(reportDir, 'spec-ci/.summary.json.tmp'), 'temp')
writeFileSync(path.join(tmp, 'secret.txt'), 'outside the report directory')
symlinkSync(path.join(tmp, 'secret.txt'), path.join(reportDir, 'spec-ci/link.txt'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

type Served = ServingCli
const started: Served[] = []
afterEach(() => {
  for (const s of started.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL')
})

/** `spec-ci report <mode> …` as a child, once it has printed its URL line. */
async function serve(mode: 'serve' | 'open', args: string[], env: Record<string, string> = {}): Promise<Served> {
  const served = await startSpecCi(['report', mode, ...args, '--duration', '60'], { cwd: tmp, env })
  started.push(served)
  return served
}

/** A request with the path sent as given (fetch would normalise `..` away first). */
function get(origin: string, rawPath: string, method = 'GET'): Promise<{ status: number; body: string; type: string | undefined }> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method, timeout: 10_000 }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode!, body, type: res.headers['content-type'] }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('spec-ci report serve', () => {
  test('serves the dashboard on 127.0.0.1 at the URL it prints, and stops on SIGTERM', async () => {
    const s = await serve('serve', ['reports'])
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/spec-ci\/index\.html$/)
    const page = await get(s.url, '/spec-ci/index.html')
    expect(page).toEqual({ status: 200, body: PAGE, type: 'text/html; charset=utf-8' })
    expect((await get(s.url, '/')).body).toBe(PAGE)
    expect((await get(s.url, '/spec-ci/summary.json')).type).toBe('application/json; charset=utf-8')
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
    expect(s.stdout()).toContain('stopped (SIGTERM)')
  })

  test('serves nothing outside the report directory: .. (plain or encoded), dot-names, symlinks out, other methods', async () => {
    const s = await serve('serve', ['reports'])
    for (const p of ['/../secret.txt', '/spec-ci/../../secret.txt', '/%2e%2e/secret.txt', '/spec-ci%2F..%2F..%2Fsecret.txt', '/spec-ci/.summary.json.tmp', '/spec-ci/..%5c..%5csecret.txt'])
      expect((await get(s.url, p)).status, p).toBe(403)
    const link = await get(s.url, '/spec-ci/link.txt')
    expect(link.status).toBe(403)
    expect(link.body).not.toContain('outside')
    expect((await get(s.url, '/spec-ci/missing.html')).status).toBe(404)
    expect((await get(s.url, '/spec-ci')).status).toBe(404)
    expect((await get(s.url, '/spec-ci/index.html', 'POST')).status).toBe(405)
  })

  test('open prints the URL and opens it with $BROWSER', async () => {
    const opener = path.join(tmp, 'opener.sh')
    const seen = path.join(tmp, 'opened.txt')
    writeFileSync(opener, `#!/bin/sh\nprintf '%s' "$1" > ${JSON.stringify(seen)}\n`)
    chmodSync(opener, 0o755)
    const s = await serve('open', [reportDir], { BROWSER: opener })
    await expect.poll(() => { try { return readFileSync(seen, 'utf8') } catch { return '' } }, { timeout: 10_000 }).toBe(s.url)
    expect(s.stdout()).toContain('opening in a browser')
    expect((await get(s.url, '/spec-ci/index.html')).status).toBe(200)
  })

  test('open without a browser says so and keeps serving (never fails the command)', async () => {
    const s = await serve('open', ['reports'], { BROWSER: path.join(tmp, 'no-such-browser') })
    await expect.poll(() => s.stdout(), { timeout: 10_000 }).toContain('could not start a browser')
    expect((await get(s.url, '/spec-ci/index.html')).status).toBe(200)
    s.child.kill('SIGINT')
    expect(await s.exited).toBe(0)
  })

  test('a directory without a dashboard is a usage error naming the missing file', async () => {
    const r = await runSpecCi(['report', 'serve', 'nowhere'], { cwd: tmp })
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')[0]).toBe(`spec-ci: ${path.join(tmp, 'nowhere/spec-ci/index.html')} does not exist; give the report directory of a run (the reporter writes spec-ci/index.html there unless report.dashboard is false)`)
    expect(r.stderr).toContain('Usage: spec-ci report serve [DIR] [options]')
  })
})
