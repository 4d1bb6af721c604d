import { MAX_HISTORY_OPERATIONS, type PropertyHistoryMeta } from '../test-meta.ts'
import type { FailingHistory } from './failing-history.ts'
import { show } from './operation-call.ts'

const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 199)}…` : text)

/** The failing history as the test meta holds it: bounded, every value in words. */
export function historyMeta(history: FailingHistory): PropertyHistoryMeta {
  const ordered = [...history.operations].sort((a, b) => a.invoke - b.invoke)
  return {
    clients: history.clients,
    operations: ordered.slice(0, MAX_HISTORY_OPERATIONS).map((e) => ({
      client: e.client,
      call: clip(`${e.operation}(${e.args.map(show).join(', ')})`),
      result: e.threw !== undefined ? clip(`threw ${e.threw}`) : e.complete === null ? null : clip(show(e.result)),
      invoke: e.invoke,
      complete: e.complete,
    })),
    omitted: Math.max(0, ordered.length - MAX_HISTORY_OPERATIONS),
  }
}
