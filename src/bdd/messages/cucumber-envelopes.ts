import { getWorstTestStepResult, type Envelope, type Exception, type Group, type Meta, type TestStep, type TestStepResult } from '@cucumber/messages'
import type {
  ArgumentGroupRecord,
  AttachmentRecord,
  AttemptRecord,
  CucumberStatus,
  HookRecord,
  ParameterTypeRecord,
  RegistryRecord,
  ScenarioRunRecord,
  SourceRecord,
  StepDefinitionRecord,
  StepResultRecord,
  TestRunHookRecord,
  TestStepRecord,
  UndefinedParameterTypeRecord,
} from '../run-record.ts'
import type { FeatureSource } from './feature-source.ts'
import { renumbered, RunIds } from './renumber.ts'
import { failsRun, testRunHookFailsRun } from './run-success.ts'
import { durationOf, timestampOf } from './time.ts'

/** What the harness recorded for one feature file's test module. */
export interface FeatureRun {
  /** The feature's `uri` (a {@link FeatureSource}'s). */
  uri: string
  /** What its step files registered; several files' registries are merged by id. */
  registry?: RegistryRecord
  /** Its BeforeAll/AfterAll hook runs, in the order they ran. */
  testRunHooks: TestRunHookRecord[]
  /** The scenarios that ran (a scenario that never ran, filtered or `@skip`, has no record and no test case). */
  scenarios: ScenarioRunRecord[]
}

export interface MessagesRun {
  meta: Meta
  /** Every feature file of the run, in the order their messages are written. */
  sources: FeatureSource[]
  runs: FeatureRun[]
  startedMs: number
  finishedMs: number
  /** Cucumber's strict mode: undefined and pending steps fail the run. */
  strict: boolean
  /** An error of the run itself (e.g. a step file that cannot be imported): `testRunFinished.exception`. */
  runError?: Exception
}

type AnyDefinition =
  | { kind: 'parameterType'; record: ParameterTypeRecord }
  | { kind: 'stepDefinition'; record: StepDefinitionRecord }
  | { kind: 'hook'; record: HookRecord }

/** Where a definition was written: uri and line, as cucumber-js gives them (the column is left out). */
function sourceReference(source: SourceRecord | undefined): { uri?: string; location?: { line: number } } {
  if (!source) return {}
  return { uri: source.uri, location: { line: source.line } }
}

/** By where they were written: one step file's definitions come out in registration order, as Cucumber's. */
function bySource(a: AnyDefinition, b: AnyDefinition): number {
  const sa = a.record.source
  const sb = b.record.source
  if (!sa || !sb) return sa ? -1 : sb ? 1 : 0
  if (sa.uri !== sb.uri) return sa.uri < sb.uri ? -1 : 1
  return sa.line - sb.line || (sa.column ?? 0) - (sb.column ?? 0)
}

/** Every run's registry merged by id, first seen first. */
function mergedRegistry(runs: readonly FeatureRun[]): { definitions: AnyDefinition[]; undefinedParameterTypes: UndefinedParameterTypeRecord[]; hooks: Map<string, HookRecord> } {
  const seen = new Set<string>()
  const definitions: AnyDefinition[] = []
  const undefinedParameterTypes: UndefinedParameterTypeRecord[] = []
  const undefinedSeen = new Set<string>()
  const hooks = new Map<string, HookRecord>()
  for (const run of runs) {
    const registry = run.registry
    if (!registry) continue
    const add = (definition: AnyDefinition) => {
      const key = `${definition.kind}:${definition.record.id}`
      if (seen.has(key)) return
      seen.add(key)
      definitions.push(definition)
    }
    registry.parameterTypes.forEach((record) => add({ kind: 'parameterType', record }))
    registry.stepDefinitions.forEach((record) => add({ kind: 'stepDefinition', record }))
    for (const record of registry.hooks) {
      add({ kind: 'hook', record })
      if (!hooks.has(record.id)) hooks.set(record.id, record)
    }
    for (const u of registry.undefinedParameterTypes) {
      const key = `${u.name}\u0000${u.expression}`
      if (undefinedSeen.has(key)) continue
      undefinedSeen.add(key)
      undefinedParameterTypes.push(u)
    }
  }
  // A definition whose expression names an undefined parameter type is that undefinedParameterType,
  // not a stepDefinition: Cucumber cannot compile it, so it defines nothing.
  const uncompiled = new Set(undefinedParameterTypes.map((u) => u.expression))
  const kept = definitions.filter((d) => d.kind !== 'stepDefinition' || d.record.patternType !== 'CUCUMBER_EXPRESSION' || !uncompiled.has(d.record.pattern))
  // A stable sort: records without a source keep their place after those with one.
  kept.sort(bySource)
  return { definitions: kept, undefinedParameterTypes, hooks }
}

