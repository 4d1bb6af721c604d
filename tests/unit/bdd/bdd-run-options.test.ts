import { describe, expect, test } from 'vitest'
import { resolveBddOptions } from '../../../plugin/generate/bdd-options.ts'
import { resolveGenerateOptions } from '../../../plugin/generate/resolve-generate-options.ts'

const base = { features: ['f/*.feature'], steps: ['s.ts'] }

describe('generate.strict, generate.retry, generate.worldParameters', () => {
  test('defaults: strict, no retry, empty parameters', () => {
    expect(resolveBddOptions(base)).toMatchObject({ strict: true, retry: 0, worldParameters: {} })
  })

  test('accepted through resolveGenerateOptions (known keys)', () => {
    expect(resolveGenerateOptions({ ...base, strict: false, retry: 2, worldParameters: { a: [1, { b: null }] } }).bdd).toMatchObject({ strict: false, retry: 2, worldParameters: { a: [1, { b: null }] } })
  })

  test('strict that is not a boolean is refused, naming the option', () => {
    expect(() => resolveBddOptions({ ...base, strict: 'yes' })).toThrow(/generate\.strict is "yes"; expected true .* or false/)
  })

  test.each([-1, 1.5, '2', Number.NaN])('retry %s is refused, naming the option', (retry) => {
    expect(() => resolveBddOptions({ ...base, retry })).toThrow(/generate\.retry is .*; expected a whole number of retries/)
  })

  test('worldParameters must be a JSON object: no functions, no class instances, no cycles, no Infinity', () => {
    expect(() => resolveBddOptions({ ...base, worldParameters: [1] })).toThrow(/generate\.worldParameters is an array; expected a JSON object/)
    expect(() => resolveBddOptions({ ...base, worldParameters: { f: () => 1 } })).toThrow(/generate\.worldParameters has a function at worldParameters\.f/)
    expect(() => resolveBddOptions({ ...base, worldParameters: { when: new Date(0) } })).toThrow(/has a Date object at worldParameters\.when/)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => resolveBddOptions({ ...base, worldParameters: cyclic })).toThrow(/refers to itself at worldParameters\.self/)
    expect(() => resolveBddOptions({ ...base, worldParameters: { n: Infinity } })).toThrow(/has Infinity at worldParameters\.n/)
  })

  test('the parameters are copied', () => {
    const worldParameters = { nested: { x: 1 } }
    expect(resolveBddOptions({ ...base, worldParameters })!.worldParameters.nested).not.toBe(worldParameters.nested)
  })
})

describe('generate.pool', () => {
  test('worker threads by default; forks on request; both reach the project', async () => {
    const { specCiProjects } = await import('../../../plugin/projects.ts')
    expect(resolveGenerateOptions(base).pool).toBe('threads')
    expect(resolveGenerateOptions({ ...base, pool: 'forks' }).pool).toBe('forks')
    const pool = (generate: object) => specCiProjects({ generate: { ...base, ...generate }, report: false }).find((p) => p.test?.name === 'generate')!.test!.pool
    expect(pool({})).toBe('threads')
    expect(pool({ pool: 'forks' })).toBe('forks')
  })

  test.each(['vmThreads', true, 1])('pool %s is refused, naming the option and the two choices', (value) => {
    expect(() => resolveGenerateOptions({ ...base, pool: value })).toThrow(/generate\.pool is .*; expected "threads" .* or "forks"/)
  })
})
