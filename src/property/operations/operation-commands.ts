import fc from 'fast-check'
import { argumentArbitrary } from './argument-arbitraries.ts'
import { OperationCall } from './operation-call.ts'
import type { OperationDeclaration, SpecOperations } from './types.ts'

/** One arbitrary call of any declared operation, its arguments from the declaration (or the kinds' defaults), made by `make` (one mapping, not two: it is per command) with the operation's declaration. */
export function operationCallArbitrary<Call extends OperationCall = OperationCall>(
  specName: string,
  ops: SpecOperations<unknown, unknown>,
  make: (operation: string, args: readonly unknown[], declaration: OperationDeclaration<unknown, unknown>) => Call = (operation, args, declaration) => new OperationCall(operation, args, declaration) as Call,
): fc.Arbitrary<Call> {
  const names = Object.keys(ops.operations)
  if (names.length === 0) throw new TypeError(`spec "${specName}": \`operations\` declares no operation`)
  return fc.oneof(
    ...names.map((name) => {
      const declaration = ops.operations[name]!
      const args = declaration.args.map((a, i) => argumentArbitrary(a, `spec "${specName}", operation "${name}", argument ${i + 1}`))
      if (args.length === 0) return fc.constant(null).map(() => make(name, [], declaration))
      if (args.length === 1) return args[0]!.map((value) => make(name, [value], declaration))
      return fc.tuple(...args).map((values) => make(name, values, declaration))
    }),
  )
}
