import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { kvonce } from '../../../src/built-in-specs/index.ts'
import { builtInSpec, SpecLoadError, specModelOf, specSource } from '../../../src/spec-model/spec-source.ts'

describe('specSource', () => {
  test('a built-in by its own name only, else an existing file from the root', () => {
    expect(specSource('kvonce', '/nowhere')).toEqual({ kind: 'builtin', name: 'kvonce' })
    expect(builtInSpec({ kind: 'builtin', name: 'kvonce' })).toBe(kvonce)
    expect(specSource('package.json', process.cwd())).toEqual({ kind: 'module', file: path.join(process.cwd(), 'package.json') })
    expect(() => specSource('toString', '/nowhere')).toThrow(new SpecLoadError(`not a built-in spec (kvonce, inventory) and not a file: ${path.resolve('/nowhere', 'toString')} does not exist`))
  })

  test('a module must default-export a whole spec model', () => {
    expect(specModelOf({ default: kvonce }, '/s.ts')).toBe(kvonce)
    expect(() => specModelOf({ default: { createChecker: () => ({}) } }, '/s.ts')).toThrow(
      new SpecLoadError("/s.ts must default-export a spec model made with defineSpec(...) from 'vitest-spec-ci'"),
    )
  })
})
