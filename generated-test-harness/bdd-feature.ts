import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { TaskMeta, TestContext } from 'vitest'
import { attachmentRecord, LINK_MEDIA_TYPE, LOG_MEDIA_TYPE, type AttachOptions } from '../src/bdd/attachment.ts'
import { afterAllOrder } from '../src/bdd/hook-order.ts'
import { captureEndpointFromEnv } from '../src/otlp/capture-endpoint.ts'
import { registryRecord } from '../src/bdd/registry-record.ts'
import type { AttachmentRecord, CucumberStatus, ScenarioRunRecord, TestRunHookRecord, TestStepRecord } from '../src/bdd/run-record.ts'
import { vitestOutcome } from '../src/bdd/status.ts'
import { ambiguousStep, formatAmbiguousSteps, formatUndefinedSteps, type AmbiguousStep, type UndefinedStep } from '../src/bdd/step-problems.ts'
import { describeDefinition, type HookDefinition, type ScenarioInfo, type StepMatch, type StepRegistry } from '../src/bdd/step-registry.ts'
import { cucumberSnippets, stepSnippet } from '../src/bdd/snippet.ts'
import { scenarioTestMeta, syntaxErrorTestMeta, type FeatureFileMeta, type FeatureScenarioMeta, type StepUsageMeta } from '../src/bdd/test-meta.ts'
import type { FeatureScenario, FeatureStep, GherkinProblem } from '../src/bdd/types.ts'
import { unusedDefinitions } from '../src/bdd/unused-steps.ts'
import { describeThrown, keepableError, stackFrames, thrownText } from '../src/thrown-value.ts'
import { stepRegistry } from './bdd-registry.ts'
import { invoke, resultRecord } from './bdd-invoke.ts'
import { runScenarioAttempt, type ScenarioAttempt } from './bdd-scenario.ts'
import { readAll, type AttachData } from './bdd-world.ts'
import { locatedError, locatedStack } from './located-error.ts'
import { setSpecCiMeta } from './task-meta.ts'
import { toPosix } from '../src/posix-path.ts'

export interface FeatureUnderTestConfig {
  /** Absolute path of the .feature file. */
  file: string
  /** Path relative to the project root, with `/`. */
  displayFile: string
  root: string
  feature: string
  scenarios: FeatureScenario[]
  /** `generate.strict`: PENDING/UNDEFINED fail (true, the default) or skip the scenario. */
  strict?: boolean
  /** `generate.retry`: how many times Vitest re-runs a failing scenario. */
  retry?: number
  /** `generate.worldParameters`: each world's `parameters` (a fresh copy per scenario). */
  worldParameters?: unknown
}

export interface StepUsageConfig {
  root: string
  /** Every feature file of the project (absolute paths): a definition none of them uses is reported. */
  features: string[]
}

/** The task Vitest hands a top-level beforeAll/afterAll: the file's. */
export interface SuiteTask {
  meta: TaskMeta
}

export interface FeatureUnderTest {
  run(context: TestContext, index: number): Promise<void>
  /** The module's Vitest beforeAll: BeforeAll hooks, and the registry's record on the file's meta. */
  beforeAll(suite: SuiteTask): Promise<void>
  /** The module's Vitest afterAll: AfterAll hooks (reverse order); one that fails fails the file. */
  afterAll(suite: SuiteTask): Promise<void>
}

/** Ends the current step-file generation (see StepRegistry): the last statement of each generated feature module. */
export function endStepFileGeneration(): void {
  stepRegistry().endGeneration()
}

/**
 * Puts a step's failure at the step's line in the .feature (Vitest takes the location from the first
 * stack frame) and keeps the original frames after it, so the step file's line is still shown. An error
 * object that is safe to keep is kept: assertion errors keep their expected/actual diff. Anything else
 * (a string, an object whose toString throws, a revoked Proxy) becomes a new error with what it says.
 */
