import type { RuleSeverity } from '../src/spec/types.ts'

/** Settings that can differ per group of traces. */
export interface TraceGroupSettings {
  /**
   * The spec the traces are checked against: a built-in name (`kvonce`, `inventory`) or the path,
   * relative to the project root, of a module whose default export is a `defineSpec(...)` model.
   * @default 'kvonce'
   */
  spec?: string
  /** Options of the spec, e.g. `{ maxRetries: 5 }` for kvonce or `{ minOnHand: 2 }` for inventory. */
  specOptions?: Record<string, unknown>
  /** Per-rule severity: `error` (default) fails the rule's test, `warn` annotates it, `off` skips it. */
  rules?: Record<string, RuleSeverity>
}

/** A group of traces with its own settings; the first group whose `include` matches a file wins. */
export interface TraceGroup extends TraceGroupSettings {
  include: string | string[]
}

export interface ConformanceOptions extends TraceGroupSettings {
  /** Globs of trace files (relative to the project root), each one a test file; or groups with their own settings. */
  traces: Array<string | TraceGroup>
  /** Globs never treated as traces. `*.expect.yml` sidecars are always excluded. */
  exclude?: string[]
  /** Vitest project name. @default 'conformance' */
  name?: string
  /** Violations kept per rule and trace; the rest are counted. @default 1000 */
  maxStoredViolations?: number
  /** A trace line longer than this is reported and skipped. @default 16777216 (16 MiB) */
  maxLineBytes?: number
}

export interface SpecCiOptions {
  /** The conformance project: traces checked against spec models. */
  conformance?: ConformanceOptions
}
