import type { Plugin } from 'vite'
import type { TestProjectConfiguration } from 'vitest/config'
import { specCiProjects } from './projects.ts'
import type { SpecCiOptions } from './types.ts'

/** Marks the project that stands for the user's own root config, so the plugin in it adds nothing. */
const ROOT_PROJECT_MARK = '__vitestSpecCiRootProject'

/**
 * Adds one Vitest project per configured kind (`conformance`, …) to the config it is listed in.
 *
 * The projects go into `test.projects` from the `config` hook rather than through
 * `configureVitest`'s `injectTestProjects`: Vitest applies `--project` filters before that hook runs,
 * so `vitest --project conformance` would filter out the root project and with it the hook, and find
 * no project at all. A config without `test.projects` keeps its own tests as a project that extends it.
 */
export function specCi(options: SpecCiOptions): Plugin {
  const projects = specCiProjects(options)
  return {
    name: 'vitest-spec-ci:projects',
    config(config) {
      if ((config as Record<string, unknown>)[ROOT_PROJECT_MARK]) return undefined
      // Vite merges arrays by concatenation: a config's own list gets ours appended.
      if (config.test?.projects) return { test: { projects } }
      const root = { extends: true, [ROOT_PROJECT_MARK]: true, test: { name: config.test?.name ?? 'default' } } as TestProjectConfiguration
      return { test: { projects: [root, ...projects] } }
    },
  }
}
