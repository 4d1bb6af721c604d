import fc from 'fast-check'
import type { ArgumentDeclaration, ArgumentKind } from './types.ts'

/**
 * Generators of the argument kinds, derived from the operation schema: few keys and small values, so
 * operations often meet on a key and a value, and failures shrink towards `"a"` and 0.
 */
const KINDS: Record<ArgumentKind, () => fc.Arbitrary<unknown>> = {
  key: () => fc.constantFrom('a', 'b'),
  int: () => fc.nat(2),
  string: () => fc.constantFrom('x', 'y', 'z'),
  amount: () => fc.integer({ min: 1, max: 10 }),
  boolean: () => fc.boolean(),
}

export function argumentArbitrary(declaration: ArgumentDeclaration, where: string): fc.Arbitrary<unknown> {
  if (typeof declaration === 'function') return declaration(fc)
  if (!Object.hasOwn(KINDS, declaration))
    throw new TypeError(`${where}: argument kind ${JSON.stringify(declaration)} is unknown; expected one of ${Object.keys(KINDS).join(', ')} or a builder (fc) => fc.…`)
  return KINDS[declaration]()
}
