import { mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { runFixture, type CaseResult, type FixtureRun } from './run-fixture.ts'

/**
 * Issue 10, contract classes: each hostile contract (or provider) runs through real Vitest on a copy of
 * tests/fixtures/contract-hostile. Every run is guarded (nothing outside the report directory changes, the
 * run ends within a bound), the failure names `file:line` and its location is that line, and the other
 * interactions and files still pass.
 */

const projects: HostileProject[] = []
const servers: Server[] = []
afterEach(async () => {
  while (servers.length) {
    const server = servers.pop()!
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  while (projects.length) projects.pop()!.remove()
})

function project(label: string): HostileProject {
  const p = hostileProject('contract-hostile', label)
  projects.push(p)
  // Vitest keeps its cache under node_modules/.vite (which the guard leaves out), creating node_modules/
  // first if needed: made here, the folder is there before the guard hashes the project.
  mkdirSync(path.join(p.dir, 'node_modules'), { recursive: true })
  return p
}

/** A config like the fixture's, with other contract options. */
function config(contract: Record<string, unknown>): string {
  return `import { defineConfig } from 'vitest/config'
import { specCi } from 'vitest-spec-ci'
export default defineConfig({ plugins: [specCi({ contract: ${JSON.stringify({ contracts: ['contracts/**/*.json'], ...contract })} })] })
`
}

/** Writes a contract given as lines; returns the 1-based line of the first line containing `marker`. */
function contract(p: HostileProject, file: string, lines: string[]): (marker: string) => number {
  p.write(file, lines.join('\n'))
  return (marker) => {
    const at = lines.findIndex((l) => l.includes(marker))
    if (at < 0) throw new Error(`no line with ${marker} in ${file}`)
    return at + 1
  }
}

/** The failure of a case: failed, its first error named `name`, placed at `line`, its message naming `file:line`. */
function expectFailureAt(c: CaseResult, name: string, file: string, line: number): string {
  expect(c.state, `${c.name}: ${JSON.stringify(c.errors)}`).toBe('failed')
  expect(c.errors[0]).toMatchObject({ name, file, line })
  const place = `${file}:${line}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  expect(c.errors[0]!.message).toMatch(new RegExp(`${place}(?!\\d)`))
  return c.errors[0]!.message
}

const run = (p: HostileProject, boundMs = 60_000): Promise<FixtureRun> => p.guard(() => runFixture(p.name), { boundMs })

function listen(server: Server, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined))
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

/**
 * Two servers on 127.0.0.1 whose ports differ by one trailing digit: the provider on P, the "evil" one
 * on P·10 + d. Appended as text to `http://127.0.0.1:P`, the contract path `d/stolen` names the evil
 * port, the same trick `:43535/stolen` plays on a base URL without a port (which port 0 cannot give).
 */
async function providerAndEvil(): Promise<{ providerPort: number; digit: number; evilHits: string[] }> {
  const evilHits: string[] = []
  for (let attempt = 0; attempt < 50; attempt++) {
    const evil = createServer((req, res) => {
      evilHits.push(`${req.method} ${req.url}`)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"stolen":true}')
    })
    const evilPort = (await listen(evil, 0))!
    const provider = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 1, name: 'widget', url: req.url })))
    const providerPort = evilPort >= 10_240 ? await listen(provider, Math.floor(evilPort / 10)) : undefined
    if (providerPort !== undefined) {
      servers.push(evil, provider)
      return { providerPort, digit: evilPort % 10, evilHits }
    }
    await new Promise<void>((resolve) => evil.close(() => resolve()))
  }
  throw new Error('found no pair of free ports P and P·10+d on 127.0.0.1')
}

