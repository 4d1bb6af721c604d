import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import { fixturesDir, parseFixture, runFixture, type FixtureRun } from './run-fixture.ts'

/** Line of the object holding `"description": "<description>"` in a fixture contract (the line of its `{`). */
function interactionLine(fixture: string, file: string, description: string): number {
  const lines = readFileSync(path.join(fixturesDir, fixture, file), 'utf8').split('\n')
  const at = lines.findIndex((l) => l.includes(`"description": ${JSON.stringify(description)}`))
  if (at < 0) throw new Error(`no interaction "${description}" in ${file}`)
  if (lines[at]!.trimStart().startsWith('{')) return at + 1
  for (let i = at - 1; i >= 0; i--) if (lines[i]!.trim() === '{') return i + 1
  throw new Error('no opening brace')
}

type Meta = { kind: string; status: string; mismatches: Array<{ kind: string; path: string; expected: unknown; actual: unknown }>; [k: string]: unknown }
const metaOf = (c: { meta: Record<string, unknown> }): Meta => c.meta.specCi as Meta

let run: FixtureRun
beforeAll(async () => {
  run = await runFixture('contract')
})

describe('interactions verified against a provider the harness starts', () => {
  test('an interaction whose response meets every matching rule passes, at its line in the pact', () => {
    const c = run.get('contracts/mismatches.pact.json', 'matches every rule')
    expect(c.state).toBe('passed')
    expect(c.location?.line).toBe(interactionLine('contract', 'contracts/mismatches.pact.json', 'matches every rule'))
    expect(metaOf(c)).toMatchObject({ kind: 'contract', file: 'contracts/mismatches.pact.json', status: 'passed', format: 'pact-v3', consumer: 'fixture-client', provider: 'fixture-service', mismatches: [] })
  })

  const kinds: Array<[string, string, string, string]> = [
    ['status differs', 'status', 'status', 'status: expected 201 but got 200'],
    ['header differs', 'header', '$.headers.x-version', '$.headers.x-version: expected "3" but got "2"'],
    ['body value differs', 'body', '$.body.name', '$.body.name: expected "gadget" but got "widget"'],
    ['key is missing', 'missing', '$.body.color', '$.body.color: expected "red" but it is missing'],
    ['type rule fails', 'type', '$.body.id', 'expected a value of type string (like "1") but got number 1'],
    ['regex rule fails', 'regex', '$.body.code', '$.body.code: expected "AB-12" to match /[0-9]+/'],
    ['include rule fails', 'include', '$.body.name', 'expected "widget" to include "gad"'],
    ['integer rule fails', 'integer', '$.body.price', 'expected an integer but got 9.5'],
    ['decimal rule fails', 'decimal', '$.body.id', 'expected a decimal number but got 1'],
    ['number rule fails', 'number', '$.body.name', 'expected a number but got "widget"'],
    ['boolean rule fails', 'boolean', '$.body.note', 'expected a boolean but got null'],
    ['null rule fails', 'null', '$.body.active', 'expected null but got true'],
    ['equality rule fails', 'equality', '$.body.name', 'expected "gadget" but got "widget"'],
    ['min rule fails', 'min', '$.body.tags', 'expected an array of at least 3 element(s) but got 2'],
    ['max rule fails', 'max', '$.body.tags', 'expected an array of at most 1 element(s) but got 2'],
    ['array length differs', 'length', '$.body.tags', 'expected an array of 1 element(s) but got 2'],
    ['unsupported rule is reported', 'unsupported', '$.body.name', 'matching rule "ignore-order" is not supported'],
  ]
  test.each(kinds)('"%s" fails with a %s mismatch naming the path, expected and actual', (description, kind, jsonPath, text) => {
    const file = 'contracts/mismatches.pact.json'
    const c = run.get(file, description)
    const line = interactionLine('contract', file, description)
    expect(c.state).toBe('failed')
    expect(c.errors[0]).toMatchObject({ name: 'ContractMismatch', file, line })
    expect(c.errors[0]!.message).toContain(`GET /thing did not meet the contract at ${file}:${line} (1 mismatch)`)
    expect(c.errors[0]!.message).toContain(`[${kind}] `)
    expect(c.errors[0]!.message).toContain(text)
    const meta = metaOf(c)
    expect(meta.status).toBe('failed')
    expect(meta.mismatches).toHaveLength(1)
    expect(meta.mismatches[0]).toMatchObject({ kind, path: jsonPath })
  })

  test('a header mismatch carries the expected and actual values in meta', () => {
    expect(metaOf(run.get('contracts/mismatches.pact.json', 'header differs')).mismatches[0]).toMatchObject({ expected: '3', actual: '2' })
  })

  test('Pact v2 rules under $.body and $.headers and v4 wrapped bodies are applied', () => {
    expect(run.get('contracts/v2.pact.json', 'v2 matching rules under $.body and $.headers').state).toBe('passed')
    const v4 = run.get('contracts/v4.pact.json', 'a v4 HTTP interaction with a wrapped body')
    expect(v4.state).toBe('passed')
    expect(metaOf(v4).format).toBe('pact-v4')
  })
})

