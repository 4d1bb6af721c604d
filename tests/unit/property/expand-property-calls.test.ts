import { parseAst } from 'vite'
import { describe, expect, test } from 'vitest'
import { expandPropertyCalls } from '../../../plugin/property/expand-property-calls.ts'
import { builtInSpecPropertyNames } from '../../../plugin/property/property-plugin.ts'

const expand = (code: string) => expandPropertyCalls(code, parseAst(code) as never, builtInSpecPropertyNames, '/p/kv.property.ts', '/pkg/generated-test-harness/property-plan.js')?.code

const header = `import { describeSpecProperties } from 'vitest-spec-ci/property'\nimport { kvonce } from 'vitest-spec-ci/specs'\n`

describe('expanding describeSpecProperties into literal tests', () => {
  test('a built-in spec’s call becomes a describe with one literal test per property, on the call’s line', () => {
    const code = expand(`${header}\ndescribeSpecProperties(kvonce, {\n  implementation: make,\n})\n`)!
    const lines = code.split('\n')
    expect(lines[3]).toMatch(/^__specCiDescribe\("kvonce properties", \(\) => \{ __specCiTest\("emitted events conform to kvonce", /)
    expect(lines[3]).toContain('__specCiTest("concurrent clients: the history is linearizable"')
    // The options stay where they were (their own lines, so their stack frames keep their lines).
    expect(lines[4]).toBe('  implementation: make,')
    expect(lines[5]).toMatch(/^\}, \["emitted events conform to kvonce",.*\]\); \} var __specCiPlanned0; \}\)$/)
    expect(code.startsWith(`import { describe as __specCiDescribe, test as __specCiTest } from 'vitest';import { plannedSpecProperties as __specCiPlannedProperties } from "/pkg/generated-test-harness/property-plan.js";`)).toBe(true)
  })

  test('every built-in spec’s names come from its declared operations: the same names its properties get', async () => {
    const { operationPropertyModel } = await import('../../../src/property/operations/operation-properties.ts')
    const { builtInSpecs } = await import('../../../src/built-in-specs/index.ts')
    for (const [imported, spec] of Object.entries(builtInSpecs)) {
      const names = builtInSpecPropertyNames({ source: 'vitest-spec-ci/specs', imported }, { hasModelOption: false })
      const built = operationPropertyModel.properties({ spec, specOptions: spec.resolveOptions({}), implementation: () => ({}), maxCommands: 5, clients: 2, operationsPerClient: 2 })
      expect(names).toEqual(built.map((p) => p.name))
    }
    expect(builtInSpecPropertyNames({ source: 'vitest-spec-ci/specs', imported: 'register' }, { hasModelOption: false })).toEqual([
      'observable state matches the model',
      'concurrent clients: the history is linearizable',
    ])
  })

  test('the expanded module is valid JavaScript', () => {
    expect(() => parseAst(expand(`${header}describeSpecProperties(kvonce, { implementation: make, },)`)!)).not.toThrow()
  })

  test('calls whose tests cannot be known before running are left to register at run time', () => {
    // a spec that is not built in, a `model` of one's own, options that are not an object literal
    expect(expand(`import { describeSpecProperties } from 'vitest-spec-ci/property'\nimport { orders } from './orders.ts'\ndescribeSpecProperties(orders, { implementation: make })`)).toBeUndefined()
    expect(expand(`${header}describeSpecProperties(kvonce, { implementation: make, model })`)).toBeUndefined()
    expect(expand(`${header}describeSpecProperties(kvonce, options)`)).toBeUndefined()
    expect(expand(`${header}describeSpecProperties(kvonce, { ...options })`)).toBeUndefined()
  })

  test('files without the API import are left alone', () => {
    expect(expand(`import { kvonce } from 'vitest-spec-ci/specs'\ndescribeSpecProperties(kvonce, {})`)).toBeUndefined()
  })
})
