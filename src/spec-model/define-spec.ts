import { SpecDefinitionError, SpecOptionsError } from '../errors.ts'
import type { SpanLocation } from '../trace/span-location.ts'
import type { TraceRecord } from '../trace/types.ts'
import type { CheckerLimits, CountUnlisted, RuleDefinition, SpecChecker, SpecModel, Violation } from './types.ts'
import { DEFAULT_MAX_STORED_VIOLATIONS } from './violation-limits.ts'

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

export interface SpecDefinition<Event extends { type: string; key: string }, KeyState, Options extends object> {
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
export function defineSpec<Event extends { type: string; key: string }, KeyState, Options extends object>(
  definition: SpecDefinition<Event, KeyState, Options>,
): SpecModel<Options> {
  const invariants = definition.invariants ?? {}
  const invariantList = Object.entries(invariants)
  const rules: Record<string, RuleDefinition> = { [EVENT_SCHEMA_RULE]: EVENT_SCHEMA }
  for (const [id, rule] of Object.entries(definition.rules)) rules[id] = { description: rule.description }
  for (const [id, inv] of Object.entries(invariants)) {
    if (id in rules) throw new SpecDefinitionError(`defineSpec(${definition.name}): invariant "${id}" has the same id as a rule`)
    rules[id] = { description: inv.description }
  }
  const defaults = Object.freeze({ ...definition.defaultOptions })

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
    // Per-key data lives in slots, struct-of-arrays: the Map gives a key its slot number, states sit in
    // an array, and per-type counts in one flat typed array (slot * stride + type). One Map lookup and
    // no per-key wrapper objects per event: on traces with 100,000 keys every extra object is a cache miss.
    // A Map, not an object: keys are arbitrary strings and "__proto__" or "toString" must be ordinary keys.
    const slots = new Map<string, number>()
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

    function check(record: TraceRecord, report: (v: Violation) => void, countUnlisted?: CountUnlisted): void {
      records++
      if (record.kind === 'invalid') {
        report(atSpan({ rule: EVENT_SCHEMA_RULE, line: record.line, message: record.message }, record.at))
        return
      }
      const at = record.at
      const parsed = definition.parseEvent(record.event, at?.attributes)
      if (!parsed.ok) {
        const rawKey = record.event.key
        const violation: Violation = {
          rule: EVENT_SCHEMA_RULE,
          line: record.line,
          ...(typeof rawKey === 'string' && rawKey !== '' ? { key: rawKey } : {}),
          message: parsed.message,
        }
        report(inPartition(atSpan(violation, at), record.partition))
        return
      }
      const event = parsed.event
      events++
      // Keys are per partition (`partitionBy`); the label's length first keeps the joined slot key unambiguous.
      const partition = record.partition
      const slotKey = partition === undefined ? event.key : `${partition.length}:${partition}${event.key}`
      let slot = slots.get(slotKey)
      if (slot === undefined) {
        slot = slotKeys.length
        slots.set(slotKey, slot)
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
      currentKey = event.key
      currentAt = at
      currentPartition = partition
      ctx.line = record.line
      const state = definition.apply(states[slot]!, event, ctx)
      states[slot] = state
      for (let i = 0; i < invariantList.length; i++) {
        const [id, inv] = invariantList[i]!
        const problem = inv.check(state, options)
        const failed = failing.get(slot)
        if (problem === undefined) {
          failed?.delete(id)
        } else if (!failed?.has(id)) {
          if (failed) failed.add(id)
          else failing.set(slot, new Set([id]))
          report(inPartition(atSpan({ rule: id, line: record.line, key: event.key, message: problem }, at), partition))
        }
      }
    }

    function finish(report: (v: Violation) => void): void {
      if (records === 0) report({ rule: EVENT_SCHEMA_RULE, line: 1, message: 'the trace contains no events' })
    }

    function projection(): Record<string, unknown> {
      // Null prototype: "__proto__" and "toString" are ordinary own keys when assigned.
      const perKey: Record<string, unknown> = Object.create(null)
      const project = definition.project
      const byType = (at: (type: number) => number): Record<string, number> => {
        const named: Record<string, number> = Object.create(null)
        for (let type = 0; type < typeNames.length; type++) {
          const n = at(type)
          if (n > 0) named[typeNames[type]!] = n
        }
        return named
      }
      for (let slot = 0; slot < slotKeys.length; slot++) {
        const own = byType((type) => counts[slot * stride + type]!)
        const partition = slotPartitions[slot]
        perKey[partition === undefined ? slotKeys[slot]! : `${slotKeys[slot]!} (${partition})`] = project ? { ...own, ...project(states[slot]!) } : own
      }
      return { spec: definition.name, events, keys: slotKeys.length, eventsByType: byType((type) => typeTotals[type]!), perKey }
    }

    return {
      check,
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
  }
}
