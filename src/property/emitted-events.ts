import { checkRecords } from '../conformance/check-trace.ts'
import type { ConcurrencyLimits, SpecChecker, SpecModel, Violation } from '../spec-model/types.ts'
import type { EventInterval, TraceRecord } from '../trace/types.ts'
import { PropertyFailure } from './property-failure.ts'

/**
 * The events one run of an implementation emitted, checked by the same conformance engine that checks
 * recorded traces: event N of the run is line N of the trace it would have written.
 */
export class EmittedEvents {
  /**
   * The events as emitted, kept as they are: recording one is a single push (most runs pass, and a
   * passing run's events are never shown). Their JSON and keys are read when first needed (a check, a
   * failure). The implementation must not change an event object after emitting it.
   */
  readonly #events: unknown[] = []
  /** Each event's JSON, by index, made by {@link #text} (so a run that never needs one makes no array). */
  #texts: string[] | undefined
  /** When each event happened, by index; made by the first {@link push} that gives one (the concurrent property). */
  #intervals: Array<EventInterval | undefined> | undefined
  /** What emitted each event (e.g. `writer 2: put("a", "v1")`), by index, shown after it in a failure; made by the first {@link push} that gives one. */
  #sources: Array<string | undefined> | undefined
  /** Made on the first {@link checkNew}: a run whose events are only shown in a failure never pays for it. */
  #checker: SpecChecker | undefined
  #checked = 0

  constructor(
    private readonly spec: SpecModel,
    private readonly specOptions: object,
  ) {}

  get count(): number {
    return this.#events.length
  }

  /** The events as emitted, one JSON text each. */
  get lines(): readonly string[] {
    return this.#events.map((_, i) => this.#text(i))
  }

  #text(index: number): string {
    const texts = (this.#texts ??= [])
    const known = texts[index]
    if (known !== undefined) return known
    let json: string
    try {
      json = JSON.stringify(this.#events[index]) ?? 'null'
    } catch (error) {
      json = JSON.stringify({ unserializable: String((error as Error).message) })
    }
    texts[index] = json
    return json
  }

  /** The event's `key` when it is a string (events of one key are shown together in a failure). */
  #key(index: number): string | undefined {
    const event = this.#events[index]
    if (event === null || typeof event !== 'object') return undefined
    try {
      const key = (event as { key?: unknown }).key
      return typeof key === 'string' ? key : undefined
    } catch {
      // A throwing getter: the event is still shown, with the events of every key.
      return undefined
    }
  }

  /**
   * Takes the event as JSON, exactly as a trace file would hold it. `interval`: when it happened (see
   * {@link checkConcurrent}); `source`: what emitted it, named after the event in a failure.
   */
  push(event: object, interval?: EventInterval, source?: string): void {
    const index = this.#events.push(event) - 1
    if (interval !== undefined) (this.#intervals ??= [])[index] = interval
    if (source !== undefined) (this.#sources ??= [])[index] = source
  }

  #record(index: number): TraceRecord {
    const line = index + 1
    const event: unknown = JSON.parse(this.#text(index))
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return { kind: 'invalid', line, message: `event ${line} is not a JSON object` }
    const interval = this.#intervals?.[index]
    return interval === undefined ? { kind: 'event', line, event: event as Record<string, unknown> } : { kind: 'event', line, event: event as Record<string, unknown>, interval }
  }

  /** Replays the events emitted since the last call; throws on the first violation of any rule. */
  checkNew(): void {
    const violations: Violation[] = []
    const report = (v: Violation): void => void violations.push(v)
    for (; this.#checked < this.#events.length; this.#checked++) {
      const line = this.#checked + 1
      this.#checker ??= this.spec.createChecker(this.specOptions)
      this.#checker.check(this.#record(this.#checked), report)
      if (violations.length > 0) {
        this.#checked++
        const first = violations.sort((a, b) => a.line - b.line)[0]!
        throw new PropertyFailure(`${first.rule}: ${first.message} (emitted event ${first.line})`, first.rule, this.involving(first.key, line))
      }
    }
  }

  /**
   * Checks every event emitted, with the intervals given to {@link push}, by the conformance engine as
   * it checks a trace whose events carry intervals (docs/concurrency.md): events of a key that overlap
   * in time are decided over every order real time allows. Event N is line N; the events are handed to
   * the engine in start order, as a trace with intervals lists them. Throws a {@link PropertyFailure} for
   * the first violation by line (with its concurrency detail in the message when it comes from
   * overlapping events). Use it instead of {@link checkNew}, once, after the run.
   */
  async checkConcurrent(concurrency?: ConcurrencyLimits): Promise<void> {
    const order = this.#events.map((_, i) => i)
    const startOf = (i: number): bigint | undefined => this.#intervals?.[i]?.start
    // Stable: events without an interval keep their place relative to each other (and come first).
    order.sort((a, b) => {
      const sa = startOf(a)
      const sb = startOf(b)
      if (sa === sb) return a - b
      if (sa === undefined) return -1
      if (sb === undefined) return 1
      return sa < sb ? -1 : 1
    })
    const records = order.map((i) => this.#record(i))
    async function* stream(): AsyncGenerator<TraceRecord> {
      yield* records
    }
    const result = await checkRecords(this.spec, stream(), { specOptions: this.specOptions, ...(concurrency !== undefined ? { concurrency } : {}) })
    this.#checked = this.#events.length
    const first = result.rules.flatMap((r) => (r.severity === 'error' ? r.violations : [])).sort((a, b) => a.line - b.line)[0]
    if (first !== undefined) throw new PropertyFailure(`${first.rule}: ${first.message} (emitted event ${first.line})`, first.rule, this.involving(first.key), undefined, first.key)
    const counted = result.rules.find((r) => r.severity === 'error' && r.count > 0)
    if (counted !== undefined) throw new PropertyFailure(`${counted.rule}: ${counted.count} violations`, counted.rule, this.involving(undefined))
  }

  /**
   * Events of `key` up to event `upTo` (all events when the key is unknown), as `N: json` lines, each
   * followed by what emitted it when known.
   */
  involving(key: string | undefined, upTo = this.#events.length): string[] {
    const out: string[] = []
    for (let i = 0; i < upTo; i++) {
      if (key !== undefined && this.#key(i) !== key) continue
      const source = this.#sources?.[i]
      out.push(`${i + 1}: ${this.#text(i)}${source === undefined ? '' : `  ← ${source}`}`)
    }
    return out
  }
}
