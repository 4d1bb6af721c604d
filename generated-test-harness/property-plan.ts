/**
 * What a property file's tests run, shared by `describeSpecProperties` (vitest-spec-ci/property) and the
 * property project's transform, whose literal tests call {@link plannedSpecProperties} by harness path:
 * internal, not part of the package's public types.
 */
import { inject, test, type TestContext } from 'vitest'
import { SpecCiConfigError } from '../src/errors.ts'
import { builtInPropertyModels } from '../src/built-in-specs/property-models.ts'
import { checkProperty } from '../src/property/check-property.ts'
import { formatPropertyFailure } from '../src/property/format-failure.ts'
import type { KvOnceImplementation } from '../src/built-in-specs/kvonce/property-implementation.ts'
import { replayCommand } from '../src/property/replay-command.ts'
import { resolveNumRuns, resolveSeed, SEQUENCE_SEED_KEY } from '../src/property/seed.ts'
import type { PropertyTestMeta } from '../src/property/test-meta.ts'
import { captureEndpointFromEnv } from '../src/otlp/capture-endpoint.ts'
import type { ImplementationFactory, NamedProperty, SpecPropertyModel } from '../src/property/types.ts'
import type { SpecModel } from '../src/spec-model/types.ts'
import { locatedError } from './located-error.ts'
import { setSpecCiMeta } from './task-meta.ts'

declare module 'vitest' {
  interface ProvidedContext {
    'vitest-spec-ci:sequence-seed': number
  }
}

export interface SpecPropertiesOptions<Impl = KvOnceImplementation> {
  /** Builds a fresh implementation for each run; it reports every trace event through `emit`. */
  implementation: ImplementationFactory<Impl>
  /** Runs per property. `SPEC_CI_NUM_RUNS` overrides it. @default 100 */
  numRuns?: number
  /** Longest command sequence per run. @default 30 */
  maxCommands?: number
  /** Options of the spec; a spec option may also be given at the top level (e.g. `maxRetries: 3`). */
  specOptions?: object
  /** The spec's command set, for specs without a built-in one (the built-in `kvonce` has one). */
  model?: SpecPropertyModel<Impl>
  /** Timeout of each property test in ms. @default the project's testTimeout */
  timeout?: number
}

/** What the property project's transform gets back: its literal tests call `run` with their own names. */
export interface PlannedProperties {
  run(name: string, context: TestContext): Promise<void>
  timeout: number | undefined
}

const OWN_OPTIONS = new Set(['implementation', 'numRuns', 'maxCommands', 'specOptions', 'model', 'timeout'])

/** The name `-t` matches: suite names and the test name joined by spaces (the file is not a suite here). */
function testNamePath(task: TestContext['task']): string {
  const names = [task.name]
  for (let suite = task.suite; suite && suite !== (task.file as unknown); suite = suite.suite) names.unshift(suite.name)
  return names.join(' ')
}

function sequenceSeed(): number | undefined {
  try {
    return inject(SEQUENCE_SEED_KEY)
  } catch {
    return undefined
  }
}

export function prepareProperties<Impl>(spec: SpecModel, options: SpecPropertiesOptions<Impl> & Record<string, unknown>, calledAt: { file: string; line: number } | undefined) {
  if (!options || typeof options.implementation !== 'function')
    throw new SpecCiConfigError('describeSpecProperties: `implementation` must be a function that returns a fresh implementation, e.g. ({ emit }) => createStore({ onEvent: emit })')
  const model = (options.model ?? builtInPropertyModels[spec.name]) as SpecPropertyModel<Impl> | undefined
  if (!model)
    throw new SpecCiConfigError(`describeSpecProperties: spec "${spec.name}" has no built-in command set; pass \`model\` (a SpecPropertyModel: its commands and properties)`)
  const topLevelSpecOptions = Object.fromEntries(Object.entries(options).filter(([k]) => !OWN_OPTIONS.has(k)))
  const specOptions = spec.resolveOptions({ ...topLevelSpecOptions, ...(options.specOptions ?? {}) })
  const maxCommands = options.maxCommands ?? 30
  const properties = model.properties({ spec, specOptions, implementation: withCaptureEndpoint(options.implementation as ImplementationFactory<Impl>), maxCommands })
  const seed = resolveSeed(process.env.SPEC_CI_SEED, sequenceSeed())
  const numRunsOverridden = (process.env.SPEC_CI_NUM_RUNS ?? '').trim() !== ''
  const numRuns = resolveNumRuns(process.env.SPEC_CI_NUM_RUNS, options.numRuns)
  const byName = new Map<string, NamedProperty>(properties.map((p) => [p.name, p]))

  async function run(name: string, context: TestContext): Promise<void> {
    const named = byName.get(name)
    if (!named)
      throw new SpecCiConfigError(`"${name}" is not a property of spec "${spec.name}" (its properties: ${[...byName.keys()].join(', ')}); restart Vitest so the test file is transformed again`)
    const outcome = await checkProperty(named, { seed: seed.seed, numRuns })
    const file = context.task.file
    const replay = replayCommand({
      seed: seed.seed,
      numRuns: numRunsOverridden ? numRuns : undefined,
      project: file.projectName || undefined,
      file: file.name,
      testName: testNamePath(context.task),
      userAgent: process.env.npm_config_user_agent,
    })
    const meta: PropertyTestMeta = {
      kind: 'property',
      name,
      spec: spec.name,
      numRuns,
      seed: seed.seed,
      seedSource: seed.source,
      runs: outcome.runs,
      ...(outcome.passed
        ? {}
        : { counterexample: outcome.counterexample, path: outcome.path, rule: outcome.rule, reason: outcome.reason, events: [...(outcome.events ?? [])], replay }),
    }
    setSpecCiMeta(context, meta)
    if (outcome.passed) return
    const message = formatPropertyFailure(outcome, replay)
    const line = context.task.location?.line ?? calledAt?.line
    if (line === undefined) throw Object.assign(new Error(message), { name: 'PropertyFailure' })
    throw locatedError({ name: 'PropertyFailure', message, label: context.task.name, file: file.filepath ?? calledAt?.file ?? file.name, line })
  }

  return { names: model.names(spec), run, timeout: options.timeout }
}


/**
 * The property project's transform wrote one literal test per property name it knew (`planned`); they
 * call `run` with their own names. A spec whose properties changed since the transform still runs its
 * new properties, registered here, unlisted.
 */
export function plannedSpecProperties(spec: SpecModel, options: SpecPropertiesOptions<any>, planned: readonly string[]): PlannedProperties {
  const prepared = prepareProperties(spec, options as SpecPropertiesOptions<any> & Record<string, unknown>, undefined)
  for (const name of prepared.names.filter((n) => !planned.includes(n))) test(name, (context) => prepared.run(name, context), prepared.timeout)
  return { run: prepared.run, timeout: prepared.timeout }
}

/** The factory, handed the live capture's endpoint in its context when a live capture runs. */
function withCaptureEndpoint<Impl>(factory: ImplementationFactory<Impl>): ImplementationFactory<Impl> {
  const otlp = captureEndpointFromEnv()
  return otlp ? (context) => factory({ ...context, otlp }) : factory
}
