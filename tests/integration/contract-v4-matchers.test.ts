import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { fixturesDir, runFixture, type FixtureRun } from './run-fixture.ts'

/**
 * Pact v3/v4 matchers and generators through a real Vitest run: contracts/correct.pact.json against a
 * provider that meets it (every interaction passes), contracts/bugs.pact.json against the same provider
 * asked (by an X-Bug header) for one deliberate bug per interaction (each fails there, at its JSON path).
 */
const FIXTURE = 'contract-v4-matchers'

function interactionLine(file: string, description: string): number {
  const lines = readFileSync(path.join(fixturesDir, FIXTURE, file), 'utf8').split('\n')
  const at = lines.findIndex((l) => l.includes(`"description": ${JSON.stringify(description)}`))
  if (at < 0) throw new Error(`no interaction "${description}" in ${file}`)
  for (let i = at - 1; i >= 0; i--) if (lines[i]!.trim() === '{') return i + 1
  throw new Error('no opening brace')
}

type Meta = { status: string; mismatches: Array<{ kind: string; path: string; expected: unknown; actual: unknown }> }
const metaOf = (c: { meta: Record<string, unknown> }): Meta => c.meta.specCi as Meta

let run: FixtureRun
beforeAll(async () => {
  run = await runFixture(FIXTURE)
}, 60_000)

describe('a provider that meets the contract passes every v3/v4 matcher and generator', () => {
  test.each([
    'dates and times match their patterns',
    'the events contain a created and a deleted one',
    'prices are keyed by lower-case names with decimal values',
    'a release has a semantic version and notes',
    'users are matched by their values whatever their keys',
    'the logo is a PNG image',
    'creating a thing answers a success status',
    'an item is fetched by the id its provider state created',
  ])('%s', (description) => {
    const c = run.get('contracts/correct.pact.json', description)
    expect(c.errors.map((e) => e.message)).toEqual([])
    expect(c.state).toBe('passed')
    expect(metaOf(c)).toMatchObject({ status: 'passed', mismatches: [] })
  })

  test('the generated request reached the provider (it refuses the examples: item 0, token "x", count 0)', () => {
    // The provider answers 400 unless path, query, header and body carry generated values and the
    // state's id; the bug case below shows the request line with the generated path.
    const c = run.get('contracts/bugs.pact.json', 'the item answered is another one')
    expect(c.errors[0]!.message).toMatch(/^POST \/items\/\d{3} did not meet the contract/)
    expect(c.errors[0]!.message).not.toContain('/items/0 ')
  })
})

describe('each deliberate bug fails its interaction at the JSON path', () => {
  const cases: Array<[description: string, kind: string, jsonPath: string, text: string]> = [
    ['a date that does not exist', 'date', '$.body.date', 'expected "2024-02-30" to be a date in the pattern "yyyy-MM-dd"'],
    ['a time outside its pattern', 'time', '$.body.time', 'expected "24:05" to be a time in the pattern "HH:mm": 24 is out of range for HH'],
    ['no created event', 'arrayContains', '$.body.events', 'no element matches variant 0'],
    ['a price keyed by an upper-case name', 'eachKey', '$.body.prices.Pear', 'the key "Pear" does not match eachKey'],
    ['a price that is not a decimal', 'decimal', '$.body.prices.plum', 'expected a decimal number but got "cheap"'],
    ['a version that is not semantic', 'semver', '$.body.version', 'expected a semantic version (MAJOR.MINOR.PATCH) but got "v1.2"'],
    ['empty release notes', 'type', '$.body.notes', 'expected a non-empty value but got []'],
    ['a user whose name is a number', 'type', '$.body.users.bob.name', 'expected a value of type string (like "Ann") but got number 42'],
    ['the logo is a JPEG', 'contentType', '$.body', 'expected a body of type image/png but it is image/jpeg'],
    ['creating a thing is refused', 'status', 'status', 'expected a success status but got 400'],
    ['the item answered is another one', 'body', '$.body.id', 'but got'],
    ['the provider ignores the generated page', 'integer', '$.body.seenPage', 'expected an integer but got "'],
  ]
  test.each(cases)('%s: [%s] at %s', (description, kind, jsonPath, text) => {
    const file = 'contracts/bugs.pact.json'
    const c = run.get(file, description)
    const line = interactionLine(file, description)
    expect(c.state).toBe('failed')
    expect(c.errors[0]).toMatchObject({ name: 'ContractMismatch', file, line })
    expect(c.errors[0]!.message).toContain(`did not meet the contract at ${file}:${line} (1 mismatch)`)
    expect(c.errors[0]!.message).toContain(`[${kind}] ${jsonPath}: `)
    expect(c.errors[0]!.message).toContain(text)
    expect(metaOf(c).mismatches).toHaveLength(1)
    expect(metaOf(c).mismatches[0]).toMatchObject({ kind, path: jsonPath })
  })

  test('the expected id is the one the provider state returned (ProviderState generator on the response)', () => {
    const m = metaOf(run.get('contracts/bugs.pact.json', 'the item answered is another one')).mismatches[0]!
    expect(typeof m.expected).toBe('number')
    expect(m.actual).toBe((m.expected as number) + 1)
  })

  test('a ProviderState expression the states do not fill fails naming the expression and the state', () => {
    const file = 'contracts/bugs.pact.json'
    const description = 'a generator needs a value the state does not give'
    const c = run.get(file, description)
    const line = interactionLine(file, description)
    expect(c.state).toBe('failed')
    expect(c.errors[0]).toMatchObject({ name: 'GeneratorFailed', file, line })
    expect(c.errors[0]!.message).toBe(
      `${file}:${line}: request body $.id: the ProviderState generator's expression "\${itemId}" needs the value "itemId", but the provider state "an item exists" gave none (values: name, id); return it from the state handler: return { "itemId": … }`,
    )
  })

  test('every interaction of the bugs file fails (none passes by accident)', () => {
    const bugs = run.cases.filter((c) => c.file === 'contracts/bugs.pact.json')
    expect(bugs).toHaveLength(cases.length + 1)
    expect(bugs.filter((c) => c.state !== 'failed').map((c) => c.name)).toEqual([])
  })
})
