import { SpecCiConfigError } from '../../src/errors.ts'
import type { RuleSeverity, SpecModel } from '../../src/spec-model/types.ts'
import { DEFAULT_MAX_BODY_BYTES } from '../../src/otlp/receiver.ts'
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../../src/trace/open-trace.ts'
import { DEFAULT_MAX_SEARCH_STEPS, DEFAULT_MAX_STATES, DEFAULT_MAX_WINDOW_EVENTS } from '../../src/spec-model/define-spec.ts'
import { child, knownKeys, subject, type KeyHint } from '../options/known-keys.ts'
import { optionalGlobList, optionalName, positiveWholeNumber, quote, timeoutMs } from '../options/option-values.ts'
import { builtInSpecAt, checkSpecSettings, rulesAt, specOptionHint, specOptionsAt } from '../options/spec-at-config.ts'
import { resolveRemoteTraces, type ResolvedRemoteTrace } from './resolve-remote-traces.ts'

export type { ResolvedRemoteTrace } from './resolve-remote-traces.ts'

export interface ResolvedTraceGroup {
  include: string[]
  spec: string
  specOptions: Record<string, unknown>
  rules: Record<string, RuleSeverity>
  /** Time limit of reading and checking one trace, in ms. */
  timeout: number
  /** OTLP resource attribute names splitting a trace into partitions; `[]`: none. */
  partitionBy: string[]
  /** Bounds of the engine's search over orders of overlapping events, each filled with its default. */
  concurrency: ResolvedConcurrencyBounds
  /** Where the group's settings were given (`conformance` or `conformance.traces[i]`), for messages. */
  path: string
}

/** `conformance.live`, resolved: the capture's trace settings and its receiver's. */
export interface ResolvedLiveCapture extends Omit<ResolvedTraceGroup, 'include'> {
  /** The capture file's name without `.otlp.jsonl`. */
  name: string
  port: number
  maxBodyBytes: number
}

export interface ResolvedConformanceOptions {
  name: string
  groups: ResolvedTraceGroup[]
  /** Live capture, when configured. */
  live: ResolvedLiveCapture | undefined
  /** Remote traces (`conformance.remote`), each fetched under its outbound policy; `[]`: none. */
  remote: ResolvedRemoteTrace[]
  include: string[]
  exclude: string[]
  maxStoredViolations: number
  maxLineBytes: number
  maxDecompressedBytes: number
}

export interface ResolvedConcurrencyBounds {
  maxSearchSteps: number
  maxWindowEvents: number
  maxStates: number
}

/** The engine's defaults (docs/concurrency.md): a trace module states the bounds only when they differ. */
export const DEFAULT_CONCURRENCY_BOUNDS: Readonly<ResolvedConcurrencyBounds> = Object.freeze({
  maxSearchSteps: DEFAULT_MAX_SEARCH_STEPS,
  maxWindowEvents: DEFAULT_MAX_WINDOW_EVENTS,
  maxStates: DEFAULT_MAX_STATES,
})

const CONCURRENCY_KEYS = ['maxSearchSteps', 'maxWindowEvents', 'maxStates'] as const

export const SIDECAR_GLOB = '**/*.expect.yml'

/** Default `conformance.timeout`: the time limit of reading and checking one trace. */
export const DEFAULT_TRACE_TIMEOUT_MS = 120_000

const SETTING_KEYS = ['spec', 'specOptions', 'rules', 'timeout', 'partitionBy', 'concurrency'] as const
const CONFORMANCE_KEYS = ['traces', 'live', 'remote', ...SETTING_KEYS, 'exclude', 'name', 'maxStoredViolations', 'maxLineBytes', 'maxDecompressedBytes']
const GROUP_KEYS = ['include', ...SETTING_KEYS]
const LIVE_KEYS = ['name', 'port', 'maxBodyBytes', ...SETTING_KEYS]

/** The live capture's default `partitionBy`: a fresh provider per contract file is a fresh instance. */
export const LIVE_PARTITION_BY = ['service.instance.id']

type Settings = Omit<ResolvedTraceGroup, 'include'>

