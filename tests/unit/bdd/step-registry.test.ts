import { describe, expect, test } from 'vitest'
import { DataTable } from '../../../src/bdd/data-table.ts'
import { stepSnippet } from '../../../src/bdd/snippet.ts'
import { StepRegistry, type StepFunction } from '../../../src/bdd/step-registry.ts'
import { callerLocation } from '../../../src/stack-frames.ts'
import { unusedDefinitions } from '../../../src/bdd/unused-steps.ts'

const noop: StepFunction = () => {}
const at = (line: number) => ({ file: '/p/steps.ts', line, column: 1 })

describe('StepRegistry', () => {
  test('matches Cucumber expressions and regular expressions, converting arguments', async () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'Given', pattern: 'I have {int} items named {string}', fn: noop, location: at(1) })
    registry.define({ keyword: 'Then', pattern: /^the total is (\d+)$/, fn: noop, location: at(2) })
    const [match] = registry.match('I have 3 items named "box"')
    expect(await match!.values({})).toEqual([3, 'box'])
    expect(await registry.match('the total is 12')[0]!.values({})).toEqual([12])
    expect(registry.match('something else')).toEqual([])
  })

  test('a step matched by two definitions returns both', () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'Given', pattern: 'a {word}', fn: noop, location: at(1) })
    registry.define({ keyword: 'Given', pattern: 'a box', fn: noop, location: at(2) })
    expect(registry.match('a box')).toHaveLength(2)
  })

  test('a text matched before sees the definitions and parameter types registered after it; each step gets fresh values', async () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'Given', pattern: 'a {word}', fn: noop, location: at(1) })
    expect(registry.match('a box')).toHaveLength(1)
    registry.define({ keyword: 'Given', pattern: 'a box', fn: noop, location: at(2) })
    expect(registry.match('a box')).toHaveLength(2)
    let made = 0
    registry.defineParameterType({ name: 'crate', regexp: /crate \d+/, transformer: (text) => ({ text, n: ++made }) })
    registry.define({ keyword: 'Given', pattern: 'I open {crate}', fn: noop, location: at(3) })
    const [first] = registry.match('I open crate 7')
    const [again] = registry.match('I open crate 7')
    const [a, b] = [await first!.values({}), await again!.values({})]
    expect(a).toEqual([{ text: 'crate 7', n: 1 }])
    expect(b).toEqual([{ text: 'crate 7', n: 2 }])
    registry.endGeneration()
    registry.define({ keyword: 'Given', pattern: 'a {word}', fn: noop, location: at(1) })
    registry.endGeneration()
    expect(registry.match('a box')).toHaveLength(2)
  })

  test('registration is by identity: two definitions from one call site in one generation are both kept', () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'Given', pattern: 'a box', fn: noop, location: at(1) })
    registry.define({ keyword: 'Given', pattern: 'a box', fn: noop, location: at(1) })
    expect(registry.definitions).toHaveLength(2)
    expect(new Set(registry.definitions.map((d) => d.id)).size).toBe(2)
  })

  test('a step file evaluated again in a later generation replaces what that call site registered before, in place', () => {
    const registry = new StepRegistry()
    const first: StepFunction = () => 'first'
    const again: StepFunction = () => 'again'
    registry.define({ keyword: 'Given', pattern: 'a box', fn: first, location: at(1) })
    registry.define({ keyword: 'Given', pattern: 'a box', fn: first, location: at(1) })
    registry.define({ keyword: 'Given', pattern: 'a bag', fn: first, location: at(2) })
    const ids = registry.definitions.map((d) => d.id)
    registry.endGeneration()
    registry.define({ keyword: 'Given', pattern: 'a box', fn: again, location: at(1) })
    registry.define({ keyword: 'Given', pattern: 'a box', fn: again, location: at(1) })
    registry.endGeneration()
    expect(registry.definitions.map((d) => [d.pattern, d.fn])).toEqual([['a box', again], ['a box', again], ['a bag', first]])
    // the same call site gives the same ids in every generation (and every worker)
    expect(registry.definitions.map((d) => d.id)).toEqual(ids)
  })

  test('a call site registering fewer times in a later generation drops the extra earlier ones', () => {
    const registry = new StepRegistry()
    const hook = (fn: () => void) => ({ fn, location: at(5) })
    registry.addHook('before', hook(() => {}))
    registry.addHook('before', hook(() => {}))
    registry.endGeneration()
    const kept = hook(() => {})
    registry.addHook('before', kept)
    registry.endGeneration()
    expect(registry.before).toEqual([kept])
  })

  test('hooks are kept by identity: the same function registered twice through a helper is two hooks', () => {
    const registry = new StepRegistry()
    const fn = () => {}
    const viaHelper = () => registry.addHook('after', { fn, location: at(9) })
    viaHelper()
    viaHelper()
    expect(registry.after).toHaveLength(2)
  })

  test('a custom parameter type defined after the step that uses it still applies', async () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'When', pattern: 'I pick {sku}', fn: noop, location: at(1) })
    registry.defineParameterType({ name: 'sku', regexp: /[A-Z]+-\d+/, transformer: (s) => ({ sku: s }) })
    expect(await registry.match('I pick AB-12')[0]!.values({})).toEqual([{ sku: 'AB-12' }])
  })

  test('an expression with an unknown parameter type matches nothing and is recorded; the other definitions still match', () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'When', pattern: 'I fly to {airport}', fn: noop, location: at(7) })
    registry.define({ keyword: 'When', pattern: 'I fly to {word}', fn: noop, location: at(8) })
    expect(registry.match('I fly to LHR').map((m) => m.definition.location?.line)).toEqual([8])
    expect(registry.undefinedParameterTypes().map(({ expression, name }) => ({ expression, name }))).toEqual([{ expression: 'I fly to {airport}', name: 'airport' }])
  })

  test('any other broken expression names the definition and where it is', () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'When', pattern: 'I pick {int', fn: noop, location: at(7) })
    expect(() => registry.match('I pick x')).toThrow(/When\('I pick \{int'\) \/p\/steps\.ts:7: /)
  })
})