describe('provider states', () => {
  const file = 'contracts/states.contract.json'
  test('the state handler runs before the request, with the state’s params', () => {
    const c = run.get(file, 'a provider state is set up before the request')
    expect(c.state).toBe('passed')
    expect(metaOf(c).states).toEqual(['a thing is named'])
  })

  test('a state with no handler fails with the handlers that exist and a snippet to add', () => {
    const c = run.get(file, 'a state without a handler fails clearly')
    expect(c.state).toBe('failed')
    expect(c.errors[0]).toMatchObject({ name: 'MissingStateHandler', line: interactionLine('contract', file, 'a state without a handler fails clearly') })
    expect(c.errors[0]!.message).toContain('no handler for provider state "nobody handles this" in provider/states.ts (it handles: "a thing is named", "a handler that breaks")')
    expect(c.errors[0]!.message).toContain('export default { "nobody handles this": async (params, { baseUrl }) => { … } }')
  })

  test('a state handler that throws fails its interaction with the handler’s message', () => {
    const c = run.get(file, 'a failing state handler fails the interaction')
    expect(c.errors[0]).toMatchObject({ name: 'ProviderStateFailed' })
    expect(c.errors[0]!.message).toContain('the handler of provider state "a handler that breaks" failed: Error: database is down')
  })
})

describe('bad contract files', () => {
  test('a file that is not valid JSON is one failing test at the error’s line', () => {
    const cases = run.cases.filter((c) => c.file === 'contracts/broken.contract.json')
    expect(cases.map((c) => [c.name, c.state])).toEqual([['broken.contract.json > contract file can be read', 'failed']])
    expect(cases[0]!.errors[0]).toMatchObject({ name: 'InvalidContract', line: 4 })
    expect(cases[0]!.errors[0]!.message).toBe('contracts/broken.contract.json:4: not valid JSON: expected a key in double quotes but found "}"')
  })

  test('a duplicate key is reported at its line, not silently overwritten', () => {
    const c = run.get('contracts/duplicate-key.contract.json', 'contract file can be read')
    expect(c.errors[0]!.message).toBe('contracts/duplicate-key.contract.json:6: not valid JSON: duplicate key "status" in one object')
  })

  test('a malformed interaction fails alone; the others in the file still run', () => {
    const file = 'contracts/bad-interaction.contract.json'
    expect(run.get(file, 'fine').state).toBe('passed')
    const bad = run.get(file, 'has no status')
    expect(bad.state).toBe('failed')
    expect(bad.errors[0]!.message).toBe('contracts/bad-interaction.contract.json:11: response.status must be an HTTP status code (100-599), got nothing')
    expect(bad.errors[0]!.line).toBe(11)
  })
})

describe('message interactions, verified through the producers module (contract.provider.messages)', () => {
  const file = 'contracts/messages.pact.json'
  const failure = (description: string, name: string) => {
    const c = run.get(file, description)
    const line = interactionLine('contract', file, description)
    expect(c.state).toBe('failed')
    expect(c.location?.line).toBe(line)
    expect(c.errors[0]).toMatchObject({ name, file, line })
    return { c, line, message: c.errors[0]!.message }
  }

  test('a v3 message passes when its producer (given the states and their params) produces it; extra keys and a charset are fine', () => {
    const c = run.get(file, 'a key-written event')
    expect(c.state).toBe('passed')
    expect(c.location?.line).toBe(interactionLine('contract', file, 'a key-written event'))
    expect(metaOf(c)).toMatchObject({ kind: 'contract', status: 'passed', format: 'pact-v3', states: ['a thing is named'], mismatches: [] })
  })

  test('contents are matched by the body rules, at $.contents paths', () => {
    const { c, line, message } = failure('an event with a wrong key', 'ContractMismatch')
    expect(message).toContain(`the message "an event with a wrong key" did not meet the contract at ${file}:${line} (2 mismatches)`)
    expect(message).toContain('[body] $.contents.key: expected "alpha" but got "beta"')
    expect(message).toContain('[integer] $.contents.count: expected an integer but got "1"')
    expect(metaOf(c).mismatches.map((m) => [m.kind, m.path])).toEqual([['body', '$.contents.key'], ['integer', '$.contents.count']])
  })

  test('metadata is matched by the metadata rules, at $.metadata paths', () => {
    const { message } = failure('an event whose metadata breaks its rule', 'ContractMismatch')
    expect(message).toContain('(1 mismatch)')
    expect(message).toContain('[regex] $.metadata.topic: expected "KV/written" to match /^kv\\.[a-z]+$/')
  })

  test('a message without a producer fails, naming the description, the module and the producers it has', () => {
    const { message, line } = failure('an event nobody produces', 'MissingMessageProducer')
    expect(message).toContain(`${file}:${line}: no message producer for "an event nobody produces" in provider/messages.ts (it produces: "a key-written event",`)
    expect(message).toContain('Add it: export default { "an event nobody produces": async ({ states }) => ({ contents: …, metadata: { … } }) }')
  })

  test('a producer that throws, or returns something else than { contents }, fails clearly', () => {
    expect(failure('an event whose producer throws', 'MessageProducerFailed').message).toContain('the message producer of "an event whose producer throws" in provider/messages.ts failed: Error: the queue is gone')
    expect(failure('an event whose contents are circular', 'InvalidMessage').message).toContain(
      'the message producer of "an event whose contents are circular" in provider/messages.ts returned contents that are not JSON: Converting circular structure to JSON',
    )
    // Taken as the JSON it serialises to, as Pact JS sends it to the official verifier.
    expect(run.get(file, 'an event with a date in its contents').state).toBe('passed')
    expect(failure('an event whose producer returns no contents', 'InvalidMessage').message).toContain(
      'the message producer of "an event whose producer returns no contents" in provider/messages.ts must return { contents, metadata? }, but returned {"key":"alpha"}',
    )
  })

  test('v4 asynchronous messages (contents as bytes) and synchronous messages (the request handed to the producer, each response matched) pass', () => {
    for (const description of ['a v4 asynchronous message', 'a v4 synchronous message']) {
      const c = run.get('contracts/v4.pact.json', description)
      expect(c.state, JSON.stringify(c.errors)).toBe('passed')
      expect(c.location?.line).toBe(interactionLine('contract', 'contracts/v4.pact.json', description))
      expect(metaOf(c)).toMatchObject({ status: 'passed', format: 'pact-v4' })
    }
  })
})

