import type { RuleSeverity } from '../src/spec-model/types.ts'

/**
 * How every `timeout` option is spelled (and a drift manifest target's `timeout`): a whole number of
 * milliseconds, or a duration string with its unit: `'500ms'`, `'60s'`, `'2m'`, `'1h'`.
 */
export type Timeout = number | `${number}${'ms' | 's' | 'm' | 'h'}`

/** Settings that can differ per group of traces. */
export interface TraceGroupSettings {
  /**
   * The spec the traces are checked against: a built-in name (`kvonce`, `inventory`), checked when the
   * config loads, or the path, relative to the project root, of a module whose default export is a
   * `defineSpec(...)` model (a path has a `/` or an extension; its file must exist when the config
   * loads, its options and rules are checked when it is first imported).
   * @default 'kvonce'
   */
  spec?: string
  /**
   * Options of the spec, e.g. `{ maxRetries: 5 }` for kvonce or `{ minOnHand: 2 }` for inventory. A trace
   * group inherits the top level's when it keeps its spec, and not when it names another.
   */
  specOptions?: Record<string, unknown>
  /**
   * Per-rule severity: `error` (default) fails the rule's test, `warn` annotates it, `off` skips it.
   * Inherited like `specOptions`.
   */
  rules?: Record<string, RuleSeverity>
  /**
   * Time limit of reading and checking one trace: milliseconds, or a duration such as `'2m'`. Past it
   * every rule test of the trace fails with one message naming the file and the line reached. Each rule
   * test's Vitest timeout is this plus 10 s, so the trace's own limit is what ends a slow read, not
   * Vitest's `testTimeout`.
   * @default 120000
   */
  timeout?: Timeout
  /**
   * OTLP resource attribute names, e.g. `['service.instance.id']` or a run id such as `['test.run.id']`:
   * spans whose resources differ in any of them are checked as separate partitions, each with its own
   * keys, so one capture may hold several runs or services. A resource lacking an attribute reads
   * `name=(none)` (those spans share one partition). Violations name their partition. NDJSON traces
   * have no resources and are not partitioned. A trace group inherits the top level's.
   * @default [] (no partitioning: one run per capture is the common case; `spec-ci otlp receive` and live
   * captures hold every run they received, so partition those that hold several)
   */
  partitionBy?: string[]
  /**
   * Bounds of the search over orders of a key's overlapping events (docs/concurrency.md, "Bounds"): past
   * `maxSearchSteps` or `maxWindowEvents` the events are `undecided`, which fails the rules involved
   * (never a pass); past `maxStates` further end states of a window are dropped. Each bound is a whole
   * number > 0, inherited one by one from the top level by a trace group, `live` and `remote` entries
   * (whatever their spec).
   * @default { maxSearchSteps: 100000, maxWindowEvents: 1000, maxStates: 8 }
   */
  concurrency?: ConcurrencyBounds
}

/** `concurrency` of a trace group or the top level: the engine's bounds of the order search. */
export interface ConcurrencyBounds {
  /** Calls of the spec's `apply` the search of one window may make (per state it starts from). @default 100000 */
  maxSearchSteps?: number
  /** Events one window (a key's events chained by overlap in time) may hold. @default 1000 */
  maxWindowEvents?: number
  /** States kept per key after a window whose orders end in different states. @default 8 */
  maxStates?: number
}

/** A group of traces with its own settings; the first group whose `include` matches a file wins. */
export interface TraceGroup extends TraceGroupSettings {
  include: string | string[]
}

/**
 * Live capture: during `vitest run` an OTLP/HTTP receiver on 127.0.0.1 takes the spans of the service
 * the other spec projects drive, and after they have finished the capture is checked as one more trace
 * of the conformance project. See docs/live-capture.md.
 */
