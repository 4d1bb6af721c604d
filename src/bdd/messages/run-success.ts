import type { CucumberStatus } from '../run-record.ts'

/**
 * Whether a test case's final result fails the run, by cucumber-js's rule: FAILED and AMBIGUOUS always,
 * UNDEFINED and PENDING in strict mode, nothing that will be retried.
 */
export function failsRun(status: CucumberStatus, willBeRetried: boolean, strict: boolean): boolean {
  if (willBeRetried) return false
  if (status === 'FAILED' || status === 'AMBIGUOUS') return true
  return strict && (status === 'UNDEFINED' || status === 'PENDING')
}

/** A BeforeAll/AfterAll hook fails the run when it did not pass (cucumber-js counts any other status). */
export function testRunHookFailsRun(status: CucumberStatus): boolean {
  return status !== 'PASSED'
}
