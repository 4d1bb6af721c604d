import { kv as kvModel } from '../../linearizability/models/kv.ts'
import type { HistoryModel } from '../../linearizability/types.ts'
import type { JepsenInput, JepsenOutput } from '../../linearizability/jepsen/jepsen-history.ts'
import { defineOperationSpec, type OperationSpecOptions } from '../operations/operation-spec.ts'
import { show } from '../operations/operation-event.ts'
import { kvOperations } from './operations.ts'

export type KvOptions = OperationSpecOptions

/**
 * A key-value store of strings, as Porcupine's kv model: `get` (its `value` is what it read: a string, or
 * null / "" for a key never written), `put` sets the value, `append` adds to its end. A failed operation did
 * not take effect and is left out. Checked for linearizability at the end of the trace.
 */
export const kv = defineOperationSpec(
  'kv',
  {
    model: kvModel as HistoryModel<unknown, JepsenInput, JepsenOutput>,
    types: ['get', 'put', 'append'],
    reads: new Set(['get']),
    keepsFailed: () => false,
    checkValue: (type, value) =>
      type === 'get' ? (value === null || typeof value === 'string' ? undefined : `a get's "value" is what it read: a string or null, got ${show(value)}`) : typeof value === 'string' ? undefined : `a ${type} needs "value" as a string, got ${show(value)}`,
  },
  'Some order of the operations consistent with real time (an operation that returned before another was invoked comes before it) is a legal sequential history of a key-value store, per key: each get returns the concatenation of the last put and the appends after it ("" or null before any).',
  kvOperations,
)

export type { KvImplementation } from './operations.ts'