export interface LiveCaptureOptions extends TraceGroupSettings {
  /**
   * Name of the capture: it is written to `<report dir>/live/<name>.otlp.jsonl` (OTLP JSON Lines, one
   * line per batch), which is also its test file's name.
   * @default the spec's name (`kvonce`), or the spec module's file name without extension
   */
  name?: string
  /** Port of the receiver on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number
  /** Decompressed bytes one export request may carry; a larger one gets 413 and fails the capture. @default 16777216 (16 MiB) */
  maxBodyBytes?: number
  /**
   * As for any trace group, with another default: each service instance (`service.instance.id`) has
   * its own keys, since the contract project starts a fresh provider per contract file.
   * @default ['service.instance.id']
   */
  partitionBy?: string[]
}

/**
 * A trace fetched from a URL when its test file is loaded, under an outbound policy: https only (plain
 * http to a loopback host only with `allowLoopbackHttp`), an exact host allowlist that every redirect
 * must stay on, no credentials in the URL, a size cap and a time limit. The download is
 * `<report dir>/trace/remote/<name>`, one more test file of the conformance project with the usual rule
 * tests; its payload metadata `{ sourceType, sourceDetail, sha256, sizeBytes }` is
 * `<report dir>/trace/<base>-payload.json`, beside the trace's reports. A refused or failed download
 * fails every rule test of the entry with one message. Query values and userinfo are redacted from
 * every report and message. Trace settings are inherited from the top level like a trace group's.
 * See docs/trace-input.md (remote payloads).
 */
export interface RemoteTrace extends TraceGroupSettings {
  /**
   * The trace's URL. Checked when the config loads (scheme, userinfo, host on `allowHosts`); fetched
   * when its test file is loaded, once per Vitest process. Keep tokens in the query (every query value
   * is redacted), never in the path.
   */
  url: string
  /**
   * Exact hosts (or `host:port`) the URL and every redirect must stay on; case-insensitive, no
   * wildcards (what `spec-ci trace validate --allow-host` takes).
   * @default the URL's own host (with its port, when it has one)
   */
  allowHosts?: string[]
  /** Also allow plain http, to a loopback host only (127.0.0.0/8, ::1, localhost). @default false */
  allowLoopbackHttp?: boolean
  /** A larger body is refused (reading stops at the cap). @default 104857600 (100 MiB) */
  maxDownloadBytes?: number
  /** Time limit of the whole download (redirects and body): milliseconds, or a duration such as `'30s'`. @default 30000 */
  downloadTimeout?: Timeout
  /**
   * File name of the download in `<report dir>/trace/remote/` (letters, digits, `.`, `_`, `-`), which is
   * its test file's name; unique among the entries.
   * @default the URL path's last segment reduced to `[A-Za-z0-9._-]` (`payload` if empty), never the query
   */
  name?: string
}

export interface ConformanceOptions extends TraceGroupSettings {
  /** Globs of trace files (relative to the project root), each one a test file; or groups with their own settings. */
  traces?: Array<string | TraceGroup>
  /**
   * Capture the spans of the service the other spec projects drive, and check them as a trace: `true`
   * for the defaults, or settings of its own (inherited from the top level like a trace group's).
   * One of `traces`, `remote` or `live` is needed.
   */
  live?: boolean | LiveCaptureOptions
  /**
   * Traces fetched from URLs under an outbound policy, each one a test file of this project (see
   * {@link RemoteTrace}). One of `traces`, `remote` or `live` is needed.
   */
  remote?: RemoteTrace[]
  /** Globs never treated as traces. `*.expect.yml` sidecars are always excluded. */
  exclude?: string[]
  /** Vitest project name. @default 'conformance' */
  name?: string
  /** Violations kept per rule and trace; the rest are counted. @default 1000 */
  maxStoredViolations?: number
  /** A trace line longer than this is reported and skipped. @default 16777216 (16 MiB) */
  maxLineBytes?: number
  /**
   * A gzip trace is read up to this many decompressed bytes; there reading stops and the line reached is
   * reported under the spec's schema rule (`event-schema` for kvonce). Plain files are not capped.
   * @default 1073741824 (1 GiB)
   */
  maxDecompressedBytes?: number
}

