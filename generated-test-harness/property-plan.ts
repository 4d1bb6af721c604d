/**
 * What a property file's tests run, shared by `describeSpecProperties` (vitest-spec-ci/property) and the
 * property project's transform, whose literal tests call {@link plannedSpecProperties} by harness path:
 * internal, not part of the package's public types.
 */
import { inject, test, type TestContext } from 'vitest'
import { SpecCiConfigError } from '../src/errors.ts'
import { operationPropertyModel } from '../src/property/operations/operation-properties.ts'
import { failingHistoryDir, writeFailingHistory } from '../src/property/operations/write-failing-history.ts'
import { toPosix } from '../src/posix-path.ts'
import { checkProperty } from '../src/property/check-property.ts'
import { formatPropertyFailure } from '../src/property/format-failure.ts'
import { replayCommand } from '../src/property/replay-command.ts'
import { resolveNumRuns, resolveSeed, SEQUENCE_SEED_KEY } from '../src/property/seed.ts'
import type { PropertyTestMeta } from '../src/property/test-meta.ts'
import { captureEndpointFromEnv } from '../src/otlp/capture-endpoint.ts'
import type { ImplementationFactory, NamedProperty, SpecPropertyModel } from '../src/property/types.ts'
import type { SpecModel } from '../src/spec-model/types.ts'
import { locatedError } from './located-error.ts'
import { setSpecCiMeta } from './task-meta.ts'
import path from 'node:path'
import { historyMeta } from '../src/property/operations/history-meta.ts'

declare module 'vitest' {
  interface ProvidedContext {
    'vitest-spec-ci:sequence-seed': number
  }
}

export interface SpecPropertiesOptions<Impl = unknown> {
  /** Builds a fresh implementation for each run; it reports every trace event through `emit`. */
  implementation: ImplementationFactory<Impl>
  /** Runs per property. `SPEC_CI_NUM_RUNS` overrides it. @default 100 */
  numRuns?: number
  /** Longest command sequence per run of a sequential property. @default 30 */
  maxCommands?: number
  /** Clients issuing operations at once in the concurrent property. @default 3 */
  clients?: number
  /** Longest operation sequence of one client in the concurrent property. @default 5 */
  operationsPerClient?: number
  /**
   * A directory, inside the project root, where a failing property generated from the spec's operations
   * writes its shrunk history as an NDJSON trace (the spec's operation schema, or the events the
   * implementation emitted), for the conformance project to replay. @default none: nothing is written
   */
  writeFailingHistory?: string
  /** Options of the spec; a spec option may also be given at the top level (e.g. `maxRetries: 3`). */
  specOptions?: object
  /** The spec's command set, for a spec that declares no `operations` (it replaces the generated properties). */
  model?: SpecPropertyModel<Impl>
  /** Timeout of each property test in ms. @default the project's testTimeout */
  timeout?: number
}

/** What the property project's transform gets back: its literal tests call `run` with their own names. */
export interface PlannedProperties {
  run(name: string, context: TestContext): Promise<void>
  timeout: number | undefined
}

const OWN_OPTIONS = new Set(['implementation', 'numRuns', 'maxCommands', 'clients', 'operationsPerClient', 'writeFailingHistory', 'specOptions', 'model', 'timeout'])

function positiveInteger(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new SpecCiConfigError(`describeSpecProperties: \`${option}\` is ${JSON.stringify(value)}; expected a positive integer (default ${fallback})`)
  return value
}

/** The project root of a test file: its path without its project-relative name. */
function projectRoot(file: TestContext['task']['file']): string {
  const absolute = toPosix(file.filepath)
  return absolute.endsWith(`/${file.name}`) ? absolute.slice(0, -file.name.length - 1) : process.cwd()
}

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
  const model = (options.model ?? (spec.operations ? operationPropertyModel : undefined)) as SpecPropertyModel<Impl> | undefined
  if (!model)
    throw new SpecCiConfigError(
      `describeSpecProperties: spec "${spec.name}" declares no \`operations\`; declare them in its defineSpec (docs/property.md, "Declaring operations"), or pass \`model\` (a SpecPropertyModel: its commands and properties)`,
    )
  const topLevelSpecOptions = Object.fromEntries(Object.entries(options).filter(([k]) => !OWN_OPTIONS.has(k)))
  const specOptions = spec.resolveOptions({ ...topLevelSpecOptions, ...(options.specOptions ?? {}) })
  const maxCommands = positiveInteger(options.maxCommands, 'maxCommands', 30)
  const clients = positiveInteger(options.clients, 'clients', 3)
  const operationsPerClient = positiveInteger(options.operationsPerClient, 'operationsPerClient', 5)
  const historyDir = options.writeFailingHistory
  if (historyDir !== undefined && (typeof historyDir !== 'string' || historyDir.trim() === ''))
    throw new SpecCiConfigError(`describeSpecProperties: \`writeFailingHistory\` is ${JSON.stringify(historyDir)}; expected a directory inside the project, e.g. "spec-ci-reports/histories"`)
  const properties = model.properties({ spec, specOptions, implementation: withCaptureEndpoint(options.implementation as ImplementationFactory<Impl>), maxCommands, clients, operationsPerClient })
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
    const history = outcome.history
    const historyFile =
      history && historyDir !== undefined ? toPosix(writeFailingHistory(failingHistoryDir(projectRoot(file), historyDir), spec.name, name, seed.seed, history)) : undefined
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
        : {
            counterexample: outcome.counterexample,
            path: outcome.path,
            rule: outcome.rule,
            reason: outcome.reason,
            events: [...(outcome.events ?? [])],
            replay,
            ...(history ? { history: historyMeta(history) } : {}),
            ...(historyFile ? { historyFile: path.relative(projectRoot(file), historyFile).split(path.sep).join('/') } : {}),
          }),
    }
    setSpecCiMeta(context, meta)
    if (outcome.passed) return
    const message = formatPropertyFailure(outcome, replay) + (historyFile ? `\nFailing history written to ${historyFile} (${history!.trace.format === 'history' ? 'NDJSON of the operations' : `a ${spec.name} trace: spec-ci trace validate --spec ${spec.name} <file>`})` : '')
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