function atStep(error: unknown, file: string, displayFile: string, step: FeatureStep, status?: CucumberStatus): Error {
  const at = { label: `${step.keyword} ${step.text}`, file, line: step.line }
  const where = `${at.label} (${displayFile}:${step.line})${status ? ` ${status}` : ''}`
  const causeFrames = stackFrames(error)
  const kept = keepableError(error)
  if (kept) {
    try {
      kept.message = `${where}: ${kept.message}`
      kept.stack = locatedStack(kept.name, kept.message, at, causeFrames)
      return kept
    } catch {
      // frozen or otherwise read-only: described afresh below
    }
  }
  const { name, message } = describeThrown(error)
  return locatedError({ name, message: `${where}: ${message}`, ...at, causeFrames })
}

const HOOK_NAMES: Record<string, string> = { before: 'Before', after: 'After', beforeStep: 'BeforeStep', afterStep: 'AfterStep', beforeAll: 'BeforeAll', afterAll: 'AfterAll' }

function hookLabel(hook: HookDefinition, relative: (file: string) => string): string {
  const at = hook.location ? ` at ${relative(hook.location.file)}:${hook.location.line}` : ''
  return `${HOOK_NAMES[hook.kind ?? 'before']} hook${hook.name ? ` "${hook.name}"` : ''}${at}`
}

/** A context for BeforeAll/AfterAll: `attach`/`log`/`link` into the hook's record (no test to annotate). */
function testRunContext(attachments: AttachmentRecord[], parameters: unknown) {
  const add = (data: string | Uint8Array, how?: string | AttachOptions) => void attachments.push(attachmentRecord(data, how, Date.now()))
  return {
    parameters,
    attach: (data: AttachData, how?: string | AttachOptions) => (typeof data === 'string' || data instanceof Uint8Array ? add(data, how) : readAll(data).then((b) => add(b, how))),
    log: (text: string) => add(String(text), LOG_MEDIA_TYPE),
    link: (...urls: string[]) => urls.forEach((url) => attachments.push({ ...attachmentRecord(String(url), LINK_MEDIA_TYPE, Date.now()), url: String(url) })),
  }
}

/**
 * One feature file under test: each scenario test resolves its steps against the registry that the
 * imported step files filled, then runs them with Cucumber's rules (bdd-scenario.ts) against a fresh
 * world, and turns the scenario's status into the test's outcome.
 */
