import type { TestModule, TestProject, TestRunEndReason, Vitest } from 'vitest/node'

const CONFORMANCE_PLUGIN = 'vitest-spec-ci:conformance'

function isConformanceProject(project: TestProject): boolean {
  try {
    return project.vite.config.plugins.some((p) => p.name === CONFORMANCE_PLUGIN)
  } catch {
    return false
  }
}

/**
 * Whether this run checked every trace of the config, so that a trace report it did not write belongs
 * to a trace that is gone: a run that ended (not interrupted), not a shard, not watch mode, no test name
 * or tag filter, at least one conformance project in the run, and every test file of those projects
 * among the run's modules, loaded without an error (a file filter, `--changed` or `--related` leaves
 * some out). A merge counts as full when its blobs hold every conformance file.
 */
export async function checksEveryTrace(vitest: Vitest, modules: ReadonlyArray<TestModule>, reason: TestRunEndReason): Promise<boolean> {
  const config = vitest.config
  if (reason === 'interrupted' || config.shard || config.watch) return false
  if (vitest.getGlobalTestNamePattern() || (config.tagsFilter?.length ?? 0) > 0) return false
  const projects = vitest.projects.filter(isConformanceProject)
  if (projects.length === 0) return false
  const names = new Set(projects.map((p) => p.name))
  const ran = new Map<string, TestModule>()
  for (const m of modules) if (names.has(m.project.name)) ran.set(`${m.project.name}\0${m.moduleId}`, m)
  if ([...ran.values()].some((m) => m.errors().length > 0)) return false
  const specifications = await vitest.globTestSpecifications()
  return specifications.filter((s) => names.has(s.project.name)).every((s) => ran.has(`${s.project.name}\0${s.moduleId}`))
}