/** `partitionBy`: a list of OTLP resource attribute names (a copy), or `fallback` when not set. */
function partitionByAt(value: unknown, path: string, fallback: string[]): string[] {
  if (value === undefined) return fallback
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || name === ''))
    throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected a list of OTLP resource attribute names, e.g. ["service.instance.id"] (default [], no partitioning)`)
  return [...(value as string[])]
}

/** A spec option, or a bound of the order search, written one level too high: where it goes. */
function settingsHint(model: SpecModel | undefined, path: string): KeyHint {
  const specHint = specOptionHint(model, path)
  return (key) =>
    (CONCURRENCY_KEYS as readonly string[]).includes(key)
      ? `${JSON.stringify(key)} is a bound of the search over overlapping events: write ${child(path, 'concurrency')}: { ${key}: … }`
      : specHint(key)
}

/** `concurrency`: each bound given over the inherited one (each a whole number > 0). */
function concurrencyAt(value: unknown, path: string, inherited: ResolvedConcurrencyBounds): ResolvedConcurrencyBounds {
  if (value === undefined) return inherited
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected { maxSearchSteps?, maxWindowEvents?, maxStates? } (the bounds of the search over orders of overlapping events, docs/concurrency.md)`)
  const given = knownKeys(value, subject(path), [...CONCURRENCY_KEYS])
  return {
    maxSearchSteps: positiveWholeNumber(given.maxSearchSteps, `${path}.maxSearchSteps`, inherited.maxSearchSteps, 'calls of the spec'),
    maxWindowEvents: positiveWholeNumber(given.maxWindowEvents, `${path}.maxWindowEvents`, inherited.maxWindowEvents, 'events'),
    maxStates: positiveWholeNumber(given.maxStates, `${path}.maxStates`, inherited.maxStates, 'states'),
  }
}

/**
 * The settings given at `path` over the inherited ones. A group naming another spec than the top level
 * inherits its timeout and partitionBy only: the top level's `specOptions` and `rules` are that other spec's.
 */
function resolveSettings(o: Record<string, unknown>, path: string, inherited: Settings | undefined): Settings {
  const spec = o.spec === undefined ? (inherited?.spec ?? 'kvonce') : (o.spec as string)
  const model = builtInSpecAt(spec, `${path}.spec`)
  const base = inherited && inherited.spec === spec ? inherited : undefined
  const settings: Settings = {
    spec,
    specOptions: { ...base?.specOptions, ...specOptionsAt(o.specOptions, `${path}.specOptions`) },
    rules: { ...base?.rules, ...rulesAt(o.rules, `${path}.rules`) },
    timeout: timeoutMs(o.timeout, `${path}.timeout`, inherited?.timeout ?? DEFAULT_TRACE_TIMEOUT_MS),
    partitionBy: partitionByAt(o.partitionBy, `${path}.partitionBy`, inherited?.partitionBy ?? []),
    concurrency: concurrencyAt(o.concurrency, `${path}.concurrency`, inherited?.concurrency ?? DEFAULT_CONCURRENCY_BOUNDS),
    path: o.spec === undefined && o.specOptions === undefined && o.rules === undefined && inherited ? inherited.path : path,
  }
  if (model) checkSpecSettings(model, settings, path)
  return settings
}

function modelOf(spec: unknown): SpecModel | undefined {
  try {
    return builtInSpecAt(spec, '')
  } catch {
    return undefined
  }
}

function resolveGroup(entry: unknown, i: number, defaults: Settings): ResolvedTraceGroup {
  const path = `conformance.traces[${i}]`
  if (typeof entry === 'string' && entry !== '') return { include: [entry], ...defaults }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    throw new SpecCiConfigError(`${subject(path)} is ${quote(entry)}; expected a glob or a group { include, spec?, specOptions?, rules?, timeout?, partitionBy?, concurrency? }`)
  const group = knownKeys(entry, subject(path), GROUP_KEYS, settingsHint(modelOf((entry as { spec?: unknown }).spec ?? defaults.spec), path))
  const include = typeof group.include === 'string' ? [group.include] : group.include
  if (!Array.isArray(include) || include.length === 0 || include.some((g) => typeof g !== 'string' || g === ''))
    throw new SpecCiConfigError(`specCi: ${path}.include must be a glob or a list of globs`)
  return { include: [...(include as string[])], ...resolveSettings(group, path, defaults) }
}

