import fc from 'fast-check'
import { argumentArbitrary } from './argument-arbitraries.ts'
import { OperationCall } from './operation-call.ts'
import type { SpecOperations } from './types.ts'

/** One arbitrary call of any declared operation, its arguments from the declaration (or the kinds' defaults). */
export function operationCallArbitrary(specName: string, ops: SpecOperations<unknown, unknown>): fc.Arbitrary<OperationCall> {
  const names = Object.keys(ops.operations)
  if (names.length === 0) throw new TypeError(`spec "${specName}": \`operations\` declares no operation`)
  return fc.oneof(
    ...names.map((name) => {
      const args = ops.operations[name]!.args.map((a, i) => argumentArbitrary(a, `spec "${specName}", operation "${name}", argument ${i + 1}`))
      return fc.tuple(...args).map((values) => new OperationCall(name, values))
    }),
  )
}
