import type { FailingHistory } from './operations/failing-history.ts'

/**
 * Thrown inside a run when a property breaks. It carries what a person needs to act: which rule or
 * expectation broke, and the emitted events involved, already formatted as numbered NDJSON lines.
 */
export class PropertyFailure extends Error {
  override name = 'PropertyFailure'
  constructor(
    message: string,
    /** The spec rule or property expectation that broke, e.g. `multiple-success` or `put result`. */
    readonly rule: string,
    /** Emitted events that show the problem, as `line: json` strings. */
    readonly events: readonly string[] = [],
    /** The operations of the failing run, per client, when the property generated them from a spec's operations. */
    readonly history?: FailingHistory,
    /** The key of the events that broke the rule, when they share one. */
    readonly key?: string,
  ) {
    super(message)
  }
}