/** A capture name: one file name segment of letters, digits, `.`, `_` and `-`. */
function captureName(value: unknown, fallback: string): string {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value))
    throw new SpecCiConfigError(`${subject('conformance.live.name')} is ${quote(value)}; expected a file name of letters, digits, ".", "_" and "-", e.g. "kvonce"`)
  return value
}

/** The default capture name: the built-in spec's, or the spec module's file name without extension. */
function specName(spec: string): string {
  const base = spec.split(/[\\/]/).pop() ?? spec
  const name = base.replace(/\.(spec\.)?[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[^A-Za-z0-9]+/, '')
  return name === '' ? 'live' : name
}

function resolveLive(value: unknown, defaults: Settings): ResolvedLiveCapture | undefined {
  if (value === undefined || value === false) return undefined
  const path = 'conformance.live'
  if (value !== true && (value === null || typeof value !== 'object' || Array.isArray(value)))
    throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected true or { spec?, specOptions?, rules?, timeout?, partitionBy?, concurrency?, name?, port?, maxBodyBytes? }`)
  const o = value === true ? {} : knownKeys(value, subject(path), LIVE_KEYS, settingsHint(modelOf((value as { spec?: unknown }).spec ?? defaults.spec), path))
  // The top level's partitionBy is for recorded traces; a capture's default is per service instance.
  const settings = resolveSettings({ ...o, partitionBy: o.partitionBy ?? LIVE_PARTITION_BY }, path, defaults)
  const port = o.port === undefined ? 0 : o.port
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new SpecCiConfigError(`${subject(`${path}.port`)} is ${quote(port)}; expected a port number 0–65535 (0: a free one)`)
  return {
    ...settings,
    name: captureName(o.name, specName(settings.spec)),
    port,
    maxBodyBytes: positiveWholeNumber(o.maxBodyBytes, `${path}.maxBodyBytes`, DEFAULT_MAX_BODY_BYTES, 'bytes'),
  }
}

/** Resolves and checks `conformance` once, built-in specs' options and rule ids included. */
export function resolveConformanceOptions(options: unknown): ResolvedConformanceOptions {
  const o = knownKeys(options, subject('conformance'), CONFORMANCE_KEYS, settingsHint(modelOf((options as { spec?: unknown } | null)?.spec ?? 'kvonce'), 'conformance'))
  const live = o.live
  if (o.traces === undefined && (live === undefined || live === false) && o.remote === undefined)
    throw new SpecCiConfigError(
      'specCi: conformance needs traces (globs, e.g. ["traces/**/*.ndjson"]), remote (traces fetched from URLs, e.g. [{ url: "https://traces.example.com/runs/42.ndjson" }]) or live (capture the spans of the service the other projects drive, e.g. live: true)',
    )
  if (o.traces !== undefined && (!Array.isArray(o.traces) || o.traces.length === 0))
    throw new SpecCiConfigError('specCi: conformance.traces must list at least one glob, e.g. ["traces/**/*.ndjson"]')
  const defaults = resolveSettings(o, 'conformance', undefined)
  const groups = ((o.traces as unknown[] | undefined) ?? []).map((entry, i) => resolveGroup(entry, i, defaults))
  return {
    name: optionalName(o.name, 'conformance.name', 'conformance'),
    groups,
    live: resolveLive(live, defaults),
    remote: resolveRemoteTraces(o.remote, (entry, path, policyKeys) => {
      const given = knownKeys(entry, subject(path), [...policyKeys, ...SETTING_KEYS], settingsHint(modelOf((entry as { spec?: unknown }).spec ?? defaults.spec), path))
      return { given, settings: resolveSettings(given, path, defaults) }
    }),
    include: groups.flatMap((g) => g.include),
    exclude: [...optionalGlobList(o.exclude, 'conformance.exclude', 'traces/old/**'), SIDECAR_GLOB, '**/node_modules/**'],
    maxStoredViolations: positiveWholeNumber(o.maxStoredViolations, 'conformance.maxStoredViolations', 1000, 'violations'),
    maxLineBytes: positiveWholeNumber(o.maxLineBytes, 'conformance.maxLineBytes', 16 * 1024 * 1024, 'bytes'),
    maxDecompressedBytes: positiveWholeNumber(o.maxDecompressedBytes, 'conformance.maxDecompressedBytes', DEFAULT_MAX_DECOMPRESSED_BYTES, 'bytes'),
  }
}
