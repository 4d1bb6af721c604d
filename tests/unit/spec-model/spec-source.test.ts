import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { kvonce } from '../../../src/built-in-specs/index.ts'
import { builtInSpec, SpecLoadError, specModelOf, specSource } from '../../../src/spec-model/spec-source.ts'

describe('specSource', () => {
  test('a built-in by its own name only, else an existing file from the root', () => {
    expect(specSource('kvonce', '/nowhere')).toEqual({ kind: 'builtin', name: 'kvonce' })
    expect(builtInSpec({ kind: 'builtin', name: 'kvonce' })).toBe(kvonce)
    expect(specSource('package.json', process.cwd())).toEqual({ kind: 'module', file: path.join(process.cwd(), 'package.json') })
    expect(() => specSource('toString', '/nowhere')).toThrow(new SpecLoadError(`not a built-in spec (kvonce, inventory, register, kv) and not a file: ${path.resolve('/nowhere', 'toString')} does not exist`))
  })

  test('a CommonJS file (.cts, .cjs) is refused: the module runner that loads specs for Vitest and the CLI runs ES modules only', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-source-'))
    try {
      for (const name of ['orders.cts', 'orders.cjs']) {
        writeFileSync(path.join(dir, name), 'module.exports = {}\n')
        expect(() => specSource(name, dir)).toThrow(
          new SpecLoadError(`${path.join(dir, name)} is CommonJS: a spec module is loaded as an ES module (by Vite's module runner, as Vitest loads it), so name it .ts, .mts, .js or .mjs`),
        )
      }
      writeFileSync(path.join(dir, 'orders.mts'), 'export default {}\n')
      expect(specSource('orders.mts', dir)).toEqual({ kind: 'module', file: path.join(dir, 'orders.mts') })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a module must default-export a whole spec model', () => {
    expect(specModelOf({ default: kvonce }, '/s.ts')).toBe(kvonce)
    expect(() => specModelOf({ default: { createChecker: () => ({}) } }, '/s.ts')).toThrow(
      new SpecLoadError("/s.ts must default-export a spec model made with defineSpec(...) from 'vitest-spec-ci'"),
    )
  })
})
