import type { SpanRef } from '../trace/span-location.ts'
import type { TraceRecord } from '../trace/types.ts'
import type { SpecOperations } from '../property/operations/types.ts'

/** How a rule's violations count. `off` rules are not checked. */
export type RuleSeverity = 'error' | 'warn' | 'off'

export interface Violation {
  /** Rule id, e.g. `multiple-success`. */
  rule: string
  /** Physical 1-based line in the trace file. */
  line: number
  /** 1-based column of the span's object in its line (OTLP JSON only; never set for NDJSON). */
  column?: number
  /** The span of an OTLP event or finding: name, ids, start time (never set for NDJSON). */
  span?: SpanRef
  /** The key of the event, when the event had one. */
  key?: string
  /**
   * The partition of the event when the trace was read with `partitionBy` (its keys are checked apart
   * from other partitions' keys), e.g. `service.instance.id=a`. Also named at the end of `message`.
   */
  partition?: string
  /** What went wrong, in words a person understands, with the values involved. */
  message: string
  /**
   * Set when the violation comes from concurrent events of the key (overlapping in time) that no order
   * consistent with real time lets the spec accept, or whose order the search could not decide.
   */
  concurrency?: ConcurrencyDetail
}

/** An event of a concurrent window, as violations name it. */
export interface ConcurrentEventRef {
  line: number
  /** 1-based column of the span's object (OTLP JSON only). */
  column?: number
  /** The event's `type`. */
  type: string
  /** The event's outcome is unknown (it may have taken effect at any time after its start, or never). */
  unknown?: boolean
  /** When it started, on the detail's `clock`, as a decimal string (exact: nanoseconds exceed doubles). */
  start?: string
  /** When it ended, likewise; absent when the outcome is unknown. */
  end?: string
  /** Who performed it (the spec's `actorOf`: KvOnce's `actor` or trace id; a Jepsen `:process`), for a timeline. */
  actor?: string
}

/** How a window of overlapping events of one key was decided, for a violation found there. */
export interface ConcurrencyDetail {
  /** `violation`: no order fits. `undecided`: the search reached its bound (`bound`) first. */
  verdict: 'violation' | 'undecided'
  /** The events of the window (chained overlap in time), in start order. */
  events: ConcurrentEventRef[]
  /** The events that could have come next where the search got furthest, each tried (violation only). */
  candidates?: (ConcurrentEventRef & { outcome: 'rejected' | 'dead-end' })[]
  /** The longest order of the window's events that the spec accepted, oldest first (violation only). */
  longestOrder?: ConcurrentEventRef[]
  /** The bound in force (undecided only). */
  bound?: { maxSearchSteps: number; maxWindowEvents: number }
  /**
   * What `start` and `end` count: `time`, the trace's own times in nanoseconds (Unix nanoseconds for
   * ISO 8601 and OTLP times, a Jepsen `:time`, or the numbers an NDJSON history gives); or `line` for a
   * history without times, where file order is real time (an operation then spans from its
   * invocation's line to its completion's).
   */
  clock?: 'time' | 'line'
  /** The length of the longest order when `longestOrder` lists only its end (long histories). */
  longestOrderLength?: number
}

export interface RuleDefinition {
  /** One sentence: what the rule demands. Shown in docs and failure messages. */
  description: string
}

/** The surface the conformance engine drives. Built by {@link defineSpec}. */
export interface SpecModel<Options extends object = object, Impl = any> {
  readonly name: string
  /** Attribute prefix that marks an OTLP span as an event of this spec. */
  readonly otlpDomain: string
  /** Rule ids in catalogue order, with descriptions. Tests are declared from this list. */
  readonly rules: Readonly<Record<string, RuleDefinition>>
  readonly defaultOptions: Readonly<Options>
  /** Validates and fills options; throws a {@link SpecOptionsError} naming the bad option. */
  resolveOptions(options: Partial<Options> | undefined): Options
  /** A fresh checker holding the per-key state of one trace. */
  createChecker(options: Options, limits?: CheckerLimits): SpecChecker
  /**
   * The spec's operations and the model of their results, when it declares them: `describeSpecProperties`
   * generates its sequential and concurrent properties from them, for an implementation of type `Impl`.
   */
  readonly operations?: SpecOperations<any, Impl>
}

