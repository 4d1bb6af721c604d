import type { TestContext } from 'vitest'
import type { Argument, Group } from '@cucumber/cucumber-expressions'
import { attachmentRecord, LINK_MEDIA_TYPE, LOG_MEDIA_TYPE, withinAttemptBudget, type AttachOptions } from '../src/bdd/attachment.ts'
import { DataTable } from '../src/bdd/data-table.ts'
import { scenarioHooks } from '../src/bdd/hook-order.ts'
import type { ArgumentGroupRecord, AttachmentRecord, AttemptRecord, CucumberStatus, StepMatchArgumentRecord, TestStepRecord } from '../src/bdd/run-record.ts'
import { isSkippingSteps, worstStatus } from '../src/bdd/status.ts'
import type { HookDefinition, ScenarioInfo, StepMatch, StepRegistry } from '../src/bdd/step-registry.ts'
import type { FeatureScenario } from '../src/bdd/types.ts'
import { callHook, callStep, cucumberHookParameter, type StepInfo } from './bdd-hook-calls.ts'
import { invoke, resultRecord, type Invocation } from './bdd-invoke.ts'
import { readAll, World, type AttachData } from './bdd-world.ts'

/** What one attempt of a scenario produced: the record, and what was thrown where (for the Vitest error). */
export interface ScenarioAttempt {
  record: AttemptRecord
  status: CucumberStatus
  /** Per test step of `record.steps`, what was thrown (FAILED/PENDING/SKIPPED), when anything was. */
  errors: Map<TestStepRecord, unknown>
  /** The hook each hook test step ran. */
  hooks: Map<TestStepRecord, HookDefinition>
  /** The World constructor threw: nothing ran. */
  worldError?: unknown
}

export interface ScenarioRunInput {
  context: TestContext
  registry: StepRegistry
  displayFile: string
  feature: string
  index: number
  scenario: FeatureScenario
  /** The resolved matches of each step, in step order. */
  matches: (readonly StepMatch[])[]
  attempt: number
  /** Whether the test would be retried if it ended with this status (Vitest's retry left, a failing outcome). */
  willBeRetried: (status: CucumberStatus) => boolean
  worldParameters: unknown
  info: ScenarioInfo
  relative: (file: string) => string
  /** Message of an ambiguous step's record (every matching definition). */
  ambiguousMessage: (stepIndex: number) => string
}

function groupRecord(group: Group): ArgumentGroupRecord {
  const record: ArgumentGroupRecord = { children: (group.children ?? []).map(groupRecord) }
  if (group.start !== undefined) record.start = group.start
  if (group.value !== undefined) record.value = group.value
  return record
}

export function argumentRecords(args: readonly Argument[]): StepMatchArgumentRecord[] {
  return args.map((a) => ({ group: groupRecord(a.group), parameterTypeName: a.parameterType.name ?? undefined }))
}

const hookTimeoutMessage = (kind: string, hook: HookDefinition, relative: (f: string) => string, ms: number) => {
  const where = hook.location ? ` at ${relative(hook.location.file)}:${hook.location.line}` : ''
  return `${kind} hook${hook.name ? ` "${hook.name}"` : ''}${where} timed out after ${ms} ms (give it { timeout } or call setDefaultTimeout)`
}

/**
 * Runs one attempt of a scenario with Cucumber's rules: Before hooks (definition order), then each
 * step (BeforeStep hooks, the step, AfterStep hooks in reverse), then After hooks in reverse order of
 * definition, which always run. Once anything did not pass, the next Before hooks and steps are
 * SKIPPED; undefined and ambiguous steps still say so, unless the scenario skipped itself (its first
 * non-passing step or hook was SKIPPED). A fresh world per attempt.
 */
