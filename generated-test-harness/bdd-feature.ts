import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { TestContext } from 'vitest'
import { compileFeature } from '../src/bdd/compile-feature.ts'
import { captureEndpointFromEnv } from '../src/otlp/capture-endpoint.ts'
import { DataTable } from '../src/bdd/data-table.ts'
import { ambiguousStep, formatAmbiguousSteps, formatUndefinedSteps, type AmbiguousStep, type UndefinedStep } from '../src/bdd/step-problems.ts'
import { describeDefinition, type ScenarioInfo, type SourceLocation, type StepMatch } from '../src/bdd/step-registry.ts'
import { stepSnippet } from '../src/bdd/snippet.ts'
import { scenarioTestMeta, syntaxErrorTestMeta, type StepUsageMeta } from '../src/bdd/test-meta.ts'
import type { FeatureScenario, FeatureStep, GherkinProblem } from '../src/bdd/types.ts'
import { unusedDefinitions } from '../src/bdd/unused-steps.ts'
import { describeThrown, keepableError, stackFrames, thrownText } from '../src/thrown-value.ts'
import { stepRegistry } from './bdd-registry.ts'
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
}

export interface StepUsageConfig {
  root: string
  /** Every feature file of the project (absolute paths): a definition none of them uses is reported. */
  features: string[]
}

export interface FeatureUnderTest {
  run(context: TestContext, index: number): Promise<void>
}


/**
 * Puts a step's failure at the step's line in the .feature (Vitest takes the location from the first
 * stack frame) and keeps the original frames after it, so the step file's line is still shown. An error
 * object that is safe to keep is kept: assertion errors keep their expected/actual diff. Anything else
 * (a string, an object whose toString throws, a revoked Proxy) becomes a new error with what it says.
 */
function atStep(error: unknown, file: string, displayFile: string, step: FeatureStep): Error {
  const at = { label: `${step.keyword} ${step.text}`, file, line: step.line }
  const where = `${at.label} (${displayFile}:${step.line})`
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

/**
 * One feature file under test: each scenario test resolves its steps against the registry that the
 * imported step files filled, then runs them against a fresh world, Before and After hooks around.
 */
export function bddFeature(config: FeatureUnderTestConfig): FeatureUnderTest {
  const relative = (file: string) => toPosix(path.relative(config.root, file))

  return {
    async run(context, index) {
      const scenario = config.scenarios[index]
      if (!scenario) throw new Error(`vitest-spec-ci: ${config.displayFile} changed while the run was starting; run it again`)
      const registry = stepRegistry()
      const meta = scenarioTestMeta(config.displayFile, config.feature, scenario)
      setSpecCiMeta(context, meta)

      const resolved: Array<{ step: FeatureStep; match: StepMatch }> = []
      const undefinedSteps: UndefinedStep[] = []
      const ambiguousSteps: AmbiguousStep[] = []
      for (const step of scenario.steps) {
        let matches: StepMatch[]
        try {
          matches = registry.match(step.text, relative)
        } catch (error) {
          throw atStep(error, config.file, config.displayFile, step)
        }
        if (matches.length === 0)
          undefinedSteps.push({ keyword: step.keyword, text: step.text, line: step.line, snippet: stepSnippet(step, registry.snippetGenerator()) })
        else if (matches.length > 1) ambiguousSteps.push(ambiguousStep(step, matches.map((m) => m.definition), relative))
        else resolved.push({ step, match: matches[0]! })
      }
      meta.undefinedSteps = undefinedSteps
      meta.ambiguousSteps = ambiguousSteps
      meta.definitions = [...new Set(resolved.map((r) => describeDefinition(r.match.definition, relative)))]
      // Nothing runs when a step cannot: a half-run scenario proves nothing and may leave side effects.
      const atFirst = (step: UndefinedStep | AmbiguousStep) => ({ label: `${step.keyword} ${step.text}`, file: config.file, line: step.line })
      if (undefinedSteps.length > 0)
        throw locatedError({ name: 'UndefinedStep', message: formatUndefinedSteps(config.displayFile, undefinedSteps), ...atFirst(undefinedSteps[0]!) })
      if (ambiguousSteps.length > 0)
        throw locatedError({ name: 'AmbiguousStep', message: formatAmbiguousSteps(config.displayFile, ambiguousSteps), ...atFirst(ambiguousSteps[0]!) })

      // A hook's failure is the scenario's, at its line: a hook belongs to no single step.
      const hookError = (kind: 'Before' | 'After', location: SourceLocation | undefined, error: unknown): Error => {
        const at = location ? ` at ${relative(location.file)}:${location.line}` : ''
        const message = `${kind} hook${at} failed (${config.displayFile}:${scenario.line}): ${thrownText(error)}`
        return locatedError({ name: `${kind}HookFailed`, message, label: scenario.name, file: config.file, line: scenario.line, causeFrames: stackFrames(error) })
      }
      const world: Record<string, unknown> = {}
      const otlp = captureEndpointFromEnv()
      const info: ScenarioInfo = { name: scenario.name, tags: scenario.tags, file: config.displayFile, line: scenario.line, ...(otlp && { otlp }) }
      let failure: unknown
      try {
        for (const hook of registry.before) {
          try {
            await hook.fn.call(world, world, info)
          } catch (error) {
            throw hookError('Before', hook.location, error)
          }
        }
        for (const { step, match } of resolved) {
          try {
            const args = await match.values(world)
            if (step.dataTable) args.push(new DataTable(step.dataTable))
            if (step.docString) args.push(step.docString.content)
            await match.definition.fn.call(world, world, ...args)
            meta.passedSteps++
          } catch (error) {
            meta.failedStep = { line: step.line, text: `${step.keyword} ${step.text}` }
            throw atStep(error, config.file, config.displayFile, step)
          }
        }
      } catch (error) {
        failure = error
      }
      for (const hook of [...registry.after].reverse()) {
        try {
          await hook.fn.call(world, world, { ...info, result: failure === undefined ? 'passed' : 'failed', error: failure })
        } catch (error) {
          failure ??= hookError('After', hook.location, error)
        }
      }
      if (failure !== undefined) throw failure
    },
  }
}

/**
 * The project-wide check that every step definition is used by some feature. It runs in one feature
 * file (the plugin picks the first), reads every feature of the project and matches their steps
 * against the registry; unused definitions are annotated as warnings and listed in meta.
 */
export async function checkStepUsage(context: TestContext, config: StepUsageConfig): Promise<void> {
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
