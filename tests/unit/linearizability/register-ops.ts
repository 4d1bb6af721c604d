// Small register histories written by hand: one operation per call, times as given.
import type { EdnValue } from '../../../src/linearizability/jepsen/edn.ts'
import type { JepsenOperation } from '../../../src/linearizability/jepsen/jepsen-history.ts'
import type { HistoryTime } from '../../../src/linearizability/types.ts'

let nextLine = 1

interface Extra {
  key?: string
  unknown?: boolean
}

function op(id: string, call: HistoryTime, ret: HistoryTime | undefined, f: string, value: EdnValue, output: EdnValue, extra: Extra = {}, type: 'ok' | 'fail' = 'ok'): JepsenOperation {
  const line = nextLine++
  return {
    id,
    call,
    ...(ret === undefined ? {} : { return: ret }),
    input: { f, value, ...(extra.key === undefined ? {} : { key: extra.key }) },
    ...(extra.unknown ? { unknown: true } : { output: { type, value: output } }),
    line,
    ...(extra.key === undefined ? {} : { key: extra.key }),
  }
}

export const write = (id: string, call: HistoryTime, ret: HistoryTime | undefined, value: EdnValue, extra?: Extra) => op(id, call, ret, 'write', value, value, extra)
export const read = (id: string, call: HistoryTime, ret: HistoryTime | undefined, value: EdnValue, extra?: Extra) => op(id, call, ret, 'read', null, value, extra)
export const cas = (id: string, call: HistoryTime, ret: HistoryTime | undefined, from: EdnValue, to: EdnValue, ok: boolean, extra?: Extra) =>
  op(id, call, ret, 'cas', [from, to], [from, to], extra, ok ? 'ok' : 'fail')
