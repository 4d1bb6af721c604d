import path from 'node:path'
import type { TestCase, TestModule } from 'vitest/node'
import type { ReportedState, ReportedTest } from '../../src/report/section-builder.ts'
import type { ReportedModule } from '../../src/report/summary-types.ts'
// Types `test.meta().specCi` (Vitest's TaskMeta, augmented there).
import type {} from '../../generated-test-harness/task-meta.ts'
import { toPosix } from '../../src/posix-path.ts'

const MAX_MESSAGE_LINES = 25
const MAX_MESSAGE_CHARS = 4000
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g

interface ErrorLike {
  name?: string
  message?: string
  stacks?: Array<{ file: string; line: number }>
}

/** The first lines of an error, as a person reads them: `Name: message`, colours removed, bounded. */
export function errorText(error: ErrorLike): string {
  const message = String(error.message ?? '').replace(ANSI, '')
  const named = error.name && error.name !== 'Error' && !message.startsWith(`${error.name}:`) ? `${error.name}: ${message}` : message
  const lines = named.split(/\r?\n/)
  let text = lines.slice(0, MAX_MESSAGE_LINES).join('\n')
  if (lines.length > MAX_MESSAGE_LINES) text += `\n… ${lines.length - MAX_MESSAGE_LINES} more lines`
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text
}

function errorsOf(errors: ReadonlyArray<ErrorLike> | undefined, moduleId: string): ReportedTest['errors'] {
  return (errors ?? []).map((e) => ({ message: errorText(e), line: e.stacks?.find((f) => f.file === moduleId)?.line }))
}

function stateOf(test: TestCase): ReportedState {
  const state = test.result().state
  // `pending`: never finished (an interrupted run); it did not pass or fail.
  return state === 'passed' || state === 'failed' ? state : 'skipped'
}

function toReportedTest(test: TestCase, project: string, file: string): ReportedTest {
  const { specCi } = test.meta()
  return {
    project,
    file,
    name: test.name,
    fullName: test.fullName,
    state: stateOf(test),
    line: test.location?.line,
    durationMs: test.diagnostic()?.duration ?? 0,
    errors: errorsOf(test.result().errors, test.module.moduleId),
    annotations: test.annotations().map((a) => ({ type: a.type, message: a.message })),
    // Tests without our meta (a user's own tests) are counted, and no builder reads kind ''.
    meta: specCi && typeof specCi.kind === 'string' ? specCi : { kind: '' },
  }
}

/** Vitest's test modules as plain data for the pure summary builder; tests in declaration order. */
export function toReportedModules(modules: ReadonlyArray<TestModule>, root: string): ReportedModule[] {
  return modules.map((m) => {
    const project = m.project.name
    const file = toPosix(path.relative(root, m.moduleId))
    return {
      project,
      file,
      durationMs: m.diagnostic().duration,
      errors: errorsOf(m.errors(), m.moduleId),
      tests: [...m.children.allTests()].map((t) => toReportedTest(t, project, file)),
    }
  })
}