export interface SpecCiOptions {
  /** The conformance project: traces checked against spec models. */
  conformance?: ConformanceOptions
  /** The contract project: consumer contracts verified against a running provider. */
  contract?: ContractOptions
  /** The generate project: artifact drift manifests and BDD feature smoke. */
  generate?: GenerateOptions
  /** The property project: spec properties checked with fast-check against an implementation. */
  property?: PropertyOptions
  /**
   * The summary reporter (`vitest-spec-ci/reporter`), registered beside the run's other reporters
   * whenever a spec project runs; `false` leaves it out.
   * @default {}
   */
  report?: false | ReportOptions
}

/** Options of `vitest-spec-ci/reporter` (also usable as `['vitest-spec-ci/reporter', { … }]`). */
export interface ReportOptions {
  /**
   * Report directory, relative to the Vitest root: summaries go to `<dir>/spec-ci/`, the origin's
   * trace reports to `<dir>/trace/`. `SPEC_CI_REPORT_DIR` overrides it.
   * @default 'hermetic-reports'
   */
  dir?: string
  /**
   * Also write the origin's adapter file `<dir>/vitest/summary.json`
   * (`{ adapter: 'vitest', status: 'ok' | 'error', summary, details }`) for its report aggregator.
   * @default false
   */
  adapterSummary?: boolean
  /**
   * The generate project's BDD run as Cucumber Messages NDJSON (for `@cucumber/html-formatter` and the
   * other Cucumber formatters), written when the run has feature tests: a path inside the report
   * directory (relative to it, with `/`), or `false` for none.
   * @default 'bdd/cucumber-messages.ndjson'
   */
  cucumberMessages?: false | string
  /**
   * Write the dashboard `<dir>/spec-ci/index.html`: one self-contained page of the run (no network,
   * opens from `file://`), built from summary.json (docs/reporter.md).
   * @default true
   */
  dashboard?: boolean
  /**
   * Earlier runs for the dashboard's charts. A number keeps the last N runs (this one included) in
   * `<dir>/spec-ci/history.json`; a string is a directory of earlier `summary.json` files (e.g. CI
   * artifacts downloaded into it), relative to the Vitest root, read but never written; an object gives
   * both; `false` keeps no history.
   * @default { keep: 20 }
   */
  history?: false | number | string | HistoryOptions
}

/** `report.history` as an object. */
export interface HistoryOptions {
  /** Runs kept in `<dir>/spec-ci/history.json`, this one included (1 to 1000); 0 writes no history file. @default 20 */
  keep?: number
  /** A directory of earlier `summary.json` files, relative to the Vitest root, read each run. */
  from?: string
}

/**
 * The provider the contract project verifies. Anything executable is named by module path (relative
 * to the project root), never passed as a function: options reach the test workers as data.
 */
export interface ContractProviderOptions {
  /** URL of a running provider, e.g. `http://127.0.0.1:3000`. `SPEC_CI_PROVIDER_URL` overrides it and `start`. */
  baseUrl?: string
  /**
   * A module whose default export (or export `start`) returns a `node:http`/`net` Server, or
   * `{ url, close }`. The harness listens on 127.0.0.1 with port 0 when the server is not listening yet,
   * waits until it is, and closes it after the contract file.
   */
  start?: string
  /**
   * A module exporting provider state handlers by state name, as its default export or `states`:
   * `export default { 'key alpha is written': async (params, { baseUrl }) => { … } }`.
   */
  states?: string
  /**
   * A module of message producers for the message interactions (Pact v3 `messages`, v4
   * `Asynchronous/Messages` and `Synchronous/Messages`), keyed by the interaction's description, as its
   * default export, `messages`, or named exports: `export default { 'an order was placed': async
   * ({ states, request }) => ({ contents: { … }, metadata: { topic: 'orders' } }) }`. A synchronous
   * message's producer may return a list, one message per expected response.
   */
  messages?: string
  /**
   * Time limit of each step of an interaction: starting the provider, its states, the response (body
   * included), closing the provider; milliseconds, or a duration such as `'5s'`. The contract project's
   * Vitest timeouts are derived from it.
   * @default 5000
   */
  timeout?: Timeout
  /** Bytes of a response body read at most; a longer body fails its interaction. @default 16777216 (16 MiB) */
  maxBodyBytes?: number
}

