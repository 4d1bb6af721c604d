import { register as registerModel } from '../../linearizability/models/register.ts'
import type { HistoryModel } from '../../linearizability/types.ts'
import type { JepsenInput, JepsenOutput } from '../../linearizability/jepsen/jepsen-history.ts'
import { defineOperationSpec, type OperationSpecOptions } from '../operations/operation-spec.ts'
import { show } from '../operations/operation-event.ts'
import { registerOperations } from './operations.ts'

export type RegisterOptions = OperationSpecOptions

/**
 * A register per key, as the Jepsen etcd test checks it: `read` (its `value` is what it read; a key never
 * written reads as null / nil), `write`, `cas` with `value` `[from, to]`. A cas with outcome `fail` is a
 * compare that failed (the value was not `from` when it took effect), as in Porcupine's etcd model; any
 * other failed operation did not take effect and is left out. Checked for linearizability at the end of the trace.
 */
export const register = defineOperationSpec(
  'register',
  {
    model: registerModel as HistoryModel<unknown, JepsenInput, JepsenOutput>,
    types: ['read', 'write', 'cas'],
    reads: new Set(['read']),
    keepsFailed: (type) => type === 'cas',
    checkValue: (type, value) => (type === 'cas' && !(Array.isArray(value) && value.length === 2) ? `a cas needs "value" as [from, to], got ${show(value)}` : undefined),
  },
  'Some order of the operations consistent with real time (an operation that returned before another was invoked comes before it) is a legal sequential history of a register, per key: each read returns the last value written (null before any write), each cas that succeeded found its "from", each that failed did not.',
  registerOperations,
)

export type { RegisterImplementation } from './operations.ts'
