import path from 'node:path'
import type { TestProjectInlineConfiguration } from 'vitest/config'
import { conformancePlugin } from './conformance-plugin.ts'
import { contractPlugin } from './contract/contract-plugin.ts'
import { bddPlugin } from './generate/bdd-plugin.ts'
import { driftPlugin } from './generate/drift-plugin.ts'
import { harnessDir, harnessExt } from './harness-path.ts'
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
        // Trace modules share nothing but the read-only harness and specs, so one worker may run many
        // traces without re-importing them per file; and no user code but a spec runs there, so worker
        // threads serve, which start faster than forked processes (~30 ms per run over samples/).
        isolate: false,
        pool: 'threads',
        // The built harness runs as plain Node modules, as any dependency does, instead of being
        // transformed into every worker. (From source, as in this repository, it has to be transformed.)
        server: { deps: { external: harnessExt() === '.js' ? [builtPackageFiles()] : [] } },
      },
    })
  }
  const contract = resolved.contract
  if (contract) {
    projects.push({
      plugins: [contractPlugin(contract)],
      test: {
        name: contract.name,
        include: contract.include,
        exclude: contract.exclude,
        // Interaction tests are placed at their interaction's line in the contract file.
        includeTaskLocation: true,
        server: { deps: { external: harnessExt() === '.js' ? [builtPackageFiles()] : [] } },
      },
    })
  }
  const generate = resolved.generate
  if (generate) {
    projects.push({
      plugins: [...(generate.drift ? [driftPlugin(generate.drift)] : []), ...(generate.bdd ? [bddPlugin(generate.bdd)] : [])],
      test: {
        name: generate.name,
        include: generate.include,
        exclude: generate.exclude,
        // Scenarios are placed at their line in the .feature file.
        includeTaskLocation: true,
        server: { deps: { external: harnessExt() === '.js' ? [builtPackageFiles()] : [] } },
      },
    })
  }
  const property = resolved.property
  if (property) {
    projects.push({
      plugins: [propertyPlugin(property)],
      test: {
        name: property.name,
        include: property.include,
        exclude: property.exclude,
        // Property tests are placed at their describeSpecProperties call.
        includeTaskLocation: true,
        testTimeout: property.testTimeout,
        server: { deps: { external: harnessExt() === '.js' ? [builtPackageFiles()] : [] } },
      },
    })
  }
  // On every spec project: `--project` keeps only the selected projects' plugin hooks.
  const report = resolved.report
  if (report !== false) for (const project of projects) project.plugins = [...(project.plugins ?? []), reporterPlugin(report ?? {})]
  return projects
}