export function bddFeature(config: FeatureUnderTestConfig): FeatureUnderTest {
  const relative = (file: string) => toPosix(path.relative(config.root, file))
  const strict = config.strict ?? true
  const retry = config.retry ?? 0
  const testRunHooks: TestRunHookRecord[] = []
  let beforeAllFailure: { hook: HookDefinition; error: unknown } | undefined
  let warned = false

  const fileMeta = (suite: SuiteTask, registry: StepRegistry) => {
    const meta: FeatureFileMeta = { kind: 'generate-feature-file', file: config.displayFile, registry: registryRecord(registry, relative), testRunHooks }
    suite.meta.specCiFeatureFile = meta
  }

  const runTestRunHook = async (hook: HookDefinition, registry: StepRegistry) => {
    const attachments: AttachmentRecord[] = []
    const startedMs = Date.now()
    const timeout = hook.timeout ?? registry.defaultTimeout
    const invocation = await invoke(() => hook.fn.call(testRunContext(attachments, structuredClone(config.worldParameters ?? {}))), timeout, () => `${hookLabel(hook, relative)} timed out after ${timeout} ms`)
    testRunHooks.push({ hookId: hook.id!, startedMs, result: resultRecord(invocation), attachments })
    return invocation
  }

  /** Once per file, in the first scenario that runs: a warning per definition naming an undefined parameter type. */
  const warnOnce = async (context: TestContext, registry: StepRegistry) => {
    if (warned) return
    warned = true
    for (const use of registry.undefinedParameterTypes())
      await context.annotate(
        `Step definition ${describeDefinition(use.definition, relative)} uses the parameter type {${use.name}}, which no defineParameterType defines: it matches no step`,
        'warning',
      )
  }

  const resolve = (registry: StepRegistry, scenario: FeatureScenario) =>
    scenario.steps.map((step) => {
      try {
        return registry.match(step.text, relative)
      } catch (error) {
        // a definition whose expression is broken: every scenario that reaches it fails at its step
        throw atStep(error, config.file, config.displayFile, step)
      }
    })

  return {
    async beforeAll(suite) {
      const registry = stepRegistry()
      for (const hook of registry.beforeAll) {
        // Every BeforeAll runs even after one failed (as the CCK's global-hooks-beforeall-error expects)
        const invocation = await runTestRunHook(hook, registry)
        if (invocation.status === 'FAILED') beforeAllFailure ??= { hook, error: invocation.error }
      }
      fileMeta(suite, registry)
    },

    async afterAll(suite) {
      const registry = stepRegistry()
      const failures: string[] = []
      for (const hook of afterAllOrder(registry)) {
        const invocation = await runTestRunHook(hook, registry)
        if (invocation.status === 'FAILED') failures.push(`${hookLabel(hook, relative)} FAILED: ${thrownText(invocation.error)}`)
      }
      fileMeta(suite, registry)
      if (failures.length > 0) throw new Error(`${config.displayFile}: ${failures.join('\n')}`)
    },

    async run(context, index) {
      const scenario = config.scenarios[index]
      if (!scenario) throw new Error(`vitest-spec-ci: ${config.displayFile} changed while the run was starting; run it again`)
      const registry = stepRegistry()
      const attempt = context.task.result?.retryCount ?? 0
      const previous = context.task.meta.specCi as FeatureScenarioMeta | undefined
      const meta = scenarioTestMeta(config.displayFile, config.feature, scenario)
      const run: ScenarioRunRecord =
        attempt > 0 && previous?.kind === 'generate-feature' && previous.run ? previous.run : { scenarioIndex: index, status: 'UNKNOWN', attempts: [], suggestions: [] }
      meta.run = run
      setSpecCiMeta(context, meta)
      await warnOnce(context, registry)

      const atScenario = (name: string, message: string, error?: unknown) =>
        locatedError({ name, message, label: scenario.name, file: config.file, line: scenario.line, causeFrames: error === undefined ? [] : stackFrames(error) })
      if (beforeAllFailure) {
        run.status = meta.status = 'FAILED'
        run.attempts.push({ attempt, startedMs: Date.now(), finishedMs: Date.now(), willBeRetried: false, steps: [] })
        const { hook, error } = beforeAllFailure
        throw atScenario('BeforeAllHookFailed', `${hookLabel(hook, relative)} FAILED, so no scenario of ${config.displayFile} ran: ${thrownText(error)}`, error)
      }

      let matches: (readonly StepMatch[])[]
      try {
        matches = resolve(registry, scenario)
      } catch (error) {
        run.status = meta.status = 'FAILED'
        throw error
      }
      const undefinedSteps: UndefinedStep[] = []
      const ambiguousSteps: AmbiguousStep[] = []
      const suggestions: ScenarioRunRecord['suggestions'] = []
      const conventions = new Set([...registry.definitions, ...registry.before, ...registry.after].map((d) => d.convention ?? 'world-first'))
      const cucumberStyle = conventions.size === 1 && conventions.has('cucumber')
      scenario.steps.forEach((step, i) => {
        const found = matches[i]!
        if (found.length === 0) {
          const snippet = stepSnippet(step, registry.snippetGenerator())
          undefinedSteps.push({ keyword: step.keyword, text: step.text, line: step.line, snippet })
          // Step files written for vitest-spec-ci/cucumber are offered that entry's snippets (Cucumber's form).
          const codes = cucumberStyle ? cucumberSnippets(step, registry.snippetGenerator()) : [snippet]
          suggestions.push({ stepIndex: i, snippets: codes.map((code) => ({ language: 'typescript', code })) })
        } else if (found.length > 1) ambiguousSteps.push(ambiguousStep(step, found.map((m) => m.definition), relative))
      })
      meta.undefinedSteps = undefinedSteps
      meta.ambiguousSteps = ambiguousSteps
      meta.definitions = [...new Set(matches.filter((m) => m.length === 1).map((m) => describeDefinition(m[0]!.definition, relative)))]
      run.suggestions = suggestions

      const otlp = captureEndpointFromEnv()
      const info: ScenarioInfo = { name: scenario.name, tags: scenario.tags, file: config.displayFile, line: scenario.line, ...(otlp && { otlp }) }
      const willBeRetried = (status: CucumberStatus) => attempt < retry && status === 'FAILED'
      const result = await runScenarioAttempt({
        context,
        registry,
        displayFile: config.displayFile,
        feature: config.feature,
        index,
        scenario,
        matches,
        attempt,
        willBeRetried,
        worldParameters: config.worldParameters,
        info,
        relative,
        ambiguousMessage: (i) => formatAmbiguousSteps(config.displayFile, [ambiguousStep(scenario.steps[i]!, matches[i]!.map((m) => m.definition), relative)]),
      })
      result.record.willBeRetried = willBeRetried(result.status)
      run.attempts.push(result.record)
      run.status = meta.status = result.status
      const stepRecords = result.record.steps.filter((s) => s.kind === 'step')
      meta.passedSteps = stepRecords.filter((s) => s.result.status === 'PASSED').length
      const failed = stepRecords.find((s) => s.result.status === 'FAILED')
      if (failed) {
        const step = scenario.steps[failed.stepIndex!]!
        meta.failedStep = { line: step.line, text: `${step.keyword} ${step.text}` }
      }
      if (result.worldError !== undefined) throw atScenario('WorldConstructorFailed', `the World constructor FAILED (${config.displayFile}:${scenario.line}): ${thrownText(result.worldError)}`, result.worldError)

      const outcome = vitestOutcome(result.status, strict)
      if (outcome === 'pass') return
      const cause = result.record.steps.find((s) => s.result.status === result.status)!
      if (outcome === 'skip') context.skip(skipReason(cause, result, scenario, config.displayFile, strict, relative))
      throw failureOf(cause, result, scenario, config, undefinedSteps, ambiguousSteps, relative, atScenario)
    },
  }
}

