// The run records a harness would have filled for a run, read back from that run's Cucumber Messages:
// lets the messages writer be checked against the CCK's expected NDJSON without running anything.
import type { Envelope, TestStepResult } from '@cucumber/messages'
import type { FeatureRun } from '../../src/bdd/messages/cucumber-envelopes.ts'
import type { AttachmentRecord, RegistryRecord, ScenarioRunRecord, StepResultRecord, TestStepRecord, TestRunHookRecord, ArgumentGroupRecord, CucumberStatus } from '../../src/bdd/run-record.ts'

const ms = (t: { seconds: number; nanos: number } | undefined) => (t ? t.seconds * 1000 + t.nanos / 1e6 : 0)

function result(r: TestStepResult): StepResultRecord {
  const out: StepResultRecord = { status: r.status as CucumberStatus, durationNs: r.duration.seconds * 1e9 + r.duration.nanos }
  if (r.message !== undefined) out.message = r.message
  if (r.exception) out.exception = { ...r.exception }
  return out
}

function groupRecord(g: { start?: number; value?: string; children?: readonly unknown[] }): ArgumentGroupRecord {
  const out: ArgumentGroupRecord = { children: (g.children ?? []).map((c) => groupRecord(c as typeof g)) }
  if (g.start !== undefined) out.start = g.start
  if (g.value !== undefined) out.value = g.value
  return out
}

export interface RecordsOfRun {
  runs: FeatureRun[]
  runError?: { type: string; message?: string; stackTrace?: string }
}

