/**
 * A point in real time: Unix nanoseconds (or any other clock, as long as one history uses one), as a
 * number or, past 2^53, a bigint. Numbers and bigints may be mixed: they are compared by value.
 */
export type HistoryTime = number | bigint

/** Identifies an operation in results: a trace line, a span id, an index, whatever the caller uses. */
export type OperationId = string | number

/**
 * One operation of a concurrent history: called at `call`, returned at `return`. Operation a precedes b
 * iff `a.return < b.call`; otherwise (equal times included) they are concurrent and may be ordered
 * either way.
 */
export interface HistoryOperation<Input = unknown, Output = unknown> {
  readonly id: OperationId
  readonly call: HistoryTime
  /**
   * When the operation returned. Absent (or `Infinity`) for an operation of unknown outcome that never
   * returned: it may then take effect at any time after `call`.
   */
  readonly return?: HistoryTime
  readonly input: Input
  /** What the operation returned; absent when the outcome is unknown. */
  readonly output?: Output
  /**
   * The outcome is unknown (a client timed out; Jepsen's `:info`): the operation may have taken effect
   * at any time between `call` and `return` (or any time after `call` without `return`), or never. The
   * model's `step` then receives `undefined` as the output.
   */
  readonly unknown?: boolean
  /** Physical 1-based line of the operation in its file (for Jepsen histories: the completion's line). */
  readonly line: number
  /** 1-based column, when the format has one (an OTLP span's object in its line). */
  readonly column?: number
  /** Line where the operation was invoked, when that differs from `line` (Jepsen's `:invoke`). */
  readonly callLine?: number
  /** The key the operation is on, for models whose state is per key (see {@link partitionByKey}). */
  readonly key?: string
}

/** What a model's `step` says: whether the operation is allowed in `state`, and the state after it. */
export interface StepResult<State> {
  readonly ok: boolean
  readonly state: State
}

/**
 * A sequential specification, checked against concurrent histories (Porcupine's `Model`).
 *
 * What a model must satisfy:
 * - `step` is a pure function: it never mutates the state it is given (nor input or output), and
 *   returns a new state (or the same one, unchanged). The search keeps old states and goes back to them.
 * - States are compared with `equals`/`hash` when given (equal states must have equal hashes), else by a
 *   structural default: primitives by value (`Object.is`, numbers and bigints by value), anything else
 *   by its canonical JSON (`json-stable-stringify`: object keys sorted; a `Map`, `Set`, class instance
 *   or function is not seen through, so such states need `equals` and `hash`).
 * - `step` receives `output === undefined` for an operation of unknown outcome: it returns `ok: true`
 *   when the operation could have happened in `state` with some output, and the state it leads to.
 */
export interface HistoryModel<State = unknown, Input = unknown, Output = unknown> {
  /** Shown in messages. */
  readonly name: string
  init(): State
  step(state: State, input: Input, output: Output | undefined): StepResult<State>
  /** Equality of states; with it, give `hash` too. @default structural (see above) */
  equals?(a: State, b: State): boolean
  /** A 32-bit integer; equal states must have equal hashes. @default structural (see above) */
  hash?(state: State): number
  /**
   * Splits a history into parts that are linearizable independently (P-compositionality): per key for a
   * key-value store. Without it, the whole history is one part.
   */
  partition?(operations: readonly HistoryOperation<Input, Output>[]): HistoryOperation<Input, Output>[][]
  /**
   * Why an operation cannot be checked at all (a `cas` without `[from to]`), or `undefined` when it is
   * fine. Invalid operations are reported and left out of the search.
   */
  validate?(input: Input, output: Output | undefined, unknown: boolean): string | undefined
  /** An operation for people, e.g. `cas(1, 2) -> fail`. `unknown` when the outcome is unknown. */
  describeOperation?(input: Input, output: Output | undefined, unknown: boolean): string
  /** A state for people, e.g. `3` or `nil`. */
  describeState?(state: State): string
}

/** How far one check may search before it gives up with `undecided`. */
export interface SearchBound {
  /**
   * Calls of the model's `step`, summed over all partitions of one history. Past it, every partition not
   * decided yet is `undecided`.
   * @default 10_000_000
   */
  maxSteps?: number
  /** Wall-clock time for the whole check, in milliseconds. @default no limit (only `maxSteps` applies) */
  timeoutMs?: number
}

