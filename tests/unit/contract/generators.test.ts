import { ChronoUnit, ZonedDateTime, ZoneOffset } from '@js-joda/core'
import { describe, expect, test } from 'vitest'
import { GeneratorError, generateExpectedResponse, generateRequest } from '../../../src/contract/apply-generators.ts'
import { evaluateDateExpression } from '../../../src/contract/date-expression.ts'
import { generateValue, type GeneratorContext } from '../../../src/contract/generate-value.ts'
import { readGenerators } from '../../../src/contract/read-generators.ts'
import { dateTimeProblem } from '../../../src/contract/pact-date-pattern.ts'
import { compilePactRegex } from '../../../src/contract/pact-regex.ts'
import { parseContract } from '../../../src/contract/parse-contract.ts'
import { readExpectedRequest, readExpectedResponse } from '../../../src/contract/read-http.ts'

const none: GeneratorContext = { values: {}, states: [] }
const gen = (g: Record<string, unknown>, context: GeneratorContext = none) => generateValue({ type: String(g.type), ...g }, context, 'request body $.x')
const many = (g: Record<string, unknown>, n = 50) => Array.from({ length: n }, () => gen(g))

describe('value generators (Pact v3/v4)', () => {
  test('RandomInt stays within min..max (defaults 0..2147483647)', () => {
    for (const v of many({ type: 'RandomInt', min: 3, max: 5 })) expect([3, 4, 5]).toContain(v)
    for (const v of many({ type: 'RandomInt' })) expect(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2147483647).toBe(true)
    expect(() => gen({ type: 'RandomInt', min: 5, max: 1 })).toThrow(GeneratorError)
  })
  test('RandomDecimal gives a non-integer number with the digits asked (default 10)', () => {
    for (const v of many({ type: 'RandomDecimal', digits: 6 })) {
      expect(typeof v).toBe('number')
      expect(Number.isInteger(v)).toBe(false)
      expect(String(v).replace('.', '').length).toBeLessThanOrEqual(7)
    }
  })
  test('RandomHexadecimal, RandomString, RandomBoolean', () => {
    for (const v of many({ type: 'RandomHexadecimal', digits: 7 })) expect(v).toMatch(/^[0-9a-f]{7}$/)
    for (const v of many({ type: 'RandomString', size: 12 })) expect(v).toMatch(/^[A-Za-z0-9]{12}$/)
    expect(gen({ type: 'RandomString' })).toHaveLength(10)
    expect(new Set(many({ type: 'RandomBoolean' }, 100))).toEqual(new Set([true, false]))
  })
  test('Regex: text the rule itself (RE2, whole value) accepts', () => {
    const re = compilePactRegex('\\d{3}-[A-Z]{2}')
    for (const v of many({ type: 'Regex', regex: '\\d{3}-[A-Z]{2}' })) expect(typeof re !== 'string' && re.matches(v as string)).toBe(true)
    expect(() => gen({ type: 'Regex', regex: '(a)\\1' })).toThrow(/cannot be used/)
    expect(gen({ type: 'Regex', regex: '[\\w-]{5}' })).toMatch(/^[\w-]{5}$/)
    expect(gen({ type: 'Regex', regex: '\\p{Lu}{3}' })).toMatch(/^\p{Lu}{3}$/u)
  })
  test.each([
    [undefined, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/],
    ['lower-case-hyphenated', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/],
    ['upper-case-hyphenated', /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/],
    ['simple', /^[0-9a-f]{32}$/],
    ['URN', /^urn:uuid:[0-9a-f-]{36}$/],
  ])('Uuid in format %s', (format, re) => {
    expect(gen({ type: 'Uuid', format })).toMatch(re)
  })
  test('Date, Time and DateTime in their format (defaults as the matchers), each parsing back under the matcher', () => {
    expect(dateTimeProblem('yyyy-MM-dd', gen({ type: 'Date' }) as string)).toBeUndefined()
    expect(dateTimeProblem('HH:mm:ss', gen({ type: 'Time' }) as string)).toBeUndefined()
    expect(dateTimeProblem("yyyy-MM-dd'T'HH:mm:ssXXX", gen({ type: 'DateTime' }) as string)).toBeUndefined()
    const f = "yyyy-MM-dd'T'HH:mm:ss.SSSX"
    expect(dateTimeProblem(f, gen({ type: 'DateTime', format: f }) as string)).toBeUndefined()
    expect(gen({ type: 'Date', format: 'dd/MM/yyyy' })).toMatch(/^\d\d\/\d\d\/\d{4}$/)
    // names are written in English, as the official verifier reads them; what it does not read cannot be written
    expect(gen({ type: 'DateTime', format: 'EEE, dd MMM yyyy HH:mm:ss z' })).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/)
    expect(() => gen({ type: 'Date', format: 'EEEEE' })).toThrow(/cannot be used/)
  })
  test('date expressions: base words and offsets; an unreadable one is refused', () => {
    const now = ZonedDateTime.of(2024, 1, 31, 10, 30, 0, 0, ZoneOffset.UTC)
    const at = (e: string) => String(evaluateDateExpression(e, now))
    expect(at('tomorrow')).toBe('2024-02-01T10:30Z')
    expect(at('yesterday - 1 week')).toBe('2024-01-23T10:30Z')
    expect(at('today + 1 month')).toBe('2024-02-29T10:30Z')
    expect(at('+ 2 hours + 15 minutes')).toBe('2024-01-31T12:45Z')
    expect(at('tomorrow @ noon + 1 hour')).toBe('2024-02-01T13:00Z')
    expect(at('midnight')).toBe(now.truncatedTo(ChronoUnit.DAYS).toString())
    expect(at('next fortnight')).toContain('cannot be read')
    expect(() => gen({ type: 'Date', expression: 'the day after' })).toThrow(/cannot be read/)
  })
})