export interface ContractOptions {
  /** Globs of contract files (simple format or Pact v2/v3/v4 JSON), relative to the project root; each one a test file. */
  contracts: string[]
  /** Globs never treated as contracts. */
  exclude?: string[]
  /** Vitest project name. @default 'contract' */
  name?: string
  provider: ContractProviderOptions
  /**
   * Keep only interactions whose contract id, interaction id, file, consumer or provider contains one
   * of these terms; the others are registered as skipped. `SPEC_CI_FOCUS` (comma-separated) overrides it.
   * @default [] (everything)
   */
  focus?: string[]
  /** How deep objects and arrays may nest in a contract file and in a JSON response body. @default 256 */
  maxJsonDepth?: number
}

/** The generate project (SPEC 6): artifact drift manifests and BDD feature smoke. */
export interface GenerateOptions {
  /** Vitest project name. @default 'generate' */
  name?: string
  /**
   * Globs of drift manifests (`*.generate.yml`, relative to the project root), each one a test file:
   * per target, `generator runs`, one `<file> is up to date` per committed file, `no files added or removed`.
   */
  manifests?: string[]
  /** Changed files listed per target in summary.json and `spec/generate-artifacts-diff.json`; the rest are counted. @default 200 */
  maxReportedFiles?: number
  /** Globs of `.feature` files (relative to the project root), each one a test file: one test per scenario. */
  features?: string[]
  /** Globs never treated as manifests, features or step files (`node_modules` never is). @default [] */
  exclude?: string[]
  /**
   * Globs of step definition files written with `vitest-spec-ci/bdd`. Every feature's test module
   * imports them, so editing a step file re-runs the features. Required with `features`.
   */
  steps?: string[]
  /**
   * A Cucumber tag expression (`'@smoke and not @slow'`): only the scenarios whose tags (feature, rule,
   * scenario and examples tags) match it are declared and run; the others are left out, as cucumber-js
   * leaves them out. The environment variable `SPEC_CI_BDD_TAGS` overrides it. Checked when the config loads.
   */
  tags?: string
  /**
   * Pending and undefined steps fail their scenario (as cucumber-js's default); `false` skips the
   * scenario with the reason instead. @default true
   */
  strict?: boolean
  /** Vitest's `retry` of each scenario test: a failing scenario runs again up to this many times. @default 0 */
  retry?: number
  /** Each scenario's `world.parameters` (a JSON object; every world gets its own copy). @default {} */
  worldParameters?: Record<string, unknown>
  /**
   * Vitest's `isolate` for the generate project. By default a worker runs many feature files (and
   * manifests) without re-importing the step files for each, as cucumber-js runs every feature in one
   * process: step files' module state is then shared by the features of a worker (each scenario still
   * gets a fresh world). `true` gives every file a fresh module graph, some 10x slower on many features.
   * @default false
   */
  isolate?: boolean
  /**
   * Vitest's `pool` for the generate project. Worker threads by default: a feature file's module and its
   * results cross a thread boundary instead of a process pipe, which measured ~15% of a run of 200
   * features. `'forks'` runs step code in child processes, for steps that need a process of their own
   * (`process.chdir`, native addons that are not thread-safe).
   * @default 'threads'
   */
  pool?: 'threads' | 'forks'
}

/** The property project (SPEC 7): files calling `describeSpecProperties` from `vitest-spec-ci/property`. */
export interface PropertyOptions {
  /** Globs of property test files, relative to the project root. @default ['**\/*.property.ts'] */
  include?: string[]
  /** Globs never treated as property files. */
  exclude?: string[]
  /** Vitest project name. @default 'property' */
  name?: string
  /**
   * Time limit of each property test (all its runs and the shrinking): milliseconds, or a duration such
   * as `'2m'`. It is the project's Vitest `testTimeout`. (Formerly `testTimeout`, now refused.)
   * @default 120000
   */
  timeout?: Timeout
}