describe('a project of message pacts only (contract.provider.messages, no provider)', () => {
  test('its messages are verified; an HTTP interaction fails clearly, naming the options it needs', async () => {
    const only = await runFixture('contract-messages-only')
    expect(only.get('stock.pact.json', 'a stock level changed').state).toBe('passed')
    const http = only.get('stock.pact.json', 'an HTTP interaction with no provider')
    expect(http.state).toBe('failed')
    expect(http.errors[0]).toMatchObject({ name: 'ProviderConfigError', file: 'pacts/stock.pact.json', line: 12 })
    expect(http.errors[0]!.message).toBe(
      'pacts/stock.pact.json:12: an HTTP interaction needs a provider: set contract.provider.baseUrl or contract.provider.start (or SPEC_CI_PROVIDER_URL); contract.provider.messages only produces messages',
    )
  })
})

describe('static collection', () => {
  test('every interaction is a test the explorer sees without running, at its line', async () => {
    const parsed = await parseFixture('contract')
    const names = parsed.cases.filter((c) => c.file === 'contracts/states.contract.json').map((c) => [c.name, c.location?.line])
    expect(names).toEqual([
      ['states.contract.json > a provider state is set up before the request', 4],
      ['states.contract.json > a state without a handler fails clearly', 10],
      ['states.contract.json > a failing state handler fails the interaction', 16],
    ])
  })
})

describe('focus and a provider that is down', () => {
  const saved = { focus: process.env.SPEC_CI_FOCUS, url: process.env.SPEC_CI_PROVIDER_URL }
  afterEach(() => {
    for (const [key, value] of [['SPEC_CI_FOCUS', saved.focus], ['SPEC_CI_PROVIDER_URL', saved.url]] as const)
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
  })

  test('focus keeps the matching contracts; the others stay visible as skipped', async () => {
    delete process.env.SPEC_CI_FOCUS
    const focused = await runFixture('contract-focus')
    expect(focused.get('orders.pact.json', 'orders answers').state).toBe('passed')
    const out = focused.get('kv-once.contract.json', 'kv-once answers')
    expect(out.state).toBe('skipped')
    expect(metaOf(out).skipReason).toBe('out of focus (orders)')
  })

  test('SPEC_CI_FOCUS overrides the configured focus and matches a contract id', async () => {
    process.env.SPEC_CI_FOCUS = 'kv-once'
    const focused = await runFixture('contract-focus')
    expect(focused.get('kv-once.contract.json', 'kv-once answers').state).toBe('passed')
    expect(focused.get('orders.pact.json', 'orders answers').state).toBe('skipped')
  })

  test('a provider that refuses connections fails each interaction clearly, and the run goes on', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port
        probe.close(() => resolve(p))
      })
    })
    process.env.SPEC_CI_PROVIDER_URL = `http://127.0.0.1:${port}`
    const down = await runFixture('contract-down')
    expect(down.cases.map((c) => c.state)).toEqual(['failed', 'failed'])
    for (const c of down.cases) {
      expect(c.errors[0]!.name).toBe('ProviderUnavailable')
      expect(c.errors[0]!.message).toMatch(
        new RegExp(`^contracts/down\\.contract\\.json:[34]: the provider at http://127\\.0\\.0\\.1:${port} refused the connection: is it running\\? Check contract\\.provider\\.baseUrl or SPEC_CI_PROVIDER_URL; request was GET http://127\\.0\\.0\\.1:${port}/[ab]$`),
      )
      expect(metaOf(c)).toMatchObject({ status: 'failed', error: expect.stringContaining('refused the connection') })
    }
  })
})