function definitionEnvelope(definition: AnyDefinition, ids: RunIds): Envelope {
  const ref = sourceReference(definition.record.source)
  switch (definition.kind) {
    case 'parameterType': {
      const r = definition.record
      return {
        parameterType: {
          id: ids.of(r.id),
          name: r.name,
          regularExpressions: [...r.regularExpressions],
          preferForRegularExpressionMatch: r.preferForRegularExpressionMatch,
          useForSnippets: r.useForSnippets,
          ...(r.source && { sourceReference: ref }),
        },
      }
    }
    case 'stepDefinition': {
      const r = definition.record
      return { stepDefinition: { id: ids.of(r.id), pattern: { type: r.patternType as never, source: r.pattern }, sourceReference: ref } }
    }
    case 'hook': {
      const r = definition.record
      return {
        hook: {
          id: ids.of(r.id),
          type: r.type as never,
          ...(r.name !== undefined && { name: r.name }),
          ...(r.tagExpression !== undefined && { tagExpression: r.tagExpression }),
          sourceReference: ref,
        },
      }
    }
  }
}

function group(record: ArgumentGroupRecord): Group {
  const g: { start?: number; value?: string; children?: Group[] } = {}
  if (record.start !== undefined) g.start = record.start
  if (record.value !== undefined) g.value = record.value
  if (record.children.length > 0) g.children = record.children.map(group)
  return g
}

function stepResult(result: StepResultRecord): TestStepResult {
  const r: { status: never; duration: TestStepResult['duration']; message?: string; exception?: Exception } = {
    status: result.status as never,
    duration: durationOf(result.durationNs),
  }
  // An ambiguous step's result names no message in Cucumber's reference output (the CCK): the
  // definitions it matched are the test step's stepDefinitionIds.
  if (result.message !== undefined && result.status !== 'AMBIGUOUS') r.message = result.message
  if (result.exception) r.exception = { ...result.exception }
  return r
}

/** Which test step of the test case a recorded step is: a pickle step once, a hook as often as it ran. */
function stepKeys(steps: readonly TestStepRecord[]): string[] {
  const counts = new Map<string, number>()
  return steps.map((s) => {
    const base = s.kind === 'step' ? `step:${s.stepIndex}` : `hook:${s.hookId}`
    const n = counts.get(base) ?? 0
    counts.set(base, n + 1)
    return `${base}#${n}`
  })
}

function attachmentEnvelope(a: AttachmentRecord, owner: { testCaseStartedId: string; testStepId: string } | { testRunHookStartedId: string }): Envelope {
  return {
    attachment: {
      ...owner,
      body: a.body,
      contentEncoding: a.contentEncoding as never,
      mediaType: a.mediaType,
      ...(a.fileName !== undefined && { fileName: a.fileName }),
      // A link is its body with mediaType text/uri-list, as Cucumber writes it (no `url`).
      timestamp: timestampOf(a.timestampMs),
    },
  }
}

interface PlannedCase {
  run: ScenarioRunRecord
  pickleId: string
  pickleStepIds: string[]
  testCaseId: string
  /** Test step ids by {@link stepKeys} key. */
  stepIds: Map<string, string>
  testSteps: TestStep[]
}

