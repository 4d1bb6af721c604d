import type { JepsenInput, JepsenOutput } from '../../linearizability/jepsen/jepsen-history.ts'
import type { HistoryOperation, LinearizabilityViolation, OperationId } from '../../linearizability/types.ts'
import type { ConcurrencyDetail, ConcurrentEventRef } from '../../spec-model/types.ts'

type Op = HistoryOperation<JepsenInput, JepsenOutput>

/** Operations of the longest order listed (its end): a history may hold millions, the report must not. */
export const LONGEST_ORDER_SHOWN = 20
/** Operations listed in `events` at most: the blocked one, those tried, the end of the longest order, then those overlapping the blocked one. */
export const RACE_EVENTS_SHOWN = 200

const UNBOUNDED = Number.POSITIVE_INFINITY

function overlaps(a: Op, b: Op): boolean {
  const aEnd = a.return ?? UNBOUNDED
  const bEnd = b.return ?? UNBOUNDED
  return a.call <= bEnd && b.call <= aEnd
}

/**
 * The structured detail of a key that has no linearization, as the engine gives for a window of
 * overlapping events: each operation with its interval and actor, so a report can draw the race.
 */
export function raceDetail(
  violation: LinearizabilityViolation,
  ops: readonly Op[],
  byId: ReadonlyMap<OperationId, Op>,
  actors: ReadonlyMap<number, string | number>,
  clock: 'time' | 'line-order',
): ConcurrencyDetail {
  const ref = (id: OperationId): ConcurrentEventRef | undefined => {
    const op = byId.get(id)
    if (op === undefined) return undefined
    const r: ConcurrentEventRef = { line: op.line, type: op.input.f, start: String(op.call) }
    if (op.column !== undefined) r.column = op.column
    if (op.unknown === true) r.unknown = true
    if (op.return !== undefined && op.unknown !== true) r.end = String(op.return)
    const actor = actors.get(op.id as number)
    if (actor !== undefined) r.actor = String(actor)
    return r
  }
  const listed = new Set<OperationId>([violation.operation.id, ...violation.candidates.map((c) => c.id), ...violation.longestPrefix.slice(-LONGEST_ORDER_SHOWN)])
  const blocked = byId.get(violation.operation.id)
  if (blocked !== undefined)
    for (const op of ops) {
      if (listed.size >= RACE_EVENTS_SHOWN) break
      if (op.key === blocked.key && overlaps(op, blocked)) listed.add(op.id)
    }
  const events = [...listed]
    .map((id) => byId.get(id))
    .filter((op): op is Op => op !== undefined)
    .sort((a, b) => (a.call < b.call ? -1 : a.call > b.call ? 1 : a.line - b.line))
    .map((op) => ref(op.id)!)
  const longest = violation.longestPrefix.slice(-LONGEST_ORDER_SHOWN)
  const detail: ConcurrencyDetail = {
    verdict: 'violation',
    clock: clock === 'time' ? 'time' : 'line',
    events,
    candidates: violation.candidates.flatMap((c) => {
      const r = ref(c.id)
      return r === undefined ? [] : [{ ...r, outcome: c.outcome }]
    }),
    longestOrder: longest.map(ref).filter((r): r is ConcurrentEventRef => r !== undefined),
  }
  if (longest.length < violation.longestPrefix.length) detail.longestOrderLength = violation.longestPrefix.length
  return detail
}
