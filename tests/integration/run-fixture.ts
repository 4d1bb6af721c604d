import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createVitest, type TestCase, type TestModule, type Vitest } from 'vitest/node'

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url))

export interface CaseResult {
  /** `describe > test` */
  name: string
  /** The Vitest project the test ran in. */
  project: string
  file: string
  state: ReturnType<TestCase['result']>['state']
  location: { line: number; column: number } | undefined
  errors: Array<{ name?: string; message: string; line?: number; column?: number; file?: string }>
  meta: Record<string, unknown>
  annotations: Array<{ type: string; message: string }>
}

export interface FixtureRun {
  vitest: Vitest
  modules: TestModule[]
  cases: CaseResult[]
  /** Errors of the run outside any test (an unhandled rejection, …): their messages. */
  unhandledErrors: string[]
  /** The case whose name ends with `name`, in the file whose path ends with `file`. */
  get(file: string, name: string): CaseResult
}

function toCase(test: TestCase, root: string): CaseResult {
  const result = test.result()
  const errors = (result.errors ?? []).map((e) => {
    const frame = (e as { stacks?: Array<{ file: string; line: number; column: number }> }).stacks?.[0]
    return { name: e.name, message: e.message, line: frame?.line, column: frame?.column, file: frame ? path.relative(root, frame.file) : undefined }
  })
  return {
    name: test.fullName,
    project: test.project.name,
    file: path.relative(root, test.module.moduleId).split(path.sep).join('/'),
    state: result.state,
    location: test.location,
    errors,
    meta: test.meta() as Record<string, unknown>,
    annotations: test.annotations().map((a) => ({ type: a.type, message: a.message })),
  }
}

function wrap(vitest: Vitest, modules: TestModule[], root: string, unhandledErrors: readonly unknown[] = []): FixtureRun {
  const cases = modules.flatMap((m) => [...m.children.allTests()].map((t) => toCase(t, root)))
  return {
    vitest,
    modules,
    cases,
    unhandledErrors: unhandledErrors.map((e) => String((e as { message?: unknown })?.message ?? e)),
    get(file, name) {
      const found = cases.find((c) => c.file.endsWith(file) && c.name.endsWith(name))
      if (!found) throw new Error(`no test "${name}" in ${file}; have:\n${cases.map((c) => `${c.file} > ${c.name}`).join('\n')}`)
      return found
    },
  }
}

/** Runs a fixture project through Vitest's Node API, as `vitest run` would, with no reporter output. */
export async function runFixture(name: string, options: { filters?: string[]; testNamePattern?: string; project?: string[] } = {}): Promise<FixtureRun> {
  const root = path.join(fixturesDir, name)
  const vitest = await createVitest('test', {
    root,
    watch: false,
    reporters: [{}],
    ...(options.testNamePattern ? { testNamePattern: options.testNamePattern } : {}),
    ...(options.project ? { project: options.project } : {}),
  })
  try {
    const { testModules, unhandledErrors } = await vitest.start(options.filters)
    return wrap(vitest, testModules.slice(), root, unhandledErrors)
  } finally {
    await vitest.close()
  }
}

/** Collects a fixture's tests statically (what the VS Code extension does), without running them. */
export async function parseFixture(name: string): Promise<FixtureRun> {
  const root = path.join(fixturesDir, name)
  const vitest = await createVitest('test', { root, watch: false, reporters: [{}] })
  try {
    const specs = await vitest.globTestSpecifications()
    const modules = await vitest.experimental_parseSpecifications(specs)
    return wrap(vitest, modules, root)
  } finally {
    await vitest.close()
  }
}