/** What the engine keeps of a trace's violations, so that a checker need not hold more. */
export interface CheckerLimits {
  /** Violations the engine stores per rule (the first by line); the rest are only counted. @default 1000 */
  maxStoredViolations?: number
  /**
   * Severity per rule, as the engine reports them: an order of concurrent events is accepted when it
   * breaks no `error` rule (`warn` and `off` rules do not constrain the order). @default every rule `error`
   */
  severities?: Readonly<Record<string, RuleSeverity>>
  /** Bounds of the search over concurrent events (see {@link ConcurrencyLimits}). */
  concurrency?: ConcurrencyLimits
  /**
   * What to do at an event with a time that starts before an event already decided ended (the input is
   * not in start order): `throw` a TraceOrderError (the caller can read the trace again, sorted), or
   * `report` it once as an event-schema finding and go on in input order. @default 'report'
   */
  outOfOrder?: 'throw' | 'report'
}

/** How far the engine searches for an order of overlapping events of one key. */
export interface ConcurrencyLimits {
  /**
   * Calls of the spec's `apply` the order search of one window (a key's events chained by overlap) may
   * make; past it the window is `undecided`, which fails the rules involved. @default 100000
   */
  maxSearchSteps?: number
  /** Events one window may hold; a longer one is `undecided` (bounds memory per key). @default 1000 */
  maxWindowEvents?: number
  /**
   * Distinct states a key may be in at once after a window whose orders end in different states; more
   * are dropped (the verdict may then be a violation that a dropped state would have avoided, never a
   * pass). @default 8
   */
  maxStates?: number
}

/** Receives violations a checker counts without describing them, because the engine would not store them. */
export type CountUnlisted = (rule: string, count: number) => void

export interface SpecChecker {
  /**
   * Feeds one record; reports violations through `report`. Called once per record, in trace order:
   * NDJSON and Jepsen records in file order; OTLP events in start order across the whole trace (ties in
   * document order), whether the file was sorted whole or streamed (OTLP JSON Lines), so a checker may
   * rely on it across keys too (the engine closes a key's window when any later event starts after its
   * end). Invalid records come at their line, possibly before events of earlier lines.
   * Violations that come, by line, after at least `maxStoredViolations` reported ones of the same rule
   * may be passed to `countUnlisted` as a bare number instead; without it they are not counted.
   */
  check(record: TraceRecord, report: (violation: Violation) => void, countUnlisted?: CountUnlisted): void
  /**
   * Optional, a speed-up only: called with each run of records just before they are passed to `check`,
   * to warm what `check` will look up for them. It must not change the checker's state or report
   * anything; what it returns is ignored.
   */
  prefetch?(batch: readonly TraceRecord[], from: number, to: number): number
  /** Called after the last record: end-of-trace rules (e.g. no events at all). */
  finish(report: (violation: Violation) => void): void
  /** Number of well-formed events applied so far. */
  readonly events: number
  /** Per-key counts and stats, sized by distinct keys (never by events). Called once, after `finish`. */
  projection(): Projection
}

/**
 * What a checker learned of the trace as a whole (its projection report, `<name>-projection.json`):
 * summary fields, then `perKey`. The per-key part is read an entry at a time, never built as one object:
 * a trace may have hundreds of thousands of keys, and its report is written straight from the checker's
 * own tables (src/conformance/projection-report.ts). `projectionRecord` builds the plain object.
 */
export interface Projection {
  /** The report's fields before `perKey`, in report order. Small: sized by rules and event types, not keys. */
  readonly fields: Readonly<Record<string, unknown>>
  readonly perKey: PerKeyFigures
}

/**
 * One entry per key, in first-seen order: the entry's counts (one per column, a zero left out), then its
 * further figures. As an object: `{ [columns[c]]: count(i, c) for non-zero counts, ...extra(i) }`.
 */
export interface PerKeyFigures {
  readonly size: number
  /** Entry `index`'s name in `perKey`: the key (with partitions, `key (partition)`). */
  key(index: number): string
  /** Names of the counted columns (a defineSpec spec counts events by type, in first-seen order). */
  readonly columns: readonly string[]
  count(index: number, column: number): number
  /** Entry `index`'s figures after its counts (a spec's `project`), or undefined. Fields named as a column replace its count. */
  extra(index: number): Readonly<Record<string, unknown>> | undefined
}
