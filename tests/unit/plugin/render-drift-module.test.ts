import { expect, test } from 'vitest'
import { isBroken, parseManifest } from '../../../src/drift/manifest.ts'
import { renderDriftModule, type DriftModuleInput } from '../../../plugin/generate/drift-render-module.ts'
import { mappedLines } from './mapped-lines.ts'

const MANIFEST = `targets:
  - path: generated/api/
    run: node gen.mjs --out {out}
    inputs: [specs/api.yml]
    timeout: 5s
  - path: generated/broken
  - path: generated/docs
    run: node docs.mjs --out {out}
`

const input = (rest: Partial<DriftModuleInput>): DriftModuleInput => ({
  manifest: '/project/api.generate.yml',
  displayManifest: 'api.generate.yml',
  root: '/project',
  harness: '/pkg/generated-test-harness/drift.js',
  maxReportedFiles: 20,
  targets: [],
  ...rest,
})

test('the generated module for a manifest is pinned (golden file): a describe per target, timeouts from the target, a broken target', async () => {
  const parsed = parseManifest(MANIFEST)
  if (!parsed.ok) throw new Error('the manifest parses')
  const [api, broken, docs] = parsed.targets
  if (!api || isBroken(api) || !broken || !isBroken(broken) || !docs || isBroken(docs)) throw new Error('targets as written')
  const rendered = renderDriftModule(input({ targets: [{ target: api, files: ['client.ts', 'types/index.ts'] }, { broken }, { target: docs, files: [] }] }))
  await expect(rendered.code).toMatchFileSnapshot('./__snapshots__/drift-module.golden.js')
  expect(rendered.map.sources).toEqual(['/project/api.generate.yml'])
  expect(rendered.map.sourcesContent).toEqual([null])
  // Every line of a target's describe on the target's line of the manifest; the rest on line 1.
  expect(mappedLines(rendered)).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 6, 6, 6, 7, 7, 7, 7, 7, 1])
})

test('a manifest that cannot be read: one failing test at the problem’s line', async () => {
  const rendered = renderDriftModule(input({ manifestProblem: { line: 3, message: 'unknown field "target"; a manifest has only "targets"' } }))
  await expect(rendered.code).toMatchFileSnapshot('./__snapshots__/drift-manifest-problem-module.golden.js')
  expect(mappedLines(rendered)).toEqual([1, 1, 1, 3, 1])
})
