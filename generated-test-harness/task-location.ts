import { TestRunner } from 'vitest'
import { releaseDescribeFixtures } from './describe-fixtures.ts'

// A generated module knows the input line of every test and describe it declares, so it sets their
// `location` itself instead of having Vitest find it (`includeTaskLocation`): Vitest takes a stack trace of
// every test() call and maps it through the module's source map, ~0.2 ms a test, a tenth of a run of
// 3,000 scenarios. The location is what Vitest would have found: the input line, column 1.

/** The test just declared (the current describe's last task) stands at `line` of the input file. */
export function atLine(line: number): void {
  const tasks = TestRunner.getCurrentSuite().tasks
  const task = tasks[tasks.length - 1]
  if (task !== undefined && task.type === 'test') task.location = { line, column: 1 }
}

/**
 * Every test of the describe being collected that has no location yet stands at `line` of the input
 * file: one call at the end of a describe whose tests all stand on its line (a trace's rule tests), in
 * place of an {@link atLine} after each.
 */
export function eachAtLine(line: number): void {
  for (const task of TestRunner.getCurrentSuite().tasks) if (task.type === 'test' && task.location === undefined) task.location = { line, column: 1 }
}

/**
 * The describe whose body is being collected stands at `line` of the input file. (Its fixture registry,
 * empty, is also taken off Vitest's static list: see describe-fixtures.ts.)
 */
export function suiteAtLine(line: number): void {
  const collector = TestRunner.getCurrentSuite()
  if (collector.suite !== undefined) collector.suite.location = { line, column: 1 }
  releaseDescribeFixtures(collector)
}