export async function runScenarioAttempt(input: ScenarioRunInput): Promise<ScenarioAttempt> {
  const { context, registry, scenario, relative } = input
  const steps: TestStepRecord[] = []
  const errors = new Map<TestStepRecord, unknown>()
  const hooks = new Map<TestStepRecord, HookDefinition>()
  const pendingAnnotations: Array<Promise<unknown>> = []
  let current: TestStepRecord | undefined
  const startedMs = Date.now()

  let keptBodies = 0
  const record = (attachment: AttachmentRecord, label: string, type: string) => {
    keptBodies = withinAttemptBudget(attachment, keptBodies)
    current?.attachments.push(attachment)
    const body = attachment.body
    const annotation = context
      .annotate(label, type, { contentType: attachment.mediaType, body, bodyEncoding: attachment.contentEncoding === 'BASE64' ? 'base64' : 'utf-8' })
      .catch(() => {})
    pendingAnnotations.push(annotation)
  }
  const attach = (data: AttachData, mediaTypeOrOptions?: string | AttachOptions): void | Promise<void> => {
    const add = (bytes: string | Uint8Array) => {
      const a = attachmentRecord(bytes, mediaTypeOrOptions, Date.now())
      record(a, a.fileName ? `attachment ${a.fileName} (${a.mediaType})` : `attachment (${a.mediaType})`, 'attachment')
    }
    if (typeof data === 'string' || data instanceof Uint8Array) return add(data)
    if (data && typeof (data as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') return readAll(data).then(add)
    throw new TypeError('attach(): expected a string, a Buffer/Uint8Array or a readable stream')
  }
  const log = (text: string) => {
    const a = attachmentRecord(String(text), LOG_MEDIA_TYPE, Date.now())
    record(a, String(text), 'log')
  }
  const link = (...urls: string[]) => {
    for (const url of urls) {
      const a = attachmentRecord(String(url), LINK_MEDIA_TYPE, Date.now())
      a.url = String(url)
      record(a, String(url), 'link')
    }
  }

  const cucumberParam = cucumberHookParameter(input.displayFile, input.feature, input.index, input.attempt, scenario)
  const statuses = () => steps.map((s) => s.result.status)
  const begin = (partial: Omit<TestStepRecord, 'startedMs' | 'result' | 'attachments'>): TestStepRecord => {
    const step: TestStepRecord = { ...partial, startedMs: Date.now(), result: { status: 'UNKNOWN', durationNs: 0 }, attachments: [] }
    steps.push(step)
    current = step
    return step
  }
  const finish = (step: TestStepRecord, invocation: Invocation, message?: string) => {
    step.result = resultRecord(invocation, message)
    if (invocation.error !== undefined) errors.set(step, invocation.error)
  }

  let world: object
  const Ctor = registry.worldConstructor ?? World
  try {
    world = new Ctor({ attach, log, link, parameters: structuredClone(input.worldParameters ?? {}) })
  } catch (error) {
    return { record: { attempt: input.attempt, startedMs, finishedMs: Date.now(), willBeRetried: false, steps }, status: 'FAILED', errors, hooks, worldError: error }
  }

  const scheduled = scenarioHooks(registry, scenario.tags)
  const runHook = async (kind: 'Before' | 'After', hook: HookDefinition) => {
    const step = begin({ kind: 'hook', hookId: hook.id! })
    hooks.set(step, hook)
    if (kind === 'Before' && isSkippingSteps(statuses().slice(0, -1))) {
      step.result = { status: 'SKIPPED', durationNs: 0 }
      return
    }
    const soFar = worstStatus(statuses().slice(0, -1))
    const timeout = hook.timeout ?? registry.defaultTimeout
    const after = kind === 'After'
    const worldFirst = after ? { ...input.info, result: soFar === 'PASSED' || soFar === 'UNKNOWN' ? 'passed' : 'failed', status: soFar, error: [...errors.values()][0], willBeRetried: input.willBeRetried(soFar) } : input.info
    const cucumber = after ? { ...cucumberParam, result: { status: soFar === 'UNKNOWN' ? 'PASSED' : soFar }, willBeRetried: input.willBeRetried(soFar) } : cucumberParam
    finish(step, await invoke(() => callHook(hook, world, worldFirst, cucumber), timeout, () => hookTimeoutMessage(kind, hook, relative, timeout)))
  }

  for (const hook of scheduled.before) await runHook('Before', hook)

  const { beforeStep, afterStep } = scheduled
  for (const [i, step] of scenario.steps.entries()) {
    const matches = input.matches[i]!
    const test = begin({
      kind: 'step',
      stepIndex: i,
      stepDefinitionIds: matches.map((m) => m.definition.id!),
      stepMatchArgumentsLists: matches.map((m) => argumentRecords(m.args)),
    })
    // Once the scenario skipped itself (its first non-passing step or hook said SKIPPED), every later
    // step is SKIPPED, undefined and ambiguous ones too (the CCK's failedish-combinations).
    if (statuses().slice(0, -1).find((s) => s !== 'PASSED') === 'SKIPPED') {
      test.result = { status: 'SKIPPED', durationNs: 0 }
      continue
    }
    if (matches.length === 0) {
      test.result = { status: 'UNDEFINED', durationNs: 0 }
      continue
    }
    if (matches.length > 1) {
      test.result = { status: 'AMBIGUOUS', durationNs: 0, message: input.ambiguousMessage(i) }
      continue
    }
    if (isSkippingSteps(statuses().slice(0, -1))) {
      test.result = { status: 'SKIPPED', durationNs: 0 }
      continue
    }
    const match = matches[0]!
    const stepInfo: StepInfo = { keyword: step.keyword, text: step.text, line: step.line, scenario: input.info }
    const stepParam = { ...cucumberParam, pickleStep: { text: step.text, type: step.type }, testStepId: `${cucumberParam.testCaseStartedId}/${i}` }
    const results: Invocation[] = []
    let first: Invocation | undefined
    const note = (invocation: Invocation) => {
      results.push(invocation)
      if (invocation.status !== 'PASSED' && first === undefined) first = invocation
    }
    for (const hook of beforeStep) {
      const timeout = hook.timeout ?? registry.defaultTimeout
      note(await invoke(() => callHook(hook, world, stepInfo, stepParam), timeout, () => hookTimeoutMessage('BeforeStep', hook, relative, timeout)))
    }
    let stepStatus: CucumberStatus | undefined
    if (worstStatus(results.map((r) => r.status)) !== 'FAILED') {
      const timeout = match.definition.timeout ?? registry.defaultTimeout
      const invocation = await invoke(
        async () => {
          const args = await match.values(world)
          // The step's data table and doc string in the order the file gives them.
          if (step.docStringFirst && step.docString) args.push(step.docString.content)
          if (step.dataTable) args.push(new DataTable(step.dataTable))
          if (step.docString && !step.docStringFirst) args.push(step.docString.content)
          return callStep(match.definition, world, args)
        },
        timeout,
        () => `the step timed out after ${timeout} ms (give its definition { timeout } or call setDefaultTimeout)`,
      )
      note(invocation)
      stepStatus = invocation.status
    }
    for (const hook of afterStep) {
      const timeout = hook.timeout ?? registry.defaultTimeout
      const info = { ...stepInfo, ...(stepStatus && { status: stepStatus }) }
      const param = { ...stepParam, ...(stepStatus && { result: { status: stepStatus } }) }
      note(await invoke(() => callHook(hook, world, info, param), timeout, () => hookTimeoutMessage('AfterStep', hook, relative, timeout)))
    }
    const status = worstStatus(results.map((r) => r.status))
    const worst = results.find((r) => r.status === status) ?? first
    finish(test, { status, durationNs: results.reduce((sum, r) => sum + r.durationNs, 0), ...(worst?.error !== undefined && { error: worst.error }) })
  }

  for (const hook of scheduled.after) await runHook('After', hook)
  current = undefined
  await Promise.all(pendingAnnotations)
  const status = worstStatus(statuses())
  return { record: { attempt: input.attempt, startedMs, finishedMs: Date.now(), willBeRetried: false, steps }, status, errors, hooks }
}