function planCase(run: ScenarioRunRecord, source: FeatureSource, fileIds: Map<string, string>, ids: RunIds): PlannedCase {
  const pickle = source.pickles[run.scenarioIndex]
  if (!pickle) throw new Error(`${source.uri}: a run record names scenario ${run.scenarioIndex}, but the file has ${source.pickles.length} pickles (was it edited during the run?)`)
  const mapped = (id: string) => fileIds.get(id) ?? id
  const pickleStepIds = pickle.steps.map((s) => mapped(s.id))
  const testCaseId = ids.fresh()
  const stepIds = new Map<string, string>()
  const testSteps: TestStep[] = []
  for (const attempt of run.attempts) {
    const keys = stepKeys(attempt.steps)
    attempt.steps.forEach((s, i) => {
      const key = keys[i]!
      if (stepIds.has(key)) return
      const id = ids.fresh()
      stepIds.set(key, id)
      if (s.kind === 'hook') {
        testSteps.push({ id, hookId: ids.of(s.hookId ?? '') })
        return
      }
      const pickleStepId = pickleStepIds[s.stepIndex ?? -1]
      if (pickleStepId === undefined) throw new Error(`${source.uri}: a run record names step ${s.stepIndex} of "${pickle.name}", which has ${pickle.steps.length} steps`)
      const definitionIds = s.stepDefinitionIds ?? []
      testSteps.push({
        id,
        pickleStepId,
        stepDefinitionIds: definitionIds.map((d) => ids.of(d)),
        stepMatchArgumentsLists: (s.stepMatchArgumentsLists ?? []).map((list) => ({
          stepMatchArguments: list.map((arg) => ({ group: group(arg.group), ...(arg.parameterTypeName !== undefined && { parameterTypeName: arg.parameterTypeName }) })),
        })),
      })
    })
  }
  return { run, pickleId: mapped(pickle.id), pickleStepIds, testCaseId, stepIds, testSteps }
}

function* attemptEnvelopes(planned: PlannedCase, attempt: AttemptRecord, ids: RunIds, suggested: Set<number>): Generator<Envelope> {
  const testCaseStartedId = ids.fresh()
  yield { testCaseStarted: { id: testCaseStartedId, testCaseId: planned.testCaseId, timestamp: timestampOf(attempt.startedMs), attempt: attempt.attempt } }
  const keys = stepKeys(attempt.steps)
  for (const [i, step] of attempt.steps.entries()) {
    const testStepId = planned.stepIds.get(keys[i]!)!
    yield { testStepStarted: { testCaseStartedId, testStepId, timestamp: timestampOf(step.startedMs) } }
    for (const a of step.attachments) yield attachmentEnvelope(a, { testCaseStartedId, testStepId })
    if (step.kind === 'step' && step.result.status === 'UNDEFINED' && step.stepIndex !== undefined && !suggested.has(step.stepIndex)) {
      const suggestion = planned.run.suggestions.find((s) => s.stepIndex === step.stepIndex)
      if (suggestion) {
        suggested.add(step.stepIndex)
        yield { suggestion: { id: ids.fresh(), pickleStepId: planned.pickleStepIds[step.stepIndex]!, snippets: suggestion.snippets.map((s) => ({ ...s })) } }
      }
    }
    const finishedMs = step.startedMs + Math.max(0, step.result.durationNs) / 1e6
    yield { testStepFinished: { testCaseStartedId, testStepId, testStepResult: stepResult(step.result), timestamp: timestampOf(finishedMs) } }
  }
  yield { testCaseFinished: { testCaseStartedId, timestamp: timestampOf(attempt.finishedMs), willBeRetried: attempt.willBeRetried } }
}

/** A test case's status: the worst of its last attempt's steps (no step: PASSED, as Cucumber's empty scenario). */
function caseStatus(run: ScenarioRunRecord): { status: CucumberStatus; willBeRetried: boolean } {
  const last = run.attempts[run.attempts.length - 1]
  if (!last) return { status: run.status, willBeRetried: false }
  const worst = getWorstTestStepResult(last.steps.map((s) => ({ status: s.result.status as never, duration: durationOf(0) }))).status
  return { status: (last.steps.length === 0 ? 'PASSED' : worst) as CucumberStatus, willBeRetried: last.willBeRetried }
}

/**
 * The run as Cucumber Messages envelopes, in the order a Cucumber implementation emits them: meta; per
 * feature file its source, then its gherkinDocument and pickles (or its parseErrors); the definitions (parameter types, undefined
 * parameter types, step definitions and hooks, in the order they were written); testRunStarted; the
 * BeforeAll hooks' runs; a testCase per scenario that ran; each attempt's testCaseStarted, test steps
 * (with attachments and suggestions) and testCaseFinished; the AfterAll hooks' runs; testRunFinished.
 * Lazy, so a writer streams it. Ids come from one incrementing sequence.
 */