export interface CheckHistoryOptions extends SearchBound {
  /**
   * Partitions are searched in turns, with a step budget that doubles each round, so that one hard
   * partition cannot hold up the others. `'stop'`: once a round has found a violation, the partitions
   * still undecided stay `undecided` (reason `stopped`) and the check ends: the first partitions that
   * cannot be ordered decide, and a hard one does not exhaust time or memory (Porcupine's kv `c50-bad`).
   * `'continue'`: every partition is searched until decided or the bound.
   * @default 'stop'
   */
  onViolation?: 'stop' | 'continue'
  /** Step budget of each partition in the first round. @default 1024 */
  initialBudget?: number
  /** Keep the full linearization found for each `ok` partition (its length is the partition's). @default false */
  keepLinearization?: boolean
}

export type Verdict = 'ok' | 'violation' | 'undecided'

/** An operation as results name it: its id, location and description. */
export interface OperationRef {
  readonly id: OperationId
  readonly line: number
  readonly column?: number
  readonly callLine?: number
  readonly key?: string
  /** The model's `describeOperation`, else a JSON rendering of input and output. */
  readonly description: string
  readonly unknown?: boolean
}

/** A concurrent operation that was tried where the search got furthest. */
export interface CandidateRef extends OperationRef {
  /**
   * `rejected`: the model does not allow it after the longest prefix. `dead-end`: the model allows it
   * there, but the operations left could not all be ordered after it.
   */
  readonly outcome: 'rejected' | 'dead-end'
}

/** Why a partition has no linearization: where the search got furthest, and what was tried there. */
export interface LinearizabilityViolation<State = unknown> {
  /**
   * The operation that cannot be placed: at the furthest point the search reached, this operation had
   * returned, and neither it nor any operation concurrent with it could be ordered next.
   */
  readonly operation: OperationRef
  /** The operations that could have come next at that point (the blocked one among them), each tried. */
  readonly candidates: readonly CandidateRef[]
  /** The longest order of operations that fit, oldest first (ids), ending where the search got stuck. */
  readonly longestPrefix: readonly OperationId[]
  /** Operations of unknown outcome that this prefix leaves out (they took effect never, or later). */
  readonly omitted: readonly OperationId[]
  /** The model state after `longestPrefix`, for people (`describeState`, else JSON). */
  readonly state: string
  /**
   * The model state itself, e.g. to replay the blocked operation through a checker that names the rule
   * it breaks. Not for reports: it may be large, and need not be JSON.
   */
  readonly modelState: State
}

export interface PartitionResult<State = unknown> {
  readonly verdict: Verdict
  /** 0-based index among the partitions, in the order the model's `partition` returned them. */
  readonly index: number
  /** The key shared by all operations of the partition, when they share one. */
  readonly key?: string
  readonly operations: number
  /** Calls of the model's `step` spent on this partition. */
  readonly steps: number
  /** Set for `violation`. */
  readonly violation?: LinearizabilityViolation<State>
  /** Set for `undecided`: the bound was reached, or the check stopped at another partition's violation. */
  readonly undecided?: { readonly reason: 'max-steps' | 'timeout' | 'stopped' }
  /** Set for `ok` with `keepLinearization`: a linearization (ids, in order; omitted unknowns left out). */
  readonly linearization?: readonly OperationId[]
}

export interface InvalidOperation {
  readonly operation: OperationRef
  readonly message: string
}

export interface HistoryCheckResult<State = unknown> {
  /** `violation` if any partition has one, else `undecided` if any is undecided, else `ok`. */
  readonly verdict: Verdict
  readonly partitions: readonly PartitionResult<State>[]
  /** Operations the model's `validate` refused; they are left out of the search. */
  readonly invalid: readonly InvalidOperation[]
  readonly steps: number
  /** The bound in force, with defaults filled. */
  readonly bound: Required<Pick<SearchBound, 'maxSteps'>> & Pick<SearchBound, 'timeoutMs'>
}