describe('ProviderState generators and provider-state values', () => {
  const context = { values: { id: 42, name: 'Ann', nested: { code: 'X1' } }, states: ['a user exists'] }
  test('a whole ${name} keeps the value type; inside text it is interpolated; dataType converts', () => {
    expect(gen({ type: 'ProviderState', expression: '${id}' }, context)).toBe(42)
    expect(gen({ type: 'ProviderState', expression: '/users/${id}/${name}' }, context)).toBe('/users/42/Ann')
    expect(gen({ type: 'ProviderState', expression: '${id}', dataType: 'STRING' }, context)).toBe('42')
    expect(gen({ type: 'ProviderState', expression: '${id}', dataType: 'INTEGER' }, { ...context, values: { id: '7' } })).toBe(7)
    expect(gen({ type: 'ProviderState', expression: '${id}', dataType: 'DECIMAL' }, { ...context, values: { id: '7.5' } })).toBe(7.5)
    expect(gen({ type: 'ProviderState', expression: '${id}', dataType: 'BOOLEAN' }, { ...context, values: { id: 'true' } })).toBe(true)
    expect(() => gen({ type: 'ProviderState', expression: 'n${id}', dataType: 'INTEGER' }, context)).toThrow('gave "n42", not an INTEGER')
    expect(gen({ type: 'ProviderState', expression: '${nested.code}' }, context)).toBe('X1')
  })
  test('a missing value is a clear failure naming the expression and the state', () => {
    expect(() => gen({ type: 'ProviderState', expression: '/orders/${orderId}' }, context)).toThrow(
      'request body $.x: the ProviderState generator\'s expression "/orders/${orderId}" needs the value "orderId", but the provider state "a user exists" gave none (values: id, name, nested)',
    )
    expect(() => gen({ type: 'ProviderState', expression: '${id}' })).toThrow(/has no provider state/)
  })

  const pact = {
    consumer: { name: 'c' }, provider: { name: 'p' }, metadata: { pactSpecification: { version: '4.0' } },
    interactions: [{
      type: 'Synchronous/HTTP', description: 'get a user', providerStates: [{ name: 'a user exists', params: { name: 'Ann' } }],
      request: {
        method: 'POST', path: '/users/1', query: { q: ['x'] }, headers: { 'X-Trace': 'abc', 'Content-Type': 'application/json' },
        body: { content: { id: 1, tag: 'a', at: '2000-01-01' }, contentType: 'application/json' },
        generators: {
          path: { type: 'ProviderState', expression: '/users/${id}' },
          query: { q: { type: 'RandomString', size: 4 } },
          header: { 'X-Trace': { type: 'Uuid' } },
          body: { '$.id': { type: 'ProviderState', expression: '${id}', dataType: 'INTEGER' }, '$.tag': { type: 'RandomHexadecimal', digits: 6 }, '$.at': { type: 'Date' } },
        },
      },
      response: {
        status: 200, headers: { 'X-Id': '1' }, body: { content: { id: 1, name: 'x', items: [{ id: 0 }, { id: 0 }] }, contentType: 'application/json' },
        generators: {
          body: { '$.id': { type: 'ProviderState', expression: '${id}' }, '$.name': { type: 'RandomString' }, '$.items[*].id': { type: 'ProviderState', expression: '${id}' } },
          header: { 'X-Id': { type: 'ProviderState', expression: '${id}' } },
        },
      },
    }],
  }

  test('the request sent has every generator applied: path, query, headers, body', () => {
    const { interactions } = parseContract(JSON.stringify(pact))
    const sent = generateRequest(interactions[0]!.request!, { values: { id: 7, name: 'Ann' }, states: ['a user exists'] })
    expect(sent.path).toBe('/users/7')
    expect(sent.query[0]![1][0]).toMatch(/^[A-Za-z0-9]{4}$/)
    expect(sent.headers.find(([n]) => n === 'X-Trace')![1]).toMatch(/^[0-9a-f-]{36}$/)
    expect(sent.headers.find(([n]) => n === 'Content-Type')![1]).toBe('application/json')
    expect(sent.body).toMatchObject({ id: 7 })
    expect((sent.body as { tag: string }).tag).toMatch(/^[0-9a-f]{6}$/)
    expect(dateTimeProblem('yyyy-MM-dd', (sent.body as { at: string }).at)).toBeUndefined()
  })

  test('the expected response takes only the ProviderState generators (wildcard paths too)', () => {
    const { interactions } = parseContract(JSON.stringify(pact))
    const expected = generateExpectedResponse(interactions[0]!.response!, { values: { id: 7 }, states: ['a user exists'] })
    expect(expected.body).toEqual({ id: 7, name: 'x', items: [{ id: 7 }, { id: 7 }] })
    expect(expected.headers).toEqual([['X-Id', '7']])
  })

  test('an unknown generator type is ignored, as the official verifier ignores it (the example value is sent)', () => {
    const odd = structuredClone(pact)
    ;(odd.interactions[0]!.request.generators.body as Record<string, unknown>)['$.tag'] = { type: 'Lottery' }
    const [interaction] = parseContract(JSON.stringify(odd, null, 2)).interactions
    expect(interaction!.problem).toBeUndefined()
    expect(readGenerators({ body: { '$.tag': { type: 'Lottery' } } })!.body).toEqual([])
  })

  test('v3 generators keyed the same way are read; a request without generators is sent as written', () => {
    const request = readExpectedRequest({ method: 'GET', path: '/a', generators: { path: { type: 'RandomInt', min: 1, max: 1 } } }, 3)
    expect(generateRequest(request, none).path).toBe('1')
    const plain = readExpectedRequest({ method: 'GET', path: '/a' }, 3)
    expect(generateRequest(plain, none)).toBe(plain)
    expect(readExpectedResponse({ status: 200 }, 3, { statusRequired: false })).not.toHaveProperty('generators')
  })
})

describe('hostile generators are refused, not run', () => {
  test('sizes beyond 65536 and unsafe integer bounds', () => {
    expect(() => gen({ type: 'RandomString', size: 1e9 })).toThrow('"size" 1000000000 is outside 0..65536')
    expect(() => gen({ type: 'RandomHexadecimal', digits: 1e7 })).toThrow(GeneratorError)
    expect(() => gen({ type: 'RandomInt', min: 0, max: 1e300 })).toThrow(/safe integers/)
  })
  test('a date expression beyond the supported range', () => {
    expect(String(evaluateDateExpression('+ 999999 years + 999999 years + 999999 years'))).toContain('leaves the supported range')
  })
})
