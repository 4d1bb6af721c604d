import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { bddTagsPlugin } from '../../../plugin/generate/bdd-tags-plugin.ts'

const root = fileURLToPath(new URL('../../fixtures/bdd-compile/', import.meta.url))
const options = { features: ['features/**/*.feature'], steps: ['steps/**/*.ts'], exclude: ['**/node_modules/**'], tagFilter: undefined, strict: true, retry: 0, worldParameters: {} }

function resolve(tags?: Array<{ name: string; timeout?: number }>) {
  const declared = new Set<string>()
  const plugin = bddTagsPlugin(options, declared)
  const hook = plugin.configResolved as { order: string; handler: (config: unknown) => void }
  const config = { root: path.resolve(root), test: tags ? { tags } : undefined } as { root: string; test?: { tags?: Array<{ name: string }> } }
  hook.handler(config)
  return { order: hook.order, tags: config.test!.tags!, declared }
}

test('declares every Gherkin tag of the features as a Vitest tag, after Vitest’s own hook sets the inline tags', () => {
  const { order, tags, declared } = resolve()
  expect(order).toBe('post')
  expect(tags.map((t) => t.name).sort()).toEqual(['draft', 'shop', 'skip', 'slow', 'smoke'])
  expect(tags.find((t) => t.name === 'smoke')).toEqual({ name: 'smoke', description: 'Gherkin tag @smoke (vitest-spec-ci generate)' })
  expect([...declared].sort()).toEqual(['draft', 'shop', 'skip', 'slow', 'smoke'])
})

test('a tag the config already defines is kept as it is defined, never declared twice', () => {
  const { tags, declared } = resolve([{ name: 'slow', timeout: 60_000 }, { name: 'unit' }])
  expect(tags.filter((t) => t.name === 'slow')).toEqual([{ name: 'slow', timeout: 60_000 }])
  expect(tags.map((t) => t.name)).toContain('unit')
  expect(declared.has('unit')).toBe(true)
})
