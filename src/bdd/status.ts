import type { CucumberStatus } from './run-record.ts'

// Cucumber's order of badness (`getWorstTestStepResult` of @cucumber/messages): the later, the worse.
const ORDER: readonly CucumberStatus[] = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED']

/** The worst of the statuses by Cucumber's rule (AMBIGUOUS outranks UNDEFINED); UNKNOWN for none. */
export function worstStatus(statuses: Iterable<CucumberStatus>): CucumberStatus {
  let worst: CucumberStatus = 'UNKNOWN'
  for (const status of statuses) if (ORDER.indexOf(status) > ORDER.indexOf(worst)) worst = status
  return worst
}

/** What a scenario's status makes of its Vitest test. */
export type VitestOutcome = 'pass' | 'fail' | 'skip'

/**
 * PASSED passes; FAILED and AMBIGUOUS fail; PENDING and UNDEFINED fail when strict (cucumber-js's
 * default) and are skipped with the reason otherwise; SKIPPED is skipped. UNKNOWN (nothing ran: a
 * scenario without steps or hooks) passes, as cucumber-js counts an empty scenario as passed.
 */
export function vitestOutcome(status: CucumberStatus, strict: boolean): VitestOutcome {
  switch (status) {
    case 'PASSED':
    case 'UNKNOWN':
      return 'pass'
    case 'SKIPPED':
      return 'skip'
    case 'PENDING':
    case 'UNDEFINED':
      return strict ? 'fail' : 'skip'
    default:
      return 'fail'
  }
}

/** Whether Cucumber skips what comes next: once any step or hook of the test case did not pass. */
export function isSkippingSteps(statuses: Iterable<CucumberStatus>): boolean {
  const worst = worstStatus(statuses)
  return worst !== 'PASSED' && worst !== 'UNKNOWN'
}

/**
 * The status a step or hook function's outcome means: returning 'pending' or 'skipped' (as
 * cucumber-js), throwing a PendingException or SkippedException (recognised by name, so that copies of
 * the classes from another module instance count too), throwing anything else is FAILED.
 */
export function statusOfReturn(value: unknown): CucumberStatus {
  if (value === 'pending') return 'PENDING'
  if (value === 'skipped') return 'SKIPPED'
  return 'PASSED'
}

export function statusOfThrown(error: unknown): CucumberStatus {
  const name = typeof error === 'object' && error !== null ? safeName(error) : undefined
  if (name === 'PendingException') return 'PENDING'
  if (name === 'SkippedException') return 'SKIPPED'
  return 'FAILED'
}

function safeName(error: object): string | undefined {
  try {
    const name = (error as { name?: unknown }).name
    return typeof name === 'string' ? name : undefined
  } catch {
    return undefined
  }
}

/**
 * Vitest's `retry.condition` of scenario tests (a RegExp on the error's message: Vitest 4.1 keeps no
 * function there): only a FAILED scenario is retried, as cucumber-js's `--retry`. Every FAILED
 * scenario's error says ` FAILED: ` or ` FAILED (` (the step's or hook's, see bdd-feature.ts); PENDING,
 * UNDEFINED and AMBIGUOUS failures (strict mode) and a failed BeforeAll (`FAILED, so no scenario …`)
 * do not, and would fail the same way again.
 */
export const RETRIED_FAILURE = / FAILED(?: \(|: )/