export function* cucumberEnvelopes(input: MessagesRun): Generator<Envelope> {
  const ids = new RunIds()
  yield { meta: input.meta }
  const fileIds = new Map<string, Map<string, string>>()
  const sourceByUri = new Map<string, FeatureSource>()
  for (const source of input.sources) {
    const map = new Map<string, string>()
    fileIds.set(source.uri, map)
    sourceByUri.set(source.uri, source)
    yield { source: { uri: source.uri, data: source.data, mediaType: source.mediaType as never } }
    for (const problem of source.parseErrors ?? [])
      yield { parseError: { source: { uri: source.uri, location: { line: problem.line, column: problem.column } }, message: `(${problem.line}:${problem.column}): ${problem.message}` } }
    if (source.gherkinDocument) yield { gherkinDocument: renumbered(source.gherkinDocument, map, ids) }
    for (const pickle of source.pickles) yield { pickle: renumbered(pickle, map, ids) }
  }

  const registry = mergedRegistry(input.runs)
  for (const u of registry.undefinedParameterTypes) yield { undefinedParameterType: { name: u.name, expression: u.expression } }
  for (const definition of registry.definitions) yield definitionEnvelope(definition, ids)

  const testRunStartedId = ids.fresh()
  yield { testRunStarted: { id: testRunStartedId, timestamp: timestampOf(input.startedMs) } }

  let success = !input.runError && input.sources.every((s) => !s.parseErrors?.length)
  const hookType = (record: TestRunHookRecord) => registry.hooks.get(record.hookId)?.type
  function* testRunHooks(type: 'BEFORE_TEST_RUN' | 'AFTER_TEST_RUN'): Generator<Envelope> {
    for (const run of input.runs)
      for (const record of run.testRunHooks) {
        if (hookType(record) !== type) continue
        const id = ids.fresh()
        yield { testRunHookStarted: { testRunStartedId, id, hookId: ids.of(record.hookId), timestamp: timestampOf(record.startedMs) } }
        for (const a of record.attachments) yield attachmentEnvelope(a, { testRunHookStartedId: id })
        const finishedMs = record.startedMs + Math.max(0, record.result.durationNs) / 1e6
        yield { testRunHookFinished: { testRunHookStartedId: id, timestamp: timestampOf(finishedMs), result: stepResult(record.result) } }
        if (testRunHookFailsRun(record.result.status)) success = false
      }
  }
  yield* testRunHooks('BEFORE_TEST_RUN')

  const planned: PlannedCase[] = []
  for (const run of input.runs) {
    const source = sourceByUri.get(run.uri)
    if (!source) throw new Error(`run records for ${run.uri}, a feature file whose source is not known`)
    // After a failed BeforeAll no scenario of the file runs: no test case, as Cucumber runs none after
    // its failed BeforeAll (the harness still records the scenario's one failed, step-less attempt).
    if (run.testRunHooks.some((h) => hookType(h) === 'BEFORE_TEST_RUN' && h.result.status !== 'PASSED')) continue
    // A scenario with no attempt never started: no test case either.
    for (const scenario of run.scenarios) if (scenario.attempts.length > 0) planned.push(planCase(scenario, source, fileIds.get(run.uri)!, ids))
  }
  for (const p of planned) yield { testCase: { id: p.testCaseId, pickleId: p.pickleId, testSteps: p.testSteps, testRunStartedId } }
  for (const p of planned) {
    const suggested = new Set<number>()
    for (const attempt of p.run.attempts) yield* attemptEnvelopes(p, attempt, ids, suggested)
    const { status, willBeRetried } = caseStatus(p.run)
    if (failsRun(status, willBeRetried, input.strict)) success = false
  }

  yield* testRunHooks('AFTER_TEST_RUN')
  const finished: Envelope['testRunFinished'] = { testRunStartedId, timestamp: timestampOf(input.finishedMs), success }
  yield {
    testRunFinished: input.runError ? { ...finished, message: input.runError.message ?? input.runError.type, exception: input.runError } : finished,
  }
}
