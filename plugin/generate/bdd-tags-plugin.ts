import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'
import type { TestTagDefinition } from 'vitest/config'
import { findFiles } from '../../src/find-files.ts'
import { scanGherkinTags, vitestTagName } from '../../src/bdd/vitest-tags.ts'
import type { ResolvedBddOptions } from './bdd-options.ts'

/**
 * Declares the Gherkin tags of the project's feature files as the generate project's Vitest tags
 * (`test.tags`), so each scenario test may carry them (Vitest refuses undeclared tags by default,
 * `strictTags`) and `vitest --tags-filter smoke` may name them (it refuses tags no project declares).
 *
 * Vitest reads `test.tags` when it sets the project up, before any feature is transformed, so they are
 * collected when the config is resolved, by a scan of the tag lines of every feature file rather than a
 * Gherkin parse (see `scanGherkinTags`). `order: 'post'` runs it after Vitest's own `vitest:tags` hook,
 * which sets the project's `test.tags` from its inline config; tags the config already defines (with
 * options such as `timeout`) are kept as they are. `declared` receives the Vitest tag names, for the
 * render (a tag of a feature created later, in watch mode, is not declared and is left off).
 */
export function bddTagsPlugin(options: ResolvedBddOptions, declared: Set<string>): Plugin {
  return {
    name: 'vitest-spec-ci:generate-bdd-tags',
    configResolved: {
      order: 'post',
      handler(config) {
        const test = ((config as { test?: { tags?: TestTagDefinition[] } }).test ??= {})
        const defined = [...(test.tags ?? [])]
        const names = new Set(defined.map((t) => t.name))
        for (const name of names) declared.add(name)
        for (const file of findFiles(config.root, options.features, options.exclude)) {
          let text
          try {
            text = readFileSync(file, 'utf8')
          } catch {
            continue // an unreadable feature fails its own test when it is loaded
          }
          for (const tag of scanGherkinTags(text)) {
            const name = vitestTagName(tag)
            if (name === undefined || names.has(name)) continue
            names.add(name)
            declared.add(name)
            defined.push({ name, description: `Gherkin tag ${tag} (vitest-spec-ci generate)` })
          }
        }
        test.tags = defined
      },
    },
  }
}
