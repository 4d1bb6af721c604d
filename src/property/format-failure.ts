import type { PropertyOutcome } from './check-property.ts'

const MAX_EVENTS = 20

/**
 * The failure message of a property test: what broke, the seed, the shrunk counterexample, the events
 * involved and the command that replays it. Nothing in it depends on time, so a seed gives one message.
 */
export function formatPropertyFailure(outcome: PropertyOutcome, replay: string): string {
  const lines = [
    `Property "${outcome.name}" failed on run ${outcome.runs} of ${outcome.numRuns} (seed ${outcome.seed}, shrunk ${outcome.shrinks ?? 0} times).`,
    outcome.reason ?? '',
  ]
  if (outcome.counterexample !== undefined) lines.push('Counterexample (shrunk):', `  ${outcome.counterexample}`)
  const events = outcome.events ?? []
  if (events.length > 0) {
    lines.push('Offending events (emitted NDJSON, numbered as trace lines):', ...events.slice(0, MAX_EVENTS).map((e) => `  ${e}`))
    if (events.length > MAX_EVENTS) lines.push(`  … ${events.length - MAX_EVENTS} more`)
  }
  lines.push(`Replay: ${replay}`)
  return lines.join('\n')
}
