import { TraceOrderError } from '../trace/start-order.ts'
import { SpecDefinitionError, SpecOptionsError } from '../errors.ts'
import { checkHistory } from '../linearizability/check-history.ts'
import { stateIdentity, type StateIdentity } from '../linearizability/state-identity.ts'
import type { HistoryModel, HistoryOperation, LinearizabilityViolation } from '../linearizability/types.ts'
import type { SpanLocation } from '../trace/span-location.ts'
import type { TraceRecord } from '../trace/types.ts'
import { enumerateEndStates } from './end-states.ts'
import { HAS_TIME, NO_TIME, readEventTime, toNanos, type EventTimeSlot } from './event-time.ts'
import type { CheckerLimits, ConcurrencyDetail, ConcurrentEventRef, CountUnlisted, PerKeyFigures, Projection, RuleDefinition, SpecChecker, SpecModel, Violation } from './types.ts'
import { DEFAULT_MAX_STORED_VIOLATIONS } from './violation-limits.ts'
import type { SpecOperations } from '../property/operations/types.ts'

/** Defaults of {@link ConcurrencyLimits}. */
export const DEFAULT_MAX_SEARCH_STEPS = 100_000
export const DEFAULT_MAX_WINDOW_EVENTS = 1000
export const DEFAULT_MAX_STATES = 8

/** What a transition or invariant sees besides the state and the event. */
export interface TransitionContext<Options> {
  readonly options: Options
  /** Line of the event being applied. */
  readonly line: number
  /**
   * Where the event being applied is (its line, and for OTLP its span), to keep for a violation found at
   * a later event: `violate(rule, message, place)` then reports it there, span included.
   */
  place(): EventPlace
  /**
   * Reports a broken guard of the named rule at this event (or at an earlier event: its `place()`, or
   * just its line, which names no span).
   */
  violate(rule: string, message: string, at?: number | EventPlace): void
  /**
   * Violations the engine stores per rule (the first by line). A transition that holds lines for
   * violations found later needs to hold no more than this many per key: see `countUnlisted`.
   */
  readonly maxStoredViolations: number
  /**
   * Counts `count` more violations of the rule without describing them. Only for violations that come,
   * by line, after at least `maxStoredViolations` violations of the same rule already reported: the
   * engine would not store them, so a transition may keep just their number.
   */
  countUnlisted(rule: string, count: number): void
}

/** An event's place in the trace, kept by a transition (see `TransitionContext.place`). */
export interface EventPlace {
  readonly line: number
  readonly at?: SpanLocation | undefined
}

export type ParsedEvent<Event> = { ok: true; event: Event } | { ok: false; message: string }

export interface InvariantDefinition<KeyState, Options> extends RuleDefinition {
  /** Returns a message when the invariant does not hold for this key's state, else undefined. */
  check(state: KeyState, options: Options): string | undefined
}

export interface SpecDefinition<Event extends { type: string; key: string }, KeyState, Options extends object, Impl = unknown> {
  /** Spec name, used in test names, reports and `spec: '<name>'` options. */
  name: string
  /** Attribute prefix of OTLP spans that carry events. @default name */
  otlpDomain?: string
  /** Default options; every option a user may set must appear here. */
  defaultOptions: Options
  /** Extra validation of resolved options; return a message naming the bad option, or undefined. */
  validateOptions?(options: Options): string | undefined
  /**
   * Rules checked by transitions, in catalogue order. `event-schema` is added first automatically:
   * it covers records that are not well-formed events.
   */
  rules: Record<string, RuleDefinition>
  /**
   * Turns a JSON object from the trace into a typed event, or says why it is malformed. For an OTLP
   * span, `attributes` names the attribute each field came from (`context` → `kvonce.event.context`,
   * `context.attempt` → `kvonce.event.context.attempt` for a flattened context), so a message can say
   * which attribute to fix; for NDJSON it is undefined.
   */
  parseEvent(raw: Record<string, unknown>, attributes?: ReadonlyMap<string, string>): ParsedEvent<Event>
  /** State of a key before its first event. */
  initialState(): KeyState
  /**
   * Applies one well-formed event to its key's state. Guards report through `ctx.violate`; the event
   * is applied even when it breaks a rule, because the system under test did it.
   */
  apply(state: KeyState, event: Event, ctx: TransitionContext<Options>): KeyState
  /** Named invariants over a key's state, checked after every event of that key. Reported when they start to fail. */
  invariants?: Record<string, InvariantDefinition<KeyState, Options>>
  /** Extra per-key figures for the projection report. */
  project?(state: KeyState): Record<string, unknown>
  /** Who performed an event (a client, a writer), named in the detail of a race so a timeline can give each its lane. */
  actorOf?(event: Event): string | undefined
  /**
   * A copy of a key's state that `apply` may change without changing the original: the engine needs
   * it to try orders of concurrent events (see docs/concurrency.md). Never called on sequential traces.
   * @default structuredClone (plain data, Map, Set, Date, bigint; no functions, class prototypes are lost)
   */
  clone?(state: KeyState): KeyState
  /**
   * Whether two states of a key are the same, to merge orders of concurrent events that end alike.
   * Give `hash` with it. @default canonical JSON (object keys sorted, bigint as its decimal): such a
   * state may hold plain objects, arrays and primitives only, no Map or Set (checked)
   */
  equals?(a: KeyState, b: KeyState): boolean
  /** A 32-bit integer; equal states have equal hashes. Give `equals` with it. @default see `equals` */
  hash?(state: KeyState): number
  /**
   * The spec's operations and the model of their results (see {@link defineOperations}):
   * `describeSpecProperties` then generates sequential and concurrent properties for an implementation
   * of type `Impl`, with no command code of the user's.
   */
  operations?: SpecOperations<any, Impl>
}

