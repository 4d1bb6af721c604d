import type { HistoryOperation } from './types.ts'

/**
 * Splits a history by each operation's `key` (operations without one form a part of their own), in the
 * order keys first appear. For models whose state is per key: a history is linearizable iff each key's
 * part is (P-compositionality).
 */
export function partitionByKey<Input, Output>(operations: readonly HistoryOperation<Input, Output>[]): HistoryOperation<Input, Output>[][] {
  const parts = new Map<string | undefined, HistoryOperation<Input, Output>[]>()
  for (const op of operations) {
    const part = parts.get(op.key)
    if (part) part.push(op)
    else parts.set(op.key, [op])
  }
  return [...parts.values()]
}
