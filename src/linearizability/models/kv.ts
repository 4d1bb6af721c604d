import { printEdn } from '../jepsen/edn.ts'
import type { JepsenInput, JepsenOutput } from '../jepsen/jepsen-history.ts'
import { partitionByKey } from '../partition.ts'
import { hashString } from '../state-identity.ts'
import type { HistoryModel, StepResult } from '../types.ts'

const F = ['get', 'put', 'append'] as const

/** The value of one key: `null` while it was never written. */
export type KvState = string | null

/**
 * A key-value store of strings, one register per key (a history is split by `key`), as Porcupine's kv
 * test model: `get` returns the value, `put` sets it, `append` adds to its end. A key never written
 * reads as `""` (Porcupine's convention) or as `nil`. Every `:fail` is left out (it did not take effect).
 */
export const kv: HistoryModel<KvState, JepsenInput, JepsenOutput> = {
  name: 'kv',
  init: () => null,
  step(state: KvState, input: JepsenInput, output: JepsenOutput | undefined): StepResult<KvState> {
    switch (input.f) {
      case 'get': {
        if (output === undefined) return { ok: true, state }
        const read = output.value
        return { ok: read === null ? state === null : read === (state ?? ''), state }
      }
      case 'put':
        return { ok: true, state: input.value as string }
      default:
        return { ok: true, state: (state ?? '') + (input.value as string) }
    }
  },
  equals: (a, b) => a === b,
  hash: (state) => (state === null ? 0x2545f491 : hashString(state)),
  partition: partitionByKey,
  validate(input, output) {
    if (!(F as readonly string[]).includes(input.f)) return `kv has no operation :${input.f} (it has :get, :put, :append)`
    if (input.f !== 'get' && typeof input.value !== 'string') return `a :${input.f} value must be a string, got ${printEdn(input.value)}`
    if (input.f === 'get' && output !== undefined && output.value !== null && typeof output.value !== 'string') return `a :get must return a string or nil, got ${printEdn(output.value)}`
    if (output?.type === 'fail') return `a failed :${input.f} did not take effect and cannot be checked`
    return undefined
  },
  describeOperation(input, output, unknown) {
    const key = input.key === undefined ? '' : JSON.stringify(input.key)
    switch (input.f) {
      case 'get':
        return `get(${key}) -> ${unknown || output === undefined ? '?' : printEdn(output.value)}`
      default:
        return `${input.f}(${key}, ${printEdn(input.value)})${unknown ? ' -> ?' : ''}`
    }
  },
  describeState: (state) => (state === null ? 'nil' : JSON.stringify(state)),
}