/** An event waiting in its key's open window of concurrent events. */
interface WindowEntry<Event> {
  event: Event
  line: number
  at: SpanLocation | undefined
  start: bigint
  /** undefined: unknown outcome. */
  end: bigint | undefined
}


/** What in a state the canonical-JSON default cannot compare (a Map, a Set, a class instance, a function), or undefined. */
function opaquePart(value: unknown, path: string, depth = 0): string | undefined {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? `${path} is a function` : undefined
  if (depth > 50) return undefined
  if (value instanceof Map || value instanceof Set) return `${path} is a ${value instanceof Map ? 'Map' : 'Set'}`
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = opaquePart(value[i], `${path}[${i}]`, depth + 1)
      if (found) return found
    }
    return undefined
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return `${path} is an instance of ${(value as object).constructor?.name ?? 'a class'}`
  for (const [k, v] of Object.entries(value)) {
    const found = opaquePart(v, `${path}.${k}`, depth + 1)
    if (found) return found
  }
  return undefined
}

export const EVENT_SCHEMA_RULE = 'event-schema'

/** The violation, located at the span when the record came from one (NDJSON violations stay as they are). */
function atSpan(violation: Violation, at: SpanLocation | undefined): Violation {
  if (at === undefined) return violation
  if (at.column !== undefined) violation.column = at.column
  violation.span = at.span
  return violation
}

/** The violation, naming the partition of its event when the trace was read with `partitionBy`. */
function inPartition(violation: Violation, partition: string | undefined): Violation {
  if (partition === undefined) return violation
  violation.partition = partition
  violation.message = `${violation.message} (partition ${partition})`
  return violation
}

const EVENT_SCHEMA: RuleDefinition = {
  description: 'Every line is a JSON object that is a well-formed event of the spec, and the trace has at least one event.',
}

/**
 * Defines a spec model: an event schema, per-key state, transitions whose guards are named rules, and
 * named invariants. The result is what the conformance engine replays traces through.
 */