/** What a test step stands for in messages: the step (`Given x (file:line)`) or the hook (`Before hook at file:line`). */
function testStepLabel(step: TestStepRecord, attempt: ScenarioAttempt, scenario: FeatureScenario, displayFile: string, relative: (file: string) => string): string {
  if (step.kind === 'step') {
    const s = scenario.steps[step.stepIndex!]!
    return `${s.keyword} ${s.text} (${displayFile}:${s.line})`
  }
  return hookLabel(attempt.hooks.get(step)!, relative)
}

function skipReason(cause: TestStepRecord, attempt: ScenarioAttempt, scenario: FeatureScenario, displayFile: string, strict: boolean, relative: (file: string) => string): string {
  const why = cause.result.message && cause.result.message !== cause.result.status.toLowerCase() ? `: ${cause.result.message}` : ''
  const lenient = cause.result.status === 'SKIPPED' || strict ? '' : ' (generate.strict is false)'
  return `${cause.result.status}${lenient} at ${testStepLabel(cause, attempt, scenario, displayFile, relative)}${why}`
}

function failureOf(
  cause: TestStepRecord,
  attempt: ScenarioAttempt,
  scenario: FeatureScenario,
  config: FeatureUnderTestConfig,
  undefinedSteps: UndefinedStep[],
  ambiguousSteps: AmbiguousStep[],
  relative: (file: string) => string,
  atScenario: (name: string, message: string, error?: unknown) => Error,
): Error {
  const status = cause.result.status
  const atFirst = (step: UndefinedStep | AmbiguousStep) => ({ label: `${step.keyword} ${step.text}`, file: config.file, line: step.line })
  if (status === 'AMBIGUOUS')
    return locatedError({ name: 'AmbiguousStep', message: formatAmbiguousSteps(config.displayFile, ambiguousSteps), ...atFirst(ambiguousSteps[0]!) })
  if (status === 'UNDEFINED')
    return locatedError({
      name: 'UndefinedStep',
      message: `${formatUndefinedSteps(config.displayFile, undefinedSteps)}\n\n(UNDEFINED fails the scenario in strict mode, the default; generate.strict: false skips it instead.)`,
      ...atFirst(undefinedSteps[0]!),
    })
  const error = attempt.errors.get(cause)
  if (cause.kind === 'hook') {
    const label = testStepLabel(cause, attempt, scenario, config.displayFile, relative)
    const name = `${HOOK_NAMES[attempt.hooks.get(cause)?.kind ?? 'before']}Hook${status === 'FAILED' ? 'Failed' : status === 'PENDING' ? 'Pending' : 'Failed'}`
    return atScenario(name, `${label} ${status} (${config.displayFile}:${scenario.line}): ${error === undefined ? status.toLowerCase() : thrownText(error)}`, error)
  }
  const step = scenario.steps[cause.stepIndex!]!
  if (status === 'PENDING') {
    const reason = cause.result.message && cause.result.message !== 'pending' ? `: ${cause.result.message}` : ''
    return locatedError({
      name: 'PendingStep',
      message: `Pending step at ${config.displayFile}:${step.line}: ${step.keyword} ${step.text}${reason}\n\n(PENDING fails the scenario in strict mode, the default; generate.strict: false skips it instead.)`,
      label: `${step.keyword} ${step.text}`,
      file: config.file,
      line: step.line,
    })
  }
  return atStep(error, config.file, config.displayFile, step, status)
}

