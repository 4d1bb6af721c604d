import { describe, expect, test } from 'vitest'
import { resolveContractOptions } from '../../../plugin/contract/resolve-contract-options.ts'

describe('contract options', () => {
  const base = { contracts: ['contracts/*.json'], provider: { start: 'server.ts' } }

  test('defaults are filled into a new object; the caller’s options are left alone', () => {
    const options = { ...base, provider: { ...base.provider } }
    const resolved = resolveContractOptions(options, {})
    expect(resolved).toEqual({
      name: 'contract',
      include: ['contracts/*.json'],
      exclude: ['**/node_modules/**'],
      provider: { baseUrl: undefined, start: 'server.ts', states: undefined, timeoutMs: 5000, maxBodyBytes: 16 * 1024 * 1024 },
      focus: [],
      maxJsonDepth: 256,
      testTimeoutMs: 21_000,
      hookTimeoutMs: 6000,
    })
    expect(options).toEqual(base)
  })

  test('SPEC_CI_PROVIDER_URL replaces the start module and SPEC_CI_FOCUS the focus list', () => {
    const resolved = resolveContractOptions({ ...base, focus: ['a'] }, { SPEC_CI_PROVIDER_URL: 'http://127.0.0.1:4000/', SPEC_CI_FOCUS: 'kv-once,b' })
    expect(resolved.provider).toMatchObject({ baseUrl: 'http://127.0.0.1:4000', start: undefined })
    expect(resolved.focus).toEqual(['kv-once', 'b'])
  })

  test('the project’s Vitest timeouts follow provider.timeout: four bounded steps per test, one per hook, plus a margin', () => {
    const resolved = resolveContractOptions({ ...base, provider: { ...base.provider, timeout: 8000 } }, {})
    expect([resolved.testTimeoutMs, resolved.hookTimeoutMs]).toEqual([33_000, 9000])
  })

  test('the body cap and the JSON depth limit can be set, and must be whole numbers > 0', () => {
    const resolved = resolveContractOptions({ ...base, maxJsonDepth: 32, provider: { ...base.provider, maxBodyBytes: 1024 } }, {})
    expect([resolved.maxJsonDepth, resolved.provider.maxBodyBytes]).toEqual([32, 1024])
    expect(() => resolveContractOptions({ ...base, provider: { ...base.provider, maxBodyBytes: 0 } }, {})).toThrow(
      'specCi: contract.provider.maxBodyBytes is 0; expected bytes as a whole number > 0 (default 16777216)',
    )
    expect(() => resolveContractOptions({ ...base, maxJsonDepth: 1.5 }, {})).toThrow('specCi: contract.maxJsonDepth is 1.5; expected levels as a whole number > 0 (default 256)')
  })

  test('bad options name the option and what to do', () => {
    expect(() => resolveContractOptions({ contracts: [], provider: {} }, {})).toThrow('specCi: contract.contracts must list at least one glob')
    expect(() => resolveContractOptions({ contracts: ['x'], provider: {} }, {})).toThrow(
      'contract.provider needs baseUrl (a running provider) or start (a module that starts it), or set SPEC_CI_PROVIDER_URL; or, for message pacts only, messages (a module of message producers)',
    )
    expect(() => resolveContractOptions({ contracts: ['x'], provider: { messages: (() => {}) as never } }, {})).toThrow(
      'specCi: contract.provider.messages must name a module by path relative to the project root (e.g. "contracts/states.ts"), not a function: options reach the test workers as data',
    )
    expect(resolveContractOptions({ contracts: ['x'], provider: { messages: 'contracts/messages.ts' } }, {}).provider).toMatchObject({ messages: 'contracts/messages.ts', baseUrl: undefined, start: undefined })
    expect(() => resolveContractOptions({ contracts: ['x'], provider: { baseUrl: 'ftp://x' } }, {})).toThrow('only http: and https: providers can be verified')
    expect(() => resolveContractOptions({ contracts: ['x'], provider: { start: (() => {}) as never } }, {})).toThrow('not a function: options reach the test workers as data')
  })
})