export function defineSpec<Event extends { type: string; key: string }, KeyState, Options extends object, Impl = unknown>(
  definition: SpecDefinition<Event, KeyState, Options, Impl>,
): SpecModel<Options, Impl> {
  const invariants = definition.invariants ?? {}
  const invariantList = Object.entries(invariants)
  const rules: Record<string, RuleDefinition> = { [EVENT_SCHEMA_RULE]: EVENT_SCHEMA }
  for (const [id, rule] of Object.entries(definition.rules)) rules[id] = { description: rule.description }
  for (const [id, inv] of Object.entries(invariants)) {
    if (id in rules) throw new SpecDefinitionError(`defineSpec(${definition.name}): invariant "${id}" has the same id as a rule`)
    rules[id] = { description: inv.description }
  }
  const defaults = Object.freeze({ ...definition.defaultOptions })
  for (const name of ['clone', 'equals', 'hash'] as const)
    if (definition[name] !== undefined && typeof definition[name] !== 'function')
      throw new SpecDefinitionError(`defineSpec(${definition.name}): "${name}" must be a function`)
  if ((definition.equals === undefined) !== (definition.hash === undefined))
    throw new SpecDefinitionError(`defineSpec(${definition.name}): give "equals" and "hash" together (equal states must have equal hashes), or neither for the canonical-JSON default`)
  const identity: StateIdentity<KeyState> = stateIdentity<KeyState>({
    name: definition.name,
    init: definition.initialState,
    step: () => {
      throw new Error('unused')
    },
    ...(definition.equals ? { equals: definition.equals.bind(definition) } : {}),
    ...(definition.hash ? { hash: definition.hash.bind(definition) } : {}),
  })
  let identityChecked = definition.equals !== undefined
  /** A copy `apply` may change, checked to be a copy: a search over orders goes back to old states. */
  const cloneState = (state: KeyState): KeyState => {
    if (!identityChecked) {
      identityChecked = true
      const opaque = opaquePart(state, 'the state')
      if (opaque !== undefined)
        throw new SpecDefinitionError(
          `spec "${definition.name}": ${opaque}, which the default state comparison (canonical JSON) cannot see into; give the spec "equals" and "hash" to check concurrent events`,
        )
    }
    let copy: KeyState
    if (definition.clone) copy = definition.clone(state)
    else {
      try {
        copy = structuredClone(state)
      } catch (error) {
        throw new SpecDefinitionError(`spec "${definition.name}": a key's state cannot be copied with structuredClone (${(error as Error).message}); give the spec a "clone" to check concurrent events`)
      }
    }
    if (copy === state && state !== null && typeof state === 'object')
      throw new SpecDefinitionError(`spec "${definition.name}": "clone" returned the state it was given; it must return a copy that "apply" may change`)
    return copy
  }

  function resolveOptions(given: Partial<Options> | undefined): Options {
    const resolved = { ...defaults, ...given } as Options
    for (const key of Object.keys(given ?? {})) {
      if (!(key in defaults)) {
        const known = Object.keys(defaults)
        throw new SpecOptionsError(
          `spec "${definition.name}" has no option "${key}"; known options: ${known.length ? known.join(', ') : '(none)'}`,
        )
      }
    }
    const problem = definition.validateOptions?.(resolved)
    if (problem) throw new SpecOptionsError(`spec "${definition.name}": ${problem}`)
    return resolved
  }

  function createChecker(options: Options, limits: CheckerLimits = {}): SpecChecker {
    // Per-key data lives in slots, struct-of-arrays: a dictionary gives a key its slot number, states sit
    // in an array, and per-type counts in one flat typed array (slot * stride + type). One lookup and no
    // per-key wrapper objects per event: on traces with 100,000 keys every extra object is a cache miss.
    // A prototype-less object, not a Map: its lookup of a key fresh from JSON.parse measured ~100 ms
    // less per 1M events at 100k keys. Without a prototype "__proto__" and "toString" are ordinary keys.
    const slots: Record<string, number | undefined> = Object.create(null)
    const slotKeys: string[] = []
    /** The partition of each slot (`partitionBy`), or undefined: sparse and untouched without partitions. */
    const slotPartitions: (string | undefined)[] = []
    const states: KeyState[] = []
    /** Invariants currently failing, by slot, so each is reported when it starts to fail, not on every event. */
    const failing = new Map<number, Set<string>>()
    const typeNames: string[] = []
    const typeTotals: number[] = []
    let stride = 4
    let counts = new Uint32Array(stride * 1024)
    let events = 0
    let records = 0

    // Concurrency (docs/concurrency.md). An event with a time waits in its key's open window until the
    // next event of the key starts after every event of the window has ended: a window of one event is
    // then applied as it would be without times; a longer one is decided by a search over its orders.
    const severities = limits.severities
    const isError = (rule: string): boolean => severities === undefined || (severities[rule] ?? 'error') === 'error'
    const maxSearchSteps = limits.concurrency?.maxSearchSteps ?? DEFAULT_MAX_SEARCH_STEPS
    const maxWindowEvents = limits.concurrency?.maxWindowEvents ?? DEFAULT_MAX_WINDOW_EVENTS
    const maxStates = limits.concurrency?.maxStates ?? DEFAULT_MAX_STATES
    // The first event of each slot's open window, in parallel arrays (no object per event on
    // sequential traces): `pendingEvent` undefined when the slot has no open window.
    const pendingEvent: (Event | undefined)[] = []
    const pendingLine: number[] = []
    const pendingAt: (SpanLocation | undefined)[] = []
    // Instants as (Unix seconds, nanoseconds) pairs of exact doubles: no BigInt per event.
    const pendingStartSec: number[] = []
    const pendingStartNsec: number[] = []
    /** The first event's own end (seconds Infinity: unknown outcome). */
    const pendingStopSec: number[] = []
    const pendingStopNsec: number[] = []
    /** The latest end in each slot's open window (seconds Infinity with an event of unknown outcome). */
    const pendingEndSec: number[] = []
    const pendingEndNsec: number[] = []
    const time: EventTimeSlot = { startSec: 0, startNsec: 0, endSec: 0, endNsec: 0 }
    /** The per-slot arrays above reach the slot (they grow only once events overlap: none on sequential traces). */
    const ensurePending = (slot: number): void => {
      while (pendingEvent.length <= slot) {
        pendingEvent.push(undefined)
        pendingLine.push(0)
        pendingAt.push(undefined)
        pendingStartSec.push(0)
        pendingStartNsec.push(0)
        pendingStopSec.push(0)
        pendingStopNsec.push(0)
        pendingEndSec.push(0)
        pendingEndNsec.push(0)
      }
    }
    /** Slots whose `pendingEvent` is set. */
    let pendingCount = 0
    // The lone open event: while no other event of any key is open (the heap is empty, no slot pending),
    // the one open event of known outcome is kept here rather than in the per-slot arrays and the heap.
    // On a sequential trace every event passes through it: the next event, starting after it, applies it
    // at once; one that does not moves it into the arrays and the heap, and the general path continues.
    let loneSlot = -1
    let loneEvent: Event | undefined
    let loneLine = 0
    let loneAt: SpanLocation | undefined
    /**
     * The lone event's start and end (seconds, nanoseconds), in a typed array: a closure variable holding
     * seconds past 2^30 (every date after 2004) would box a fresh heap number on each store, twice an event.
     */
    const lone = new Float64Array(4)
    const LONE_START_SEC = 0
    const LONE_START_NSEC = 1
    const LONE_END_SEC = 2
    const LONE_END_NSEC = 3
    // The latest start that closed a window by time (seconds, nanoseconds): every event decided so far
    // ended before it. An event starting before it may belong with events already decided, so the
    // verdict would depend on the file's order: the input is not in start order (see `outOfOrder`).
    const watermark = new Float64Array([Number.NEGATIVE_INFINITY, 0])
    const outOfOrder = limits.outOfOrder ?? 'report'
    let outOfOrderReported = false
    /** Makes `event` the lone open event. */
    const holdLone = (slot: number, event: Event, line: number, at: SpanLocation | undefined, startSec: number, startNsec: number, endSec: number, endNsec: number): void => {
      loneSlot = slot
      loneEvent = event
      loneLine = line
      loneAt = at
      lone[LONE_START_SEC] = startSec
      lone[LONE_START_NSEC] = startNsec
      lone[LONE_END_SEC] = endSec
      lone[LONE_END_NSEC] = endNsec
    }
    /** Applies the lone open event (a window of one event of known outcome). */
    const closeLone = (): void => {
      const slot = loneSlot
      const event = loneEvent!
      const at = loneAt
      loneSlot = -1
      loneEvent = undefined
      loneAt = undefined
      if (lastWindows.size === 0 && alternatives.size === 0) states[slot] = applyReporting(slot, states[slot]!, event, loneLine, at)
      else applyEvent(slot, event, loneLine, at)
    }
    /** Moves the lone open event into the per-slot arrays and the heap, as an open window of one event. */
    const spillLone = (): void => {
      const slot = loneSlot
      loneSlot = -1
      ensurePending(slot)
      pendingEvent[slot] = loneEvent
      pendingCount++
      loneEvent = undefined
      pendingLine[slot] = loneLine
      pendingAt[slot] = loneAt
      loneAt = undefined
      pendingStartSec[slot] = lone[LONE_START_SEC]!
      pendingStartNsec[slot] = lone[LONE_START_NSEC]!
      pendingStopSec[slot] = lone[LONE_END_SEC]!
      pendingStopNsec[slot] = lone[LONE_END_NSEC]!
      pendingEndSec[slot] = lone[LONE_END_SEC]!
      pendingEndNsec[slot] = lone[LONE_END_NSEC]!
      heapPush(lone[LONE_END_SEC]!, lone[LONE_END_NSEC]!, slot)
    }
    // Open windows by their end, a binary min-heap in parallel arrays: an event that starts after a
    // window's end, of any key, closes it (traces are read in start order), so that on sequential
    // traces an event is applied as soon as the next one is read and never outlives a young GC.
    // Entries go stale when their window grows or closes: skipped when popped.
    const heapSec: number[] = []
    const heapNsec: number[] = []
    const heapSlot: number[] = []
    const heapPush = (sec: number, nsec: number, slot: number): void => {
      let i = heapSec.length
      heapSec.push(sec)
      heapNsec.push(nsec)
      heapSlot.push(slot)
      while (i > 0) {
        const parent = (i - 1) >> 1
        const ps = heapSec[parent]!
        if (ps < sec || (ps === sec && heapNsec[parent]! <= nsec)) break
        heapSec[i] = ps
        heapNsec[i] = heapNsec[parent]!
        heapSlot[i] = heapSlot[parent]!
        i = parent
      }
      heapSec[i] = sec
      heapNsec[i] = nsec
      heapSlot[i] = slot
    }
    const heapPop = (): void => {
      const lastSec = heapSec.pop()!
      const lastNsec = heapNsec.pop()!
      const lastSlot = heapSlot.pop()!
      const n = heapSec.length
      if (n === 0) return
      let i = 0
      for (;;) {
        let child = 2 * i + 1
        if (child >= n) break
        const right = child + 1
        if (right < n && (heapSec[right]! < heapSec[child]! || (heapSec[right] === heapSec[child] && heapNsec[right]! < heapNsec[child]!))) child = right
        const cs = heapSec[child]!
        if (cs > lastSec || (cs === lastSec && heapNsec[child]! >= lastNsec)) break
        heapSec[i] = cs
        heapNsec[i] = heapNsec[child]!
        heapSlot[i] = heapSlot[child]!
        i = child
      }
      heapSec[i] = lastSec
      heapNsec[i] = lastNsec
      heapSlot[i] = lastSlot
    }
    /** Closes every open window that ends before the instant. */
    const closeBefore = (sec: number, nsec: number): void => {
      while (heapSec.length > 0 && (heapSec[0]! < sec || (heapSec[0] === sec && heapNsec[0]! < nsec))) {
        const endSec = heapSec[0]!
        const endNsec = heapNsec[0]!
        const slot = heapSlot[0]!
        heapPop()
        if (pendingEvent[slot] !== undefined && pendingEndSec[slot] === endSec && pendingEndNsec[slot] === endNsec) {
          watermark[0] = sec
          watermark[1] = nsec
          closeWindow(slot)
        }
      }
    }
    /** Open windows of two or more events, by slot. */
    const windows = new Map<number, WindowEntry<Event>[]>()
    /** Other states a key may be in (orders of a window that end differently), by slot; rare. */
    const alternatives = new Map<number, KeyState[]>()
    /**
     * The key's last window that fit, by slot, until the key's next event or window: the other states its
     * orders may end in are only looked for when what follows does not fit the state of the order found
     * (enumerating them for every window would cost more than deciding it).
     */
    const lastWindows = new Map<number, { starts: KeyState[]; entries: readonly WindowEntry<Event>[] }>()
    /** Rules whose violations rejected an event during the current search. */
    const rejections = new Set<string>()

    const widen = (): void => {
      const wider = stride * 2
      const next = new Uint32Array((counts.length / stride) * wider)
      for (let slot = 0; slot < slotKeys.length; slot++) next.set(counts.subarray(slot * stride, slot * stride + stride), slot * wider)
      stride = wider
      counts = next
    }

    // One context for the whole trace, pointed at the current event: a fresh closure per event is
    // measurable on million-event traces.
    let reportTo: (v: Violation) => void = () => {}
    let countTo: CountUnlisted | undefined
    let currentKey = ''
    let currentAt: SpanLocation | undefined
    let currentPartition: string | undefined
    const knownRule = (rule: string): void => {
      if (!(rule in rules)) throw new SpecDefinitionError(`spec "${definition.name}" reported unknown rule "${rule}"`)
    }
    const ctx: TransitionContext<Options> & { line: number } = {
      options,
      line: 0,
      maxStoredViolations: limits.maxStoredViolations ?? DEFAULT_MAX_STORED_VIOLATIONS,
      place(): EventPlace {
        return currentAt === undefined ? { line: ctx.line } : { line: ctx.line, at: currentAt }
      },
      violate(rule: string, message: string, at?: number | EventPlace): void {
        knownRule(rule)
        // A violation at another event given by its line alone cannot name that event's span.
        if (typeof at === 'number') reportTo(inPartition({ rule, line: at, key: currentKey, message }, currentPartition))
        else if (at !== undefined) reportTo(inPartition(atSpan({ rule, line: at.line, key: currentKey, message }, at.at), currentPartition))
        else reportTo(inPartition(atSpan({ rule, line: ctx.line, key: currentKey, message }, currentAt), currentPartition))
      },
      countUnlisted(rule: string, count: number): void {
        knownRule(rule)
        if (count > 0) countTo?.(rule, count)
      },
    }

    /** `key` is the event's, the slot's key (given, not read from slotKeys: one memory access less an event). */
    const pointAt = (slot: number, key: string, line: number, at: SpanLocation | undefined): void => {
      currentKey = key
      currentAt = at
      currentPartition = slotPartitions.length > slot ? slotPartitions[slot] : undefined
      ctx.line = line
    }

    /** Applies an event through the spec, reporting as usual, and reports invariants that start to fail. */
    function applyReporting(slot: number, state: KeyState, event: Event, line: number, at: SpanLocation | undefined): KeyState {
      pointAt(slot, event.key, line, at)
      const next = definition.apply(state, event, ctx)
      for (let i = 0; i < invariantList.length; i++) {
        const [id, inv] = invariantList[i]!
        const problem = inv.check(next, options)
        const failed = failing.get(slot)
        if (problem === undefined) {
          failed?.delete(id)
        } else if (!failed?.has(id)) {
          if (failed) failed.add(id)
          else failing.set(slot, new Set([id]))
          reportTo(inPartition(atSpan({ rule: id, line, key: slotKeys[slot]!, message: problem }, at), slotPartitions[slot]))
        }
      }
      return next
    }

    /**
     * The state after the event, applied to a copy of `state`, or undefined when the event breaks an
     * `error` rule there (an invariant counts when it starts to fail). Reports nothing.
     */
    function trial(slot: number, state: KeyState, entry: WindowEntry<Event>, collect?: Violation[]): KeyState | undefined {
      const copy = cloneState(state)
      const savedReport = reportTo
      const savedCount = countTo
      let rejected = false
      reportTo = (v) => {
        if (!isError(v.rule)) return
        rejected = true
        rejections.add(v.rule)
        collect?.push(v)
      }
      countTo = (rule, n) => {
        if (n <= 0 || !isError(rule)) return
        rejected = true
        rejections.add(rule)
      }
      try {
        pointAt(slot, entry.event.key, entry.line, entry.at)
        const next = definition.apply(copy, entry.event, ctx)
        for (let i = 0; i < invariantList.length; i++) {
          const [id, inv] = invariantList[i]!
          if (!isError(id)) continue
          const problem = inv.check(next, options)
          if (problem === undefined || inv.check(state, options) !== undefined) continue
          rejected = true
          rejections.add(id)
          collect?.push(inPartition(atSpan({ rule: id, line: entry.line, key: slotKeys[slot]!, message: problem }, entry.at), slotPartitions[slot]))
        }
        return rejected ? undefined : next
      } finally {
        reportTo = savedReport
        countTo = savedCount
      }
    }

    /** A single event: as without concurrency, unless earlier concurrent events left several possible states. */
    function applyEvent(slot: number, event: Event, line: number, at: SpanLocation | undefined): void {
      if (lastWindows.size > 0 && lastWindows.has(slot)) {
        // Right after a window: the state of the order found, unless the event does not fit it.
        if (trial(slot, states[slot]!, { event, line, at, start: 0n, end: 0n }) !== undefined) {
          lastWindows.delete(slot)
          states[slot] = applyReporting(slot, states[slot]!, event, line, at)
          return
        }
        expandAlternatives(slot)
      }
      const others = alternatives.size > 0 ? alternatives.get(slot) : undefined
      if (others === undefined) {
        states[slot] = applyReporting(slot, states[slot]!, event, line, at)
        return
      }
      alternatives.delete(slot)
      const entry: WindowEntry<Event> = { event, line, at, start: 0n, end: 0n }
      const fits: { before: KeyState; after: KeyState }[] = []
      for (const before of [states[slot]!, ...others]) {
        const after = trial(slot, before, entry)
        if (after !== undefined) fits.push({ before, after })
      }
      // No state accepts it: reported from the first, as a sequential trace would be.
      if (fits.length === 0) {
        states[slot] = applyReporting(slot, states[slot]!, entry.event, entry.line, entry.at)
        return
      }
      states[slot] = applyReporting(slot, fits[0]!.before, entry.event, entry.line, entry.at)
      keepAlternatives(slot, fits.slice(1).map((f) => f.after))
    }

    /** The other states the key's last window may have left it in become its alternatives. */
    function expandAlternatives(slot: number): boolean {
      const last = lastWindows.get(slot)
      if (last === undefined) return false
      lastWindows.delete(slot)
      const ends: KeyState[] = [...(alternatives.get(slot) ?? [])]
      for (const start of last.starts) ends.push(...enumerateEndStates(start, last.entries, (s, e) => trial(slot, s, e), identity, maxSearchSteps, maxStates).states)
      const before = alternatives.get(slot)?.length ?? 0
      alternatives.delete(slot)
      keepAlternatives(slot, ends)
      return (alternatives.get(slot)?.length ?? 0) > before
    }

    /** Keeps the distinct states besides the slot's own, at most maxStates in all. */
    function keepAlternatives(slot: number, candidates: readonly KeyState[]): void {
      if (candidates.length === 0) return
      const keys = [identity.key(states[slot]!)]
      const kept: KeyState[] = []
      for (const state of candidates) {
        if (keys.length >= maxStates) break
        const key = identity.key(state)
        if (keys.some((k) => identity.hash(k) === identity.hash(key) && identity.same(k, key))) continue
        keys.push(key)
        kept.push(state)
      }
      if (kept.length > 0) alternatives.set(slot, kept)
    }

    const firstEntry = (slot: number): WindowEntry<Event> => ({
      event: pendingEvent[slot]!,
      line: pendingLine[slot]!,
      at: pendingAt[slot],
      start: toNanos(pendingStartSec[slot]!, pendingStartNsec[slot]!)!,
      end: toNanos(pendingStopSec[slot]!, pendingStopNsec[slot]!),
    })

    /** Closes the slot's open window: applies or decides it. */
    function closeWindow(slot: number): void {
      const event = pendingEvent[slot]!
      pendingEvent[slot] = undefined
      pendingCount--
      const at = pendingAt[slot]
      pendingAt[slot] = undefined
      const window = windows.size > 0 ? windows.get(slot) : undefined
      if (window === undefined) {
        if (pendingStopSec[slot] !== Number.POSITIVE_INFINITY) applyEvent(slot, event, pendingLine[slot]!, at)
        else decideWindow(slot, [{ event, line: pendingLine[slot]!, at, start: toNanos(pendingStartSec[slot]!, pendingStartNsec[slot]!)!, end: undefined }])
        return
      }
      windows.delete(slot)
      decideWindow(slot, window)
    }

    const refOf = (entry: WindowEntry<Event>): ConcurrentEventRef => {
      const ref: ConcurrentEventRef = { line: entry.line, type: entry.event.type }
      if (entry.at?.column !== undefined) ref.column = entry.at.column
      if (entry.end === undefined) ref.unknown = true
      ref.start = entry.start.toString()
      if (entry.end !== undefined) ref.end = entry.end.toString()
      const actor = definition.actorOf?.(entry.event)
      if (actor !== undefined) ref.actor = actor
      return ref
    }
    const nameOf = (entry: WindowEntry<Event>): string =>
      `line ${entry.line}${entry.at?.column !== undefined ? `:${entry.at.column}` : ''} (${entry.event.type}${entry.end === undefined ? ', outcome unknown' : ''})`

    /** Decides a window of concurrent events (or one of unknown outcome) over every order real time allows. */
    function decideWindow(slot: number, window: WindowEntry<Event>[]): void {
      // Stable: equal starts keep file order, the order the fallback replays.
      const entries = window.length > 1 ? [...window].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)) : window
      const key = slotKeys[slot]!
      if (entries.length >= maxWindowEvents) {
        reportUndecided(slot, entries, `the window holds ${entries.length} events, the most maxWindowEvents (${maxWindowEvents}) allows`)
        fallback(slot, entries)
        return
      }
      const operations: HistoryOperation<WindowEntry<Event>, undefined>[] = entries.map((entry, id) => {
        const op: { -readonly [K in keyof HistoryOperation]: HistoryOperation[K] } = { id, call: entry.start, input: entry, line: entry.line, key }
        if (entry.end === undefined) op.unknown = true
        else op.return = entry.end
        if (entry.at?.column !== undefined) op.column = entry.at.column
        return op as HistoryOperation<WindowEntry<Event>, undefined>
      })
      rejections.clear()
      const fits: { start: KeyState; order: readonly number[] }[] = []
      let violation: LinearizabilityViolation<KeyState> | undefined
      let undecided = false
      const tried: KeyState[] = []
      const search = (start: KeyState): void => {
        tried.push(start)
        const model: HistoryModel<KeyState, WindowEntry<Event>, undefined> = {
          name: definition.name,
          init: () => start,
          step: (state, entry) => {
            const next = trial(slot, state, entry)
            return next === undefined ? { ok: false, state } : { ok: true, state: next }
          },
          describeOperation: (entry) => nameOf(entry),
          describeState: () => 'state',
        }
        if (definition.equals) model.equals = definition.equals.bind(definition)
        if (definition.hash) model.hash = definition.hash.bind(definition)
        const part = checkHistory(operations, model, { maxSteps: maxSearchSteps, keepLinearization: true }).partitions[0]!
        if (part.verdict === 'ok') fits.push({ start, order: part.linearization as readonly number[] })
        else if (part.verdict === 'violation') violation ??= part.violation
        else undecided = true
      }
      for (const start of [states[slot]!, ...(alternatives.get(slot) ?? [])]) search(start)
      // None fits: the states the key's previous window may also have left it in.
      if (fits.length === 0 && expandAlternatives(slot)) for (const start of alternatives.get(slot)!) if (!tried.includes(start)) search(start)
      lastWindows.delete(slot)
      if (fits.length > 0) {
        // The order found is replayed through the spec as usual: its warn violations are reported.
        let state = cloneState(fits[0]!.start)
        for (const id of fits[0]!.order) state = applyReporting(slot, state, entries[id]!.event, entries[id]!.line, entries[id]!.at)
        alternatives.delete(slot)
        states[slot] = state
        // Other orders may leave the key in other states, from which later events may fit: looked for
        // only when they do not fit this one.
        lastWindows.set(slot, { starts: fits.map((f) => f.start), entries })
        return
      }
      if (undecided || violation === undefined) {
        reportUndecided(slot, entries, `the search reached its bound of ${maxSearchSteps} steps (maxSearchSteps)`)
      } else {
        reportViolation(slot, entries, violation)
      }
      fallback(slot, entries)
    }

    /** After a window without an order: its events of known outcome in start order, reporting nothing more. */
    function fallback(slot: number, entries: readonly WindowEntry<Event>[]): void {
      const savedReport = reportTo
      const savedCount = countTo
      reportTo = () => {}
      countTo = undefined
      try {
        let state: KeyState = states[slot]!
        for (const entry of entries) if (entry.end !== undefined) state = applyReporting(slot, state, entry.event, entry.line, entry.at)
        states[slot] = state
        alternatives.delete(slot)
      } finally {
        reportTo = savedReport
        countTo = savedCount
      }
    }

    const linesOf = (entries: readonly WindowEntry<Event>[]): string => {
      const lines = entries.map((e) => (e.at?.column !== undefined ? `${e.line}:${e.at.column}` : `${e.line}`))
      return lines.length > 12 ? `${lines.slice(0, 12).join(', ')}, … (${lines.length} in all)` : lines.join(', ')
    }

    function reportViolation(slot: number, entries: readonly WindowEntry<Event>[], found: LinearizabilityViolation<KeyState>): void {
      const key = slotKeys[slot]!
      const blocked = entries[found.operation.id as number]!
      const candidates = found.candidates.map((c) => ({ entry: entries[c.id as number]!, outcome: c.outcome }))
      const longest = found.longestPrefix.map((id) => entries[id as number]!)
      const detail: ConcurrencyDetail = {
        verdict: 'violation',
        clock: 'time',
        events: entries.map(refOf),
        candidates: candidates.map((c) => ({ ...refOf(c.entry), outcome: c.outcome })),
        longestOrder: longest.map(refOf),
      }
      // The rules the blocked event breaks where the search got furthest, as the spec words them.
      let broken: Violation[] = []
      for (const entry of [blocked, ...candidates.filter((c) => c.outcome === 'rejected').map((c) => c.entry)]) {
        trial(slot, found.modelState, entry, broken)
        if (broken.length > 0) break
      }
      if (broken.length === 0) {
        const rule = [...rejections].find((r) => r !== EVENT_SCHEMA_RULE) ?? [...rejections][0]
        if (rule === undefined) return
        broken = [inPartition(atSpan({ rule, line: blocked.line, key, message: `${blocked.event.type} for key ${JSON.stringify(key)} cannot be ordered` }, blocked.at), slotPartitions[slot])]
      }
      const tried = candidates.map((c) => `${nameOf(c.entry)} ${c.outcome === 'rejected' ? 'breaks a rule there' : 'fits there but leaves no order for the rest'}`)
      const suffix =
        ` — the ${entries.length} events of key ${JSON.stringify(key)} at lines ${linesOf(entries)} overlap in time, and no order of them that real time allows fits the spec.` +
        ` The longest order that fits: ${longest.length > 0 ? longest.map(nameOf).join(', ') : '(none)'}; after it, ${tried.join('; ')}`
      for (const v of broken) reportTo({ ...v, message: `${v.message}${suffix}`, concurrency: detail })
    }

    function reportUndecided(slot: number, entries: readonly WindowEntry<Event>[], why: string): void {
      const key = slotKeys[slot]!
      const first = entries[0]!
      const detail: ConcurrencyDetail = { verdict: 'undecided', clock: 'time', events: entries.map(refOf), bound: { maxSearchSteps, maxWindowEvents } }
      let ruleIds = [...rejections].filter(isError)
      if (ruleIds.length === 0) ruleIds = Object.keys(rules).filter((r) => r !== EVENT_SCHEMA_RULE && isError(r))
      const message =
        `undecided: whether some order of the ${entries.length} overlapping events of key ${JSON.stringify(key)} at lines ${linesOf(entries)} fits the spec is not known: ${why}. ` +
        'This is not a pass: raise the bound (concurrency.maxSearchSteps / maxWindowEvents) or check fewer concurrent operations per key'
      for (const rule of ruleIds) reportTo({ ...inPartition(atSpan({ rule, line: first.line, key, message }, first.at), slotPartitions[slot]), concurrency: detail })
    }

    /**
     * An event starting before an event already decided ended: the file is not in start order here.
     * `throw`: the caller reads the trace again sorted (TraceOrderError). `report`: said once, at this
     * line, as an event-schema finding (the verdict would otherwise silently depend on the file's order);
     * the event is then taken in file order.
     */
    function startsTooEarly(line: number, key: string, at: SpanLocation | undefined, partition: string | undefined): void {
      if (outOfOrder === 'throw') throw new TraceOrderError(line)
      if (outOfOrderReported) return
      outOfOrderReported = true
      reportTo(
        inPartition(
          atSpan(
            {
              rule: EVENT_SCHEMA_RULE,
              line,
              key,
              message:
                'this event starts before the end of an event already decided (by a later start earlier in the input): the events are not in start order, ' +
                'and the verdict on events with times would depend on their order in the input. Sort the events by "start" (or "timestamp"); a trace file opened by path is sorted automatically',
            },
            at,
          ),
          partition,
        ),
      )
    }

    function check(record: TraceRecord, report: (v: Violation) => void, countUnlisted?: CountUnlisted): void {
      records++
      if (record.kind === 'invalid') {
        report(atSpan({ rule: EVENT_SCHEMA_RULE, line: record.line, message: record.message }, record.at))
        return
      }
      const at = record.at
      const parsed = definition.parseEvent(record.event, at?.attributes)
      const timed = parsed.ok ? readEventTime(record, time) : NO_TIME
      if (!parsed.ok || typeof timed === 'string') {
        const rawKey = record.event.key
        const violation: Violation = {
          rule: EVENT_SCHEMA_RULE,
          line: record.line,
          ...(typeof rawKey === 'string' && rawKey !== '' ? { key: rawKey } : {}),
          message: parsed.ok ? (timed as string) : parsed.message,
        }
        report(inPartition(atSpan(violation, at), record.partition))
        return
      }
      const event = parsed.event
      events++
      // Keys are per partition (`partitionBy`); the label's length first keeps the joined slot key unambiguous.
      const partition = record.partition
      const slotKey = partition === undefined ? event.key : `${partition.length}:${partition}${event.key}`
      let slot = slots[slotKey]
      if (slot === undefined) {
        slot = slotKeys.length
        slots[slotKey] = slot
        slotKeys.push(event.key)
        if (partition !== undefined) slotPartitions[slot] = partition
        states.push(definition.initialState())
        if ((slot + 1) * stride > counts.length) {
          const grown = new Uint32Array(counts.length * 2)
          grown.set(counts)
          counts = grown
        }
      }
      // A spec has a handful of event types: a scan beats hashing the type string of every event.
      let type = 0
      while (type < typeNames.length && typeNames[type] !== event.type) type++
      if (type === typeNames.length) {
        typeNames.push(event.type)
        typeTotals.push(0)
        if (type === stride) widen()
      }
      counts[slot * stride + type]!++
      typeTotals[type]!++
      reportTo = report
      countTo = countUnlisted
      if (timed !== HAS_TIME) {
        // No time: ordered by its place in the file, after the key's open window.
        if (loneSlot === slot) closeLone()
        else if (slot < pendingEvent.length && pendingEvent[slot] !== undefined) closeWindow(slot)
        applyEvent(slot, event, record.line, at)
        return
      }
      const { startSec, startNsec, endSec, endNsec } = time
      if (startSec < watermark[0]! || (startSec === watermark[0] && startNsec < watermark[1]!)) startsTooEarly(record.line, event.key, at, partition)
      if (loneSlot >= 0) {
        if (startSec > lone[LONE_END_SEC]! || (startSec === lone[LONE_END_SEC]! && startNsec > lone[LONE_END_NSEC]!)) {
          // After the lone open event: it is applied, and this event, of known outcome, takes its place.
          watermark[0] = startSec
          watermark[1] = startNsec
          closeLone()
          if (endSec !== Number.POSITIVE_INFINITY && pendingCount === 0 && heapSec.length === 0) {
            holdLone(slot, event, record.line, at, startSec, startNsec, endSec, endNsec)
            return
          }
        } else spillLone()
      } else if (endSec !== Number.POSITIVE_INFINITY && pendingCount === 0 && heapSec.length === 0) {
        holdLone(slot, event, record.line, at, startSec, startNsec, endSec, endNsec)
        return
      }
      ensurePending(slot)
      if (heapSec.length > 0 && (heapSec[0]! < startSec || (heapSec[0] === startSec && heapNsec[0]! < startNsec))) closeBefore(startSec, startNsec)
      if (pendingEvent[slot] !== undefined && (startSec < pendingEndSec[slot]! || (startSec === pendingEndSec[slot] && startNsec <= pendingEndNsec[slot]!))) {
        let window = windows.get(slot)
        if (window === undefined) windows.set(slot, (window = [firstEntry(slot)]))
        window.push({ event, line: record.line, at, start: toNanos(startSec, startNsec)!, end: toNanos(endSec, endNsec) })
        if (endSec > pendingEndSec[slot]! || (endSec === pendingEndSec[slot] && endNsec > pendingEndNsec[slot]!)) {
          pendingEndSec[slot] = endSec
          pendingEndNsec[slot] = endNsec
          if (endSec !== Number.POSITIVE_INFINITY) heapPush(endSec, endNsec, slot)
        }
        if (window.length >= maxWindowEvents) closeWindow(slot)
        return
      }
      if (pendingEvent[slot] !== undefined) {
        watermark[0] = startSec
        watermark[1] = startNsec
        closeWindow(slot)
      }
      pendingEvent[slot] = event
      pendingCount++
      pendingLine[slot] = record.line
      pendingAt[slot] = at
      pendingStartSec[slot] = startSec
      pendingStartNsec[slot] = startNsec
      pendingStopSec[slot] = endSec
      pendingStopNsec[slot] = endNsec
      pendingEndSec[slot] = endSec
      pendingEndNsec[slot] = endNsec
      if (endSec !== Number.POSITIVE_INFINITY) heapPush(endSec, endNsec, slot)
    }

    function finish(report: (v: Violation) => void): void {
      reportTo = report
      if (loneSlot >= 0) closeLone()
      for (let slot = 0; slot < pendingEvent.length; slot++) if (pendingEvent[slot] !== undefined) closeWindow(slot)
      if (records === 0) report({ rule: EVENT_SCHEMA_RULE, line: 1, message: 'the trace contains no events' })
    }

    function projection(): Projection {
      // Null prototype: "__proto__" and "toString" are ordinary own keys when assigned.
      const eventsByType: Record<string, number> = Object.create(null)
      for (let type = 0; type < typeNames.length; type++) if (typeTotals[type]! > 0) eventsByType[typeNames[type]!] = typeTotals[type]!
      const project = definition.project
      // The per-key figures are read from the checker's tables: no object per key (286,000 keys are common).
      const perKey: PerKeyFigures = {
        size: slotKeys.length,
        key: (slot) => {
          const partition = slotPartitions[slot]
          return partition === undefined ? slotKeys[slot]! : `${slotKeys[slot]!} (${partition})`
        },
        columns: typeNames,
        count: (slot, type) => counts[slot * stride + type]!,
        extra: (slot) => project?.(states[slot]!),
      }
      return { fields: { spec: definition.name, events, keys: slotKeys.length, eventsByType }, perKey }
    }

    /**
     * Looks up the slots of the records' keys ahead of `check`. Nothing else: no state is read or changed.
     * A lookup in a dictionary of 100,000s of keys is one cache miss, which `check` waits out event by
     * event, between much other work. Here the lookups follow one another, so the processor overlaps
     * their misses, and `check` then finds the entries in cache. On the CLI bench's trace (1M events over
     * 286,000 keys) the slot lookups took ~105 ms of CPU in `check`, and ~47 ms here with `check`'s share
     * gone (the whole check ~1.40 → ~1.23 s in CPU profiles, ~90 ms less in alternating runs).
     * Records with a partition are skipped: their slot key is a joined string, built once, in `check`.
     * Returns how many keys already had a slot, only so that the lookups are not dead code.
     */
    function prefetch(batch: readonly TraceRecord[], from: number, to: number): number {
      let known = 0
      for (let i = from; i < to; i++) {
        const record = batch[i]!
        if (record.kind !== 'event' || record.partition !== undefined) continue
        const key = record.event.key
        if (typeof key === 'string' && slots[key] !== undefined) known++
      }
      return known
    }

    return {
      check,
      prefetch,
      finish,
      projection,
      get events() {
        return events
      },
    }
  }

  return {
    name: definition.name,
    otlpDomain: definition.otlpDomain ?? definition.name,
    rules,
    defaultOptions: defaults,
    resolveOptions,
    createChecker,
    ...(definition.operations ? { operations: definition.operations } : {}),
  }
}
