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

  test('the same definition made twice at one place is kept once', () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'Given', pattern: 'a box', fn: noop, location: at(1) })
    registry.define({ keyword: 'Given', pattern: 'a box', fn: noop, location: at(1) })
    expect(registry.definitions).toHaveLength(1)
  })

  test('a custom parameter type defined after the step that uses it still applies', async () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'When', pattern: 'I pick {sku}', fn: noop, location: at(1) })
    registry.defineParameterType({ name: 'sku', regexp: /[A-Z]+-\d+/, transformer: (s) => ({ sku: s }) })
    expect(await registry.match('I pick AB-12')[0]!.values({})).toEqual([{ sku: 'AB-12' }])
  })

  test('an expression with an unknown parameter type names the definition and where it is', () => {
    const registry = new StepRegistry()
    registry.define({ keyword: 'When', pattern: 'I pick {thing}', fn: noop, location: at(7) })
    expect(() => registry.match('I pick x')).toThrow(/When\('I pick \{thing\}'\) \/p\/steps\.ts:7: .*thing/s)
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
