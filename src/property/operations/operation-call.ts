import { isDeepStrictEqual } from 'node:util'
import type { ObservedStep, OperationDeclaration, SpecOperations, StepVerdict } from './types.ts'

export const show = (value: unknown): string => (value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value)))

/**
 * One generated call of an operation: fast-check prints and shrinks it. It prints through `toString`
 * (fc.stringify calls a class's own toString, so a counterexample reads the same): with an
 * `fc.toStringMethod`, fast-check's command wrapper would make a closure for every generated command.
 */
export class OperationCall {
  constructor(
    readonly operation: string,
    readonly args: readonly unknown[],
    /**
     * The operation's declaration, when the call was generated from it: running the call then needs no
     * lookup by name (two per sequential step were a tenth of what our side adds to a run).
     */
    readonly declaration?: OperationDeclaration<unknown, unknown>,
  ) {}
  toString(): string {
    return `${this.operation}(${this.args.map(show).join(', ')})`
  }
}

export const describeStep = (step: ObservedStep): string => `${new OperationCall(step.operation, step.args).toString()} → ${show(step.result)}`

/**
 * Calls the implementation as the declaration says (by default its method named after the operation).
 * Returns what the call returned, a promise or not: the caller awaits it (wrapping each call in
 * another promise was a tenth of a sequential run).
 */
export function invoke<Impl>(ops: SpecOperations<unknown, Impl>, impl: Impl, call: OperationCall): unknown {
  const declaration = (call.declaration as OperationDeclaration<unknown, Impl> | undefined) ?? ops.operations[call.operation]!
  if (declaration.call) return declaration.call(impl, ...call.args)
  const method = (impl as Record<string, unknown>)[call.operation]
  if (typeof method !== 'function') throw new TypeError(`the implementation has no method "${call.operation}" (an operation of the spec); give the operation a \`call(impl, ...args)\``)
  return (method as (...a: unknown[]) => unknown).apply(impl, call.args as unknown[])
}

/** What the model says of `result` for `call` in `state`; `declaration`: the step's, when the caller has it at hand. */
export function judge<State>(ops: SpecOperations<State, unknown>, state: State, step: ObservedStep, declaration: OperationDeclaration<State, unknown> = ops.operations[step.operation]!): StepVerdict<State> {
  if (declaration.step) return declaration.step(state, step.args, step.result)
  if (!declaration.result) throw new TypeError(`operation "${step.operation}" declares neither \`step\` nor \`result\`; give one`)
  const expected = declaration.result(state, step.args)
  const ok = isDeepStrictEqual(expected.result, step.result)
  return ok ? { ok, state: expected.state } : { ok, state, expected: show(expected.result) }
}