/**
 * The project-wide check that every step definition is used by some feature. It runs in one feature
 * file (the plugin picks the first), reads every feature of the project and matches their steps
 * against the registry; unused definitions are annotated as warnings and listed in meta.
 */
export async function checkStepUsage(context: TestContext, config: StepUsageConfig): Promise<void> {
  // The Gherkin parser is loaded by this one test only: scenario tests run what the main process compiled.
  const { compileFeature } = await import('../src/bdd/compile-feature.ts')
  const registry = stepRegistry()
  const texts: string[] = []
  let features = 0
  for (const file of config.features) {
    let compiled
    try {
      compiled = compileFeature(readFileSync(file, 'utf8'), file)
    } catch {
      // a feature that cannot be read fails its own test; here it just uses no steps
      continue
    }
    if (!compiled.ok) continue
    features++
    for (const scenario of compiled.feature.scenarios) for (const step of scenario.steps) texts.push(step.text)
  }
  const relative = (file: string) => toPosix(path.relative(config.root, file))
  const unused = unusedDefinitions(registry, texts)
  const meta: StepUsageMeta = {
    kind: 'generate-steps',
    features,
    definitions: registry.definitions.length,
    unused: unused.map((d) => ({
      keyword: d.keyword,
      pattern: String(d.pattern),
      file: d.location ? relative(d.location.file) : undefined,
      line: d.location?.line,
    })),
  }
  setSpecCiMeta(context, meta)
  for (const definition of unused)
    await context.annotate(`Unused step definition: ${describeDefinition(definition, relative)} matches no step of the ${features} feature file${features === 1 ? '' : 's'}`, 'warning')
}

export interface SyntaxErrorConfig {
  file: string
  displayFile: string
  problems: GherkinProblem[]
}

/** The one test of a .feature file that does not parse: fails at the first error's line, listing all. */
export function gherkinSyntaxError(context: TestContext, config: SyntaxErrorConfig): never {
  const first = config.problems[0] ?? { line: 1, column: 1, message: 'unreadable feature file' }
  const meta = syntaxErrorTestMeta(config.displayFile, context.task.name, config.problems, first.line)
  setSpecCiMeta(context, meta)
  const list = config.problems.map((p) => `  ${config.displayFile}:${p.line}:${p.column}: ${p.message}`).join('\n')
  throw locatedError({ name: 'GherkinSyntaxError', message: `${config.displayFile} is not valid Gherkin:\n${list}`, label: context.task.name, file: config.file, line: first.line })
}
export { atLine, suiteAtLine } from './task-location.ts'