export function recordsFromMessages(envelopes: Envelope[]): RecordsOfRun {
  const registry: RegistryRecord = { stepDefinitions: [], hooks: [], parameterTypes: [], undefinedParameterTypes: [] }
  const pickles = new Map<string, { uri: string; index: number; stepIndex: Map<string, number> }>()
  const pickleCount = new Map<string, number>()
  const runs = new Map<string, FeatureRun>()
  const runOf = (uri: string) => {
    let run = runs.get(uri)
    if (!run) {
      run = { uri, registry, testRunHooks: [], scenarios: [] }
      runs.set(uri, run)
    }
    return run
  }
  const testCases = new Map<string, { run: ScenarioRunRecord; uri: string; steps: Map<string, Omit<TestStepRecord, 'startedMs' | 'result' | 'attachments'>> }>()
  const started = new Map<string, { testCaseId: string; attempt: { attempt: number; startedMs: number; finishedMs: number; willBeRetried: boolean; steps: TestStepRecord[] } }>()
  const hookRuns = new Map<string, TestRunHookRecord>()
  const openSteps = new Map<string, TestStepRecord>()
  let firstUri: string | undefined
  const pickleOfStep = new Map<string, string>()
  const caseOfPickle = new Map<string, ScenarioRunRecord>()
  let runError: RecordsOfRun['runError']
  const attachment = (a: NonNullable<Envelope['attachment']>): AttachmentRecord => ({
    body: a.body,
    contentEncoding: a.contentEncoding as AttachmentRecord['contentEncoding'],
    mediaType: a.mediaType,
    ...(a.fileName !== undefined && { fileName: a.fileName }),
    ...(a.url !== undefined && { url: a.url }),
    timestampMs: ms(a.timestamp),
  })
  for (const e of envelopes) {
    if (e.pickle) {
      const index = pickleCount.get(e.pickle.uri) ?? 0
      pickleCount.set(e.pickle.uri, index + 1)
      pickles.set(e.pickle.id, { uri: e.pickle.uri, index, stepIndex: new Map(e.pickle.steps.map((s, i) => [s.id, i])) })
      for (const step of e.pickle.steps) pickleOfStep.set(step.id, e.pickle.id)
      firstUri ??= e.pickle.uri
    } else if (e.stepDefinition) {
      const d = e.stepDefinition
      registry.stepDefinitions.push({ id: d.id, pattern: d.pattern.source, patternType: d.pattern.type as 'CUCUMBER_EXPRESSION', ...(d.sourceReference.location && { source: { uri: d.sourceReference.uri!, line: d.sourceReference.location.line } }) })
    } else if (e.hook) {
      const h = e.hook
      registry.hooks.push({
        id: h.id,
        type: h.type as never,
        ...(h.name !== undefined && { name: h.name }),
        ...(h.tagExpression !== undefined && { tagExpression: h.tagExpression }),
        ...(h.sourceReference.location && { source: { uri: h.sourceReference.uri!, line: h.sourceReference.location.line } }),
      })
    } else if (e.parameterType) {
      const p = e.parameterType
      registry.parameterTypes.push({
        id: p.id,
        name: p.name,
        regularExpressions: [...p.regularExpressions],
        preferForRegularExpressionMatch: p.preferForRegularExpressionMatch,
        useForSnippets: p.useForSnippets,
        ...(p.sourceReference?.location && { source: { uri: p.sourceReference.uri!, line: p.sourceReference.location.line } }),
      })
    } else if (e.undefinedParameterType) {
      registry.undefinedParameterTypes.push({ ...e.undefinedParameterType })
    } else if (e.testRunHookStarted) {
      const record: TestRunHookRecord = { hookId: e.testRunHookStarted.hookId, startedMs: ms(e.testRunHookStarted.timestamp), result: { status: 'UNKNOWN', durationNs: 0 }, attachments: [] }
      hookRuns.set(e.testRunHookStarted.id, record)
      // BeforeAll/AfterAll belong to no feature here: the first file's module ran them.
      runOf(firstUri ?? '').testRunHooks.push(record)
    } else if (e.testRunHookFinished) {
      hookRuns.get(e.testRunHookFinished.testRunHookStartedId)!.result = result(e.testRunHookFinished.result)
    } else if (e.testCase) {
      const pickle = pickles.get(e.testCase.pickleId)!
      const run: ScenarioRunRecord = { scenarioIndex: pickle.index, status: 'UNKNOWN', attempts: [], suggestions: [] }
      const steps = new Map<string, Omit<TestStepRecord, 'startedMs' | 'result' | 'attachments'>>()
      for (const s of e.testCase.testSteps) {
        if (s.hookId !== undefined) steps.set(s.id, { kind: 'hook', hookId: s.hookId })
        else
          steps.set(s.id, {
            kind: 'step',
            stepIndex: pickle.stepIndex.get(s.pickleStepId!)!,
            stepDefinitionIds: [...(s.stepDefinitionIds ?? [])],
            stepMatchArgumentsLists: (s.stepMatchArgumentsLists ?? []).map((l) =>
              l.stepMatchArguments.map((a) => ({ group: groupRecord(a.group), ...(a.parameterTypeName !== undefined && { parameterTypeName: a.parameterTypeName }) })),
            ),
          })
      }
      testCases.set(e.testCase.id, { run, uri: pickle.uri, steps })
      caseOfPickle.set(e.testCase.pickleId, run)
      runOf(pickle.uri).scenarios.push(run)
    } else if (e.testCaseStarted) {
      const attempt = { attempt: e.testCaseStarted.attempt, startedMs: ms(e.testCaseStarted.timestamp), finishedMs: 0, willBeRetried: false, steps: [] as TestStepRecord[] }
      testCases.get(e.testCaseStarted.testCaseId)!.run.attempts.push(attempt)
      started.set(e.testCaseStarted.id, { testCaseId: e.testCaseStarted.testCaseId, attempt })
    } else if (e.testStepStarted) {
      const s = started.get(e.testStepStarted.testCaseStartedId)!
      const base = testCases.get(s.testCaseId)!.steps.get(e.testStepStarted.testStepId)!
      const step: TestStepRecord = { ...structuredClone(base), startedMs: ms(e.testStepStarted.timestamp), result: { status: 'UNKNOWN', durationNs: 0 }, attachments: [] }
      s.attempt.steps.push(step)
      openSteps.set(`${e.testStepStarted.testCaseStartedId}/${e.testStepStarted.testStepId}`, step)
    } else if (e.testStepFinished) {
      openSteps.get(`${e.testStepFinished.testCaseStartedId}/${e.testStepFinished.testStepId}`)!.result = result(e.testStepFinished.testStepResult)
    } else if (e.attachment) {
      const a = e.attachment
      if (a.testRunHookStartedId) hookRuns.get(a.testRunHookStartedId)!.attachments.push(attachment(a))
      else openSteps.get(`${a.testCaseStartedId}/${a.testStepId}`)!.attachments.push(attachment(a))
    } else if (e.suggestion) {
      const pickleId = pickleOfStep.get(e.suggestion.pickleStepId)!
      const run = caseOfPickle.get(pickleId)!
      run.suggestions.push({ stepIndex: pickles.get(pickleId)!.stepIndex.get(e.suggestion.pickleStepId)!, snippets: e.suggestion.snippets.map((s) => ({ ...s })) })
    } else if (e.testCaseFinished) {
      const s = started.get(e.testCaseFinished.testCaseStartedId)!
      s.attempt.finishedMs = ms(e.testCaseFinished.timestamp)
      s.attempt.willBeRetried = e.testCaseFinished.willBeRetried
    } else if (e.testRunFinished?.exception) {
      runError = { ...e.testRunFinished.exception }
    }
  }
  // No test case ran (the run failed first): the registry still belongs to the run.
  if (runs.size === 0 && firstUri !== undefined) runOf(firstUri)
  return { runs: [...runs.values()], ...(runError && { runError }) }
}
