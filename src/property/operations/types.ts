import type fc from 'fast-check'

/** The fast-check module, handed to argument builders so that a spec module need not import it. */
export type FastCheck = typeof fc

/**
 * An argument of an operation: a kind whose generator is derived from the operation schema (`key`: one
 * of a few keys, so operations meet on a key; `int`: a small integer; `string`: a short string; `amount`:
 * a positive integer), or a builder of any fast-check arbitrary.
 */
export type ArgumentKind = 'key' | 'int' | 'string' | 'amount' | 'boolean'
export type ArgumentDeclaration = ArgumentKind | ((fc: FastCheck) => fc.Arbitrary<unknown>)

/** What the model says of one result: whether it allows it in the state, and the state after it. */
export interface StepVerdict<State> {
  readonly ok: boolean
  readonly state: State
  /** When not ok: what the model allowed instead, in words (e.g. `"duplicate": key "a" already holds "v0"`). */
  readonly expected?: string
}

/**
 * One operation of a spec: its arguments, how the implementation is called, and which results the model
 * allows. Give `step` (state × arguments × result → allowed?, next state: for operations whose result
 * the model does not fix, e.g. a write that may fail) or `result` (the one result the model gives).
 */
export interface OperationDeclaration<State, Impl> {
  /** One entry per argument, in call order. */
  readonly args: readonly ArgumentDeclaration[]
  /** Calls the implementation. @default `impl[name](...args)` */
  call?(impl: Impl, ...args: any[]): unknown
  step?(state: State, args: readonly any[], result: any): StepVerdict<State>
  result?(state: State, args: readonly any[]): { result: unknown; state: State }
}

/** One operation as a run observed it. */
export interface ObservedStep {
  readonly operation: string
  readonly args: readonly unknown[]
  readonly result: unknown
}

/** Returns a message when the steps so far break the invariant (the last step is the new one). */
export type StepInvariant = (steps: readonly ObservedStep[]) => string | undefined

/**
 * The operations of a spec and the sequential model that decides their results: what
 * `describeSpecProperties` generates sequential and concurrent properties from. States must not be
 * mutated (the linearizability search goes back to old states) and are compared as canonical JSON:
 * plain objects, arrays and primitives.
 */
export interface SpecOperations<State, Impl> {
  /** The model's state before any operation. */
  init(): State
  readonly operations: Readonly<Record<string, OperationDeclaration<State, Impl>>>
  /**
   * The key an operation is on. Operations on different keys must be independent in the model: the
   * concurrent history is then decided key by key (P-compositionality), which keeps the search small.
   */
  key?(operation: string, args: readonly any[]): string | undefined
  /** The implementation reports the spec's events through `emit`: every run's events are checked by the spec's rules too. */
  readonly emitsEvents?: boolean
  /**
   * An operation as a line of the spec's trace schema (docs/operation-specs.md), without times or actor:
   * a failing history is then written as a trace the conformance project replays.
   */
  traceEvent?(operation: string, args: readonly any[], result: any): Record<string, unknown>
  /** Named invariants over the results observed in one run, each its own property (`invariant: <name>`). Each call starts a fresh run. */
  readonly invariants?: Readonly<Record<string, () => StepInvariant>>
  /** A state for people. @default JSON */
  describeState?(state: State): string
}

/** Declares a spec's operations, typed by its model state and implementation. */
export function defineOperations<State, Impl>(operations: SpecOperations<State, Impl>): SpecOperations<State, Impl> {
  return operations
}
