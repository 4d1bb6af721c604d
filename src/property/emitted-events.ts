import type { SpecChecker, SpecModel, Violation } from '../spec-model/types.ts'
import { PropertyFailure } from './property-failure.ts'

/**
 * The events one run of an implementation emitted, checked by the same conformance engine that checks
 * recorded traces: event N of the run is line N of the trace it would have written.
 */
export class EmittedEvents {
  readonly #lines: string[] = []
  readonly #keys: Array<string | undefined> = []
  readonly #checker: SpecChecker
  #checked = 0

  constructor(spec: SpecModel, specOptions: object) {
    this.#checker = spec.createChecker(specOptions)
  }

  get count(): number {
    return this.#lines.length
  }

  /** Takes the event as JSON, exactly as a trace file would hold it. */
  push(event: object): void {
    let json: string
    try {
      json = JSON.stringify(event) ?? 'null'
    } catch (error) {
      json = JSON.stringify({ unserializable: String((error as Error).message) })
    }
    this.#lines.push(json)
    const key = (event as { key?: unknown }).key
    this.#keys.push(typeof key === 'string' ? key : undefined)
  }

  /** Replays the events emitted since the last call; throws on the first violation of any rule. */
  checkNew(): void {
    const violations: Violation[] = []
    const report = (v: Violation): void => void violations.push(v)
    for (; this.#checked < this.#lines.length; this.#checked++) {
      const line = this.#checked + 1
      const event: unknown = JSON.parse(this.#lines[this.#checked]!)
      const record =
        event !== null && typeof event === 'object' && !Array.isArray(event)
          ? { kind: 'event' as const, line, event: event as Record<string, unknown> }
          : { kind: 'invalid' as const, line, message: `event ${line} is not a JSON object` }
      this.#checker.check(record, report)
      if (violations.length > 0) {
        this.#checked++
        const first = violations.sort((a, b) => a.line - b.line)[0]!
        throw new PropertyFailure(`${first.rule}: ${first.message} (emitted event ${first.line})`, first.rule, this.involving(first.key, line))
      }
    }
  }

  /** Events of `key` up to event `upTo` (all events when the key is unknown), as `N: json` lines. */
  involving(key: string | undefined, upTo = this.#lines.length): string[] {
    const out: string[] = []
    for (let i = 0; i < upTo; i++) if (key === undefined || this.#keys[i] === key) out.push(`${i + 1}: ${this.#lines[i]}`)
    return out
  }
}
