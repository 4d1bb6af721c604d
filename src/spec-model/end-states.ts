import type { StateIdentity } from '../linearizability/state-identity.ts'

/** One event of a window as the enumeration sees it. */
export interface TimedStep {
  start: bigint
  /** undefined: unknown outcome (may take effect at any time after `start`, or never). */
  end: bigint | undefined
}

export interface EndStates<State> {
  states: State[]
  /** Whether every order was explored (false: the step budget or the state cap ran out first). */
  complete: boolean
}

/**
 * The distinct states the events can leave a key in, over every order consistent with real time (a
 * before b iff a.end < b.start) in which `step` accepts each event; an event of unknown outcome may also
 * be left out. Depth-first with memoisation of (events placed, state), like the linearizability search,
 * but exhaustive. Stops at `maxSteps` calls of `step` or `maxStates` end states: what it found so far is
 * returned, marked incomplete.
 */
export function enumerateEndStates<State, E extends TimedStep>(
  start: State,
  events: readonly E[],
  step: (state: State, event: E) => State | undefined,
  identity: StateIdentity<State>,
  maxSteps: number,
  maxStates: number,
): EndStates<State> {
  const n = events.length
  // before[j]: the events that must come before j (their end is before j's start).
  const before: bigint[] = new Array(n).fill(0n)
  const required = events.reduce((mask, e, i) => (e.end === undefined ? mask : mask | (1n << BigInt(i))), 0n)
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const end = events[i]!.end
      if (i !== j && end !== undefined && end < events[j]!.start) before[j]! |= 1n << BigInt(i)
    }
  const seen = new Map<string, unknown[]>()
  const found: { key: unknown; state: State }[] = []
  let steps = 0
  let complete = true

  const visit = (placed: bigint, state: State, key: unknown): void => {
    if (!complete) return
    const memo = `${placed.toString(36)}:${identity.hash(key)}`
    const bucket = seen.get(memo)
    if (bucket?.some((k) => identity.same(k, key))) return
    if (bucket) bucket.push(key)
    else seen.set(memo, [key])
    // Every event of known outcome placed: the unknown ones left out took effect never.
    if ((placed & required) === required && !found.some((f) => identity.same(f.key, key))) {
      found.push({ key, state })
      if (found.length >= maxStates) {
        complete = false
        return
      }
    }
    for (let j = 0; j < n; j++) {
      const bit = 1n << BigInt(j)
      if ((placed & bit) !== 0n || (before[j]! & placed) !== before[j]!) continue
      if (++steps > maxSteps) {
        complete = false
        return
      }
      const next = step(state, events[j]!)
      if (next !== undefined) visit(placed | bit, next, identity.key(next))
      if (!complete) return
    }
  }
  visit(0n, start, identity.key(start))
  return { states: found.map((f) => f.state), complete }
}
