import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { sourceEntries } from '../../vitest.workspace.ts'

// `pnpm spec` runs samples/ against the package's entry points from source (no build): the aliases in
// vitest.workspace.ts, tsconfig.json `paths` (types) and package.json `exports` (the built package) must
// name the same entry points.
const root = new URL('../../', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { exports: Record<string, unknown> }
const tsconfig = ts.parseConfigFileTextToJson('tsconfig.json', readFileSync(new URL('tsconfig.json', root), 'utf8')).config as {
  compilerOptions: { paths: Record<string, string[]> }
}

/** Every declaration file an exports entry names, at any depth of its conditions. */
function declarationFiles(entry: unknown): string[] {
  if (typeof entry === 'string') return /\.d\.[cm]?ts$/.test(entry) ? [entry] : []
  if (entry && typeof entry === 'object') return Object.values(entry).flatMap(declarationFiles)
  return []
}

/** `./dist/src/index.d.ts` → `./src/index.ts`: dist/ keeps the source layout. */
const sourceOf = (dts: string) => dts.replace(/^\.\/dist\//, './').replace(/\.d\.[cm]?ts$/, '.ts')

const typedExports = Object.entries(pkg.exports)
  .map(([subpath, entry]) => [subpath === '.' ? 'vitest-spec-ci' : `vitest-spec-ci${subpath.slice(1)}`, declarationFiles(entry).map(sourceOf)] as const)
  .filter(([, sources]) => sources.length > 0)

describe('source entry points of vitest.workspace.ts', () => {
  test('one alias per typed export of package.json, to the source of its declarations', () => {
    expect(Object.keys(sourceEntries).sort()).toEqual(typedExports.map(([specifier]) => specifier).sort())
    for (const [specifier, sources] of typedExports) expect(sources, specifier).toContain(sourceEntries[specifier])
  })

  test('the same map as tsconfig.json paths', () => {
    const paths = Object.fromEntries(Object.entries(tsconfig.compilerOptions.paths).map(([k, [v]]) => [k, v]))
    expect(paths).toEqual(sourceEntries)
  })
})
