import { ednEquals, printEdn } from '../jepsen/edn.ts'
import type { EdnValue } from '../jepsen/edn.ts'
import type { JepsenInput, JepsenOutput } from '../jepsen/jepsen-history.ts'
import { partitionByKey } from '../partition.ts'
import type { HistoryModel, StepResult } from '../types.ts'
import { ednHash } from './edn-state.ts'

const F = ['read', 'write', 'cas'] as const

function keyPart(input: JepsenInput): string {
  return input.key === undefined ? '' : JSON.stringify(input.key)
}

/** A register model with Jepsen's operations, and which `:fail` completions it keeps. */
export interface RegisterModel extends HistoryModel<EdnValue, JepsenInput, JepsenOutput> {
  /** `cas` only: a failed `cas` is a compare that failed, an observation of the value. */
  keepFailed(f: string): boolean
}

/**
 * The Jepsen etcd register, one per key (a history is split by `key`): `read` returns the value (`nil`
 * while the key was never written), `write` sets it, `cas` with value `[from to]` sets `to` when the
 * value is `from`. A `cas` completed `:ok` requires the value to be `from`; one completed `:fail` is a
 * compare that failed, requiring it not to be (as Porcupine's etcd model treats it). Of unknown
 * outcome, a `cas` takes effect when the value is `from`. Values compare as EDN values (`3` = `3N`).
 */
export const register: RegisterModel = {
  name: 'register',
  init: () => null,
  step(state: EdnValue, input: JepsenInput, output: JepsenOutput | undefined): StepResult<EdnValue> {
    switch (input.f) {
      case 'read':
        return { ok: output === undefined || ednEquals(state, output.value), state }
      case 'write':
        return { ok: true, state: input.value }
      default: {
        const [from, to] = input.value as readonly EdnValue[]
        const matches = ednEquals(state, from!)
        if (output === undefined) return { ok: true, state: matches ? to! : state }
        return output.type === 'ok' ? { ok: matches, state: matches ? to! : state } : { ok: !matches, state }
      }
    }
  },
  equals: ednEquals,
  hash: ednHash,
  partition: partitionByKey,
  keepFailed: (f) => f === 'cas',
  validate(input, output) {
    if (!(F as readonly string[]).includes(input.f)) return `register has no operation :${input.f} (it has :read, :write, :cas)`
    if (input.f === 'cas' && !(Array.isArray(input.value) && input.value.length === 2)) return `a :cas value must be [from to], got ${printEdn(input.value)}`
    if (output?.type === 'fail' && input.f !== 'cas') return `a failed :${input.f} did not take effect and cannot be checked`
    return undefined
  },
  describeOperation(input, output, unknown) {
    const key = keyPart(input)
    const result = unknown || output === undefined ? '?' : undefined
    switch (input.f) {
      case 'read':
        return `read(${key}) -> ${result ?? printEdn(output!.value)}`
      case 'write':
        return `write(${key ? `${key}, ` : ''}${printEdn(input.value)})${unknown ? ' -> ?' : ''}`
      default: {
        const [from, to] = Array.isArray(input.value) ? (input.value as readonly EdnValue[]) : [input.value, null]
        return `cas(${key ? `${key}, ` : ''}${printEdn(from ?? null)}, ${printEdn(to ?? null)}) -> ${result ?? output!.type}`
      }
    }
  },
  describeState: printEdn,
}
