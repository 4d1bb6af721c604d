// The statuses of a run, per pickle and per test step, in a form both an expected NDJSON and our
// scenarios' run records give: `{ 'samples/x/x.feature:12': [['PASSED', 'FAILED', 'SKIPPED'], …] }`,
// one list per attempt, hooks and steps in the order they ran.
import type { Envelope } from '@cucumber/messages'
import type { CucumberStatus, ScenarioRunRecord } from '../../src/bdd/run-record.ts'

export type RunStatuses = Record<string, CucumberStatus[][]>

export function statusesFromMessages(ndjson: string): RunStatuses {
  const envelopes = ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Envelope)
  const pickleKey = new Map<string, string>()
  const caseKey = new Map<string, string>()
  const attempts = new Map<string, CucumberStatus[]>()
  const out: RunStatuses = {}
  for (const e of envelopes) {
    if (e.pickle) pickleKey.set(e.pickle.id, `${e.pickle.uri}:${e.pickle.location?.line}`)
    else if (e.testCase) caseKey.set(e.testCase.id, pickleKey.get(e.testCase.pickleId)!)
    else if (e.testCaseStarted) {
      const steps: CucumberStatus[] = []
      attempts.set(e.testCaseStarted.id, steps)
      ;(out[caseKey.get(e.testCaseStarted.testCaseId)!] ??= []).push(steps)
    } else if (e.testStepFinished) attempts.get(e.testStepFinished.testCaseStartedId)!.push(e.testStepFinished.testStepResult.status as CucumberStatus)
  }
  return out
}

export function statusesFromRecords(scenarios: Array<{ file: string; line: number; run: ScenarioRunRecord }>): RunStatuses {
  const out: RunStatuses = {}
  for (const { file, line, run } of scenarios) out[`${file}:${line}`] = run.attempts.map((a) => a.steps.map((s) => s.result.status))
  return out
}

/** The Vitest state a scenario whose last attempt ended with these statuses has (strict mode). */
export function vitestStateOf(steps: readonly CucumberStatus[]): 'passed' | 'failed' | 'skipped' {
  const order: CucumberStatus[] = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED']
  const worst = steps.reduce<CucumberStatus>((w, s) => (order.indexOf(s) > order.indexOf(w) ? s : w), 'PASSED')
  if (worst === 'PASSED') return 'passed'
  if (worst === 'SKIPPED') return 'skipped'
  return 'failed'
}
