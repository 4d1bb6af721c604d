import type { Plugin } from 'vite'
import { specCiProjects } from './projects.ts'
import type { SpecCiOptions } from './types.ts'

/** Adds one Vitest project per configured kind (`conformance`, …) to the config it is listed in. */
export function specCi(options: SpecCiOptions): Plugin {
  const projects = specCiProjects(options)
  return {
    name: 'vitest-spec-ci:projects',
    async configureVitest({ injectTestProjects }) {
      await injectTestProjects(projects)
    },
  }
}