describe('stepSnippet', () => {
  test('suggests an expression with parameters, the world first, and the table argument', () => {
    const registry = new StepRegistry()
    const snippet = stepSnippet({ type: 'Action', text: 'I reserve 3 of "A-1"', dataTable: [['a']] }, registry.snippetGenerator())
    expect(snippet).toBe(
      "When('I reserve {int} of {string}', (world, int, string, dataTable) => {\n  // Write code here that turns the phrase above into concrete actions\n})",
    )
  })

  test('escapes quotes so the snippet pastes as valid code', () => {
    const snippet = stepSnippet({ type: 'Outcome', text: "it's done" }, new StepRegistry().snippetGenerator())
    expect(snippet.split('\n')[0]).toBe("Then('it\\'s done', (world) => {")
  })
})

describe('unusedDefinitions', () => {
  test('lists the definitions no step text matches', () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'Given', pattern: 'used {int}', fn: noop, location: at(1) })
    registry.define({ keyword: 'Given', pattern: 'never used', fn: noop, location: at(2) })
    expect(unusedDefinitions(registry, ['used 1', 'other']).map((d) => d.pattern)).toEqual(['never used'])
  })
})

describe('DataTable', () => {
  test('gives rows, hashes and a rows hash; a __proto__ header is an ordinary key', () => {
    const table = new DataTable([['__proto__', 'qty'], ['A', '1']])
    expect(table.rows()).toEqual([['A', '1']])
    expect(table.hashes()[0]).toEqual(Object.defineProperty({ qty: '1' }, '__proto__', { value: 'A', enumerable: true }))
    expect(new DataTable([['a', '1'], ['b', '2']]).rowsHash()).toEqual({ a: '1', b: '2' })
    expect(() => new DataTable([['a', 'b', 'c']]).rowsHash()).toThrow(/row 1 has 3 cells/)
  })
})

describe('callerLocation', () => {
  test('finds the first frame outside the skipped files, from paths or file URLs', () => {
    const stack = 'Error\n    at define (/pkg/bdd.js:3:9)\n    at file:///proj/steps/kv.ts:12:5\n    at run (/proj/x.ts:1:1)'
    expect(callerLocation(stack, (f) => f === '/pkg/bdd.js')).toEqual({ file: '/proj/steps/kv.ts', line: 12, column: 5 })
  })
})
