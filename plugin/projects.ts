import type { TestProjectInlineConfiguration } from 'vitest/config'
import { conformancePlugin } from './conformance-plugin.ts'
import { resolveSpecCiOptions } from './resolve-options.ts'
import type { SpecCiOptions } from './types.ts'

/**
 * The Vitest projects for the configured kinds, as plain objects for `test.projects`. `specCi()` injects
 * the same projects; use this when a config lists its projects explicitly.
 */
export function specCiProjects(options: SpecCiOptions): TestProjectInlineConfiguration[] {
  const resolved = resolveSpecCiOptions(options)
  const projects: TestProjectInlineConfiguration[] = []
  const conformance = resolved.conformance
  if (conformance) {
    projects.push({
      plugins: [conformancePlugin(conformance)],
      test: {
        name: conformance.name,
        include: conformance.include,
        exclude: conformance.exclude,
        // Rule tests are placed in the trace file (explorer, `vitest list --json`, reporters).
        includeTaskLocation: true,
      },
    })
  }
  return projects
}