describe('issue 10: hostile contracts fail at their line, and the rest of the run goes on', () => {
  test('a request path that would leave the provider is refused before anything is sent', async () => {
    const { providerPort, digit, evilHits } = await providerAndEvil()
    const p = project('leave')
    p.write('vitest.config.ts', config({ provider: { baseUrl: `http://127.0.0.1:${providerPort}`, timeout: 2000 } }))
    const file = 'contracts/leave.contract.json'
    const line = contract(p, file, [
      '{ "interactions": [',
      '  { "description": "stays on the provider", "request": { "path": "/thing" }, "response": { "status": 200, "body": { "name": "widget" } } },',
      `  { "description": "a path glued to the port", "request": { "path": "${digit}/stolen" }, "response": { "status": 200, "body": { "stolen": true } } },`,
      '  { "description": "a path glued to the host", "request": { "path": ".evil.example/x" }, "response": { "status": 200 } },',
      '  { "description": "a colon in the path stays in the path", "request": { "path": "/:1/x" }, "response": { "status": 200, "body": { "url": "/:1/x" } } }',
      '] }',
    ])
    const result = await run(p)
    expect(evilHits, 'the evil server was reached').toEqual([])
    expect(result.get(file, 'stays on the provider').state).toBe('passed')
    expect(result.get(file, 'a colon in the path stays in the path').state).toBe('passed')
    const glued = result.get(file, 'a path glued to the port')
    expect(glued.location?.line).toBe(line('glued to the port'))
    expect(expectFailureAt(glued, 'RequestLeavesProvider', file, line('glued to the port'))).toContain(
      `request.path "${digit}/stolen" does not start with "/" (appended to the provider URL it could name another host or port); write it as "/…", so it was not sent to the provider at http://127.0.0.1:${providerPort}`,
    )
    expectFailureAt(result.get(file, 'a path glued to the host'), 'RequestLeavesProvider', file, line('glued to the host'))
    expect(result.get('contracts/fine.contract.json', 'a plain interaction').state).toBe('passed')
  })

  test('a regex rule with catastrophic backtracking answers at once; one RE2 cannot run fails at the rule’s line', async () => {
    const p = project('regex')
    const file = 'contracts/regex.contract.json'
    const line = contract(p, file, [
      '{ "interactions": [',
      '  { "description": "backtracking bait",',
      '    "request": { "path": "/code" },',
      '    "response": { "status": 200, "body": { "code": "aaa" }, "matchingRules": { "body": { "$.code": { "matchers": [{ "match": "regex", "regex": "(a+)+$" }] } } } } },',
      '  { "description": "a backreference",',
      '    "request": { "path": "/code" },',
      '    "response": { "status": 200, "body": { "code": "aa" }, "matchingRules": { "body": { "$.code": {',
      '      "matchers": [{ "match": "regex", "regex": "(a)\\\\1+!" }] } } } } },',
      '  { "description": "a linear rule that holds", "request": { "path": "/code" }, "response": { "status": 200, "body": { "code": "a!" }, "matchingRules": { "body": { "$.code": { "matchers": [{ "match": "regex", "regex": "a+!" }] } } } } }',
      '] }',
    ])
    const result = await run(p, 30_000)
    const bait = result.get(file, 'backtracking bait')
    expectFailureAt(bait, 'ContractMismatch', file, line('backtracking bait'))
    expect(bait.errors[0]!.message).toContain(`[regex] $.body.code: expected "${'a'.repeat(40)}!" to match /(a+)+$/`)
    const backreference = result.get(file, 'a backreference')
    expect(backreference.location?.line).toBe(line('a backreference'))
    const message = expectFailureAt(backreference, 'InvalidContract', file, line('"(a)'))
    expect(message).toContain('matching rule: the regex "(a)\\\\1+!" cannot be used')
    expect(message).toContain('no backreferences (\\1), lookahead ((?=…), (?!…)) or lookbehind')
    expect(result.get(file, 'a linear rule that holds').state).toBe('passed')
    expect(result.get('contracts/fine.contract.json', 'a plain interaction').state).toBe('passed')
  })

  test('an endless response body stops at contract.provider.maxBodyBytes; the worker lives and the next interactions pass', async () => {
    const p = project('body')
    p.write('vitest.config.ts', config({ provider: { start: 'provider/service.ts', timeout: 10_000, maxBodyBytes: 1024 * 1024 } }))
    const file = 'contracts/endless.contract.json'
    const line = contract(p, file, [
      '{ "interactions": [',
      '  { "description": "an endless body", "request": { "path": "/endless" }, "response": { "status": 200, "body": "a" } },',
      '  { "description": "after the endless body", "request": { "path": "/thing" }, "response": { "status": 200, "body": { "name": "widget" } } },',
      '  { "description": "and once more", "request": { "path": "/thing" }, "response": { "status": 200, "body": { "id": 1 } } }',
      '] }',
    ])
    const result = await run(p)
    const endless = result.get(file, 'an endless body')
    const message = expectFailureAt(endless, 'ResponseTooLarge', file, line('an endless body'))
    expect(message).toMatch(/has a body over 1048576 bytes \(stopped reading after \d+ bytes\); contract\.provider\.maxBodyBytes caps it at 1048576: raise it if such a body is intended$/)
    expect(result.get(file, 'after the endless body').state).toBe('passed')
    expect(result.get(file, 'and once more').state).toBe('passed')
    expect(result.get('contracts/fine.contract.json', 'a plain interaction').state).toBe('passed')
  })

  test('a contract 10,000 levels deep fails its file at the line where contract.maxJsonDepth is crossed; so does a deep response', async () => {
    const p = project('deep')
    const deepFile = 'contracts/deep.contract.json'
    const deepLine = contract(p, deepFile, [
      '{',
      '  "description": "deep body",',
      '  "request": { "path": "/thing" },',
      `  "response": { "status": 200, "body": ${'['.repeat(10_000)}1${']'.repeat(10_000)} }`,
      '}',
    ])
    const answerFile = 'contracts/deep-answer.contract.json'
    const answerLine = contract(p, answerFile, [
      '{ "interactions": [',
      '  { "description": "a deep answer", "request": { "path": "/deep" }, "response": { "status": 200 } },',
      '  { "description": "a plain answer after it", "request": { "path": "/thing" }, "response": { "status": 200, "body": { "name": "widget" } } }',
      '] }',
    ])
    const result = await run(p)
    const deep = result.get(deepFile, 'contract file can be read')
    expect(deep.location?.line).toBe(deepLine('"response"'))
    expect(expectFailureAt(deep, 'InvalidContract', deepFile, deepLine('"response"'))).toBe(
      `${deepFile}:4: objects and arrays nest deeper than 256 levels here; raise contract.maxJsonDepth if the contract really needs it`,
    )
    expect(deep.errors[0]!.message).not.toContain('Maximum call stack')
    const answer = result.get(answerFile, 'a deep answer')
    expect(expectFailureAt(answer, 'ResponseTooDeep', answerFile, answerLine('a deep answer'))).toContain('with JSON nested deeper than 256 levels (contract.maxJsonDepth)')
    expect(result.get(answerFile, 'a plain answer after it').state).toBe('passed')
    expect(result.get('contracts/fine.contract.json', 'a plain interaction').state).toBe('passed')
  })

  test('an invalid header fails at the header’s line, and a GET with a body at the request’s line, as contract errors', async () => {
    const p = project('headers')
    const file = 'contracts/headers.contract.json'
    const line = contract(p, file, [
      '{ "interactions": [',
      '  { "description": "a header with a newline",',
      '    "request": { "path": "/thing", "headers": {',
      '      "Accept": "application/json",',
      '      "X-Injected": "a\\nSet-Cookie: x=1"',
      '    } },',
      '    "response": { "status": 200 } },',
      '  { "description": "a header beyond latin-1", "request": { "path": "/thing", "headers": {',
      '      "X-Price": "5 \u20ac" } }, "response": { "status": 200 } },',
      '  { "description": "a GET with a body",',
      '    "request": { "method": "GET", "path": "/thing",',
      '      "body": { "q": 1 } },',
      '    "response": { "status": 200 } },',
      '  { "description": "a valid header", "request": { "path": "/thing", "headers": { "Accept": "application/json" } }, "response": { "status": 200 } }',
      '] }',
    ])
    const result = await run(p)
    const newline = result.get(file, 'a header with a newline')
    expect(newline.location?.line).toBe(line('a header with a newline'))
    expect(expectFailureAt(newline, 'InvalidContract', file, line('"X-Injected"'))).toContain('request.headers: header "X-Injected" has a value with U+000A at character 2, which HTTP does not allow')
    expect(expectFailureAt(result.get(file, 'a header beyond latin-1'), 'InvalidContract', file, line('"X-Price"'))).toContain('header "X-Price" has a value with U+20AC')
    const get = result.get(file, 'a GET with a body')
    const message = expectFailureAt(get, 'InvalidContract', file, line('"method": "GET"'))
    expect(message).toContain('request: a GET request cannot carry a body')
    expect(message).not.toContain('could not be reached')
    expect(result.get(file, 'a valid header').state).toBe('passed')
  })

  test('provider.timeout above Vitest’s default 5 s decides: the slow provider gets our message, not "Test timed out in 5000ms"', async () => {
    const p = project('timeout')
    p.write('vitest.config.ts', config({ provider: { start: 'provider/service.ts', timeout: 5500 } }))
    const file = 'contracts/slow.contract.json'
    const line = contract(p, file, [
      '{ "interactions": [',
      '  { "description": "a provider that never answers", "request": { "path": "/slow" }, "response": { "status": 200 } },',
      '  { "description": "an answer after the slow one", "request": { "path": "/thing" }, "response": { "status": 200 } }',
      '] }',
    ])
    const result = await run(p)
    const slow = result.get(file, 'a provider that never answers')
    const message = expectFailureAt(slow, 'ProviderUnavailable', file, line('never answers'))
    expect(message).toMatch(/the provider did not answer GET http:\/\/127\.0\.0\.1:\d+\/slow within 5500 ms \(contract\.provider\.timeout\)$/)
    expect(message).not.toContain('Test timed out')
    expect(result.get(file, 'an answer after the slow one').state).toBe('passed')
  })
})
