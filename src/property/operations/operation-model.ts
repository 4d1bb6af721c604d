import { partitionByKey } from '../../linearizability/partition.ts'
import { hashString } from '../../linearizability/state-identity.ts'
import type { HistoryModel } from '../../linearizability/types.ts'
import { stateText } from './state-text.ts'
import { OperationCall, judge, show } from './operation-call.ts'
import type { SpecOperations } from './types.ts'

export interface OperationInput {
  readonly operation: string
  readonly args: readonly unknown[]
}

/**
 * The declared operations as a model of the linearizability engine: its `step` is the declaration's, so
 * the concurrent history is decided by the same model that checks each sequential result.
 */
export function operationHistoryModel<State>(name: string, ops: SpecOperations<State, unknown>): HistoryModel<State, OperationInput, unknown> {
  return {
    name,
    init: () => ops.init(),
    step: (state, input, output) => judge(ops, state, { operation: input.operation, args: input.args, result: output }),
    equals: (a, b) => a === b || stateText(a) === stateText(b),
    hash: (state) => hashString(stateText(state)),
    ...(ops.key ? { partition: partitionByKey } : {}),
    describeOperation: (input, output, unknown) => `${new OperationCall(input.operation, input.args).toString()} -> ${unknown ? '?' : show(output)}`,
    describeState: (state) => (ops.describeState ? ops.describeState(state) : show(state)),
  }
}
