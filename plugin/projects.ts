import path from 'node:path'
import type { Plugin } from 'vite'
import type { TestProjectInlineConfiguration } from 'vitest/config'
import { conformancePlugin } from './conformance/conformance-plugin.ts'
import { contractPlugin } from './contract/contract-plugin.ts'
import { bddPlugins } from './generate/bdd-plugin.ts'
import { driftPlugin } from './generate/drift-plugin.ts'
import { harnessDir, harnessExt } from './harness-path.ts'
import { specFilesPlugin } from './options/spec-files-plugin.ts'
import { propertyPlugin } from './property/property-plugin.ts'
import { resolveSpecCiOptions } from './resolve-options.ts'
import { reporterPlugin } from './reporter/reporter-plugin.ts'
import type { SpecCiOptions } from './types.ts'

/** Files of the built package (dist/, holding the harness and the chunks it imports). */
function builtPackageFiles(): RegExp {
  const dist = path.dirname(harnessDir()) + path.sep
  return new RegExp(`^${dist.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
}

/**
 * What every spec project has: its input files as test files; tests located in those files (explorer,
 * `vitest list --json`, reporters, annotations); the built harness run as plain Node modules, as any
 * dependency is, instead of being transformed into every worker (from source, as in this repository, it
 * has to be transformed).
 */
function specProject(
  kind: { name: string; include: string[]; exclude: string[]; locatedByStack?: boolean },
  plugins: Plugin[],
  test: TestProjectInlineConfiguration['test'] = {},
): TestProjectInlineConfiguration {
  return {
    plugins,
    test: {
      name: kind.name,
      include: kind.include,
      exclude: kind.exclude,
      // Every generated module sets its tests' locations (ModuleWriter, task-location.ts); the property
      // project's tests are declared by the harness from the user's file, found by Vitest's stack trace.
      includeTaskLocation: kind.locatedByStack === true,
      server: { deps: { external: harnessExt() === '.js' ? [builtPackageFiles()] : [] } },
      ...test,
    },
  }
}

/**
 * The Vitest projects for the configured kinds, as plain objects for `test.projects`. `specCi()` injects
 * the same projects; use this when a config lists its projects explicitly.
 */
export function specCiProjects(options: SpecCiOptions): TestProjectInlineConfiguration[] {
  const resolved = resolveSpecCiOptions(options)
  const { conformance, contract, generate, property } = resolved
  const projects: TestProjectInlineConfiguration[] = []
  if (conformance)
    projects.push(
      specProject(conformance, [...specFilesPlugin(conformance), conformancePlugin(conformance, resolved.report)], {
        // A live capture is checked after the projects that drive the service: they run in an earlier group.
        ...(conformance.live && { sequence: { groupOrder: 1 } }),
        // Trace modules share nothing but the read-only harness and specs, so one worker may run many
        // traces without re-importing them per file; and no user code but a spec runs there, so worker
        // threads serve, which start faster than forked processes (~30 ms per run over samples/).
        isolate: false,
        pool: 'threads',
      }),
    )
  // Each step of a contract test has its own timeout (provider.timeout), so the project's are derived from it.
  if (contract) projects.push(specProject(contract, [contractPlugin(contract)], { testTimeout: contract.testTimeoutMs, hookTimeout: contract.hookTimeoutMs }))
  // Feature files share their step files in a worker, as cucumber-js shares one process: re-importing
  // them per file measured ~10x the run time on 20 features of 15 scenarios (`generate.isolate`). Worker
  // threads (`generate.pool`), as the conformance project: no process pipe between main and worker.
  if (generate)
    projects.push(specProject(generate, [...(generate.drift ? [driftPlugin(generate.drift)] : []), ...(generate.bdd ? bddPlugins(generate.bdd) : [])], { isolate: generate.isolate, pool: generate.pool }))
  // `property.timeout` bounds each property test (its runs and the shrinking): it is the project's testTimeout.
  if (property) projects.push(specProject({ ...property, locatedByStack: true }, [propertyPlugin(property)], { testTimeout: property.timeoutMs }))
  // On every spec project: `--project` keeps only the selected projects' plugin hooks.
  const report = resolved.report
  if (report !== false) for (const project of projects) project.plugins = [...(project.plugins ?? []), reporterPlugin(report ?? {})]
  return projects
}
