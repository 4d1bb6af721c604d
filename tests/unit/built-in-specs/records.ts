import type { TraceRecord } from '../../../src/trace/types.ts'

/** Records as the reader yields them for an NDJSON trace: one per line, lines numbered from 1. */
export async function* recordsOf(lines: ReadonlyArray<Record<string, unknown> | string>): AsyncIterable<TraceRecord> {
  let line = 0
  for (const item of lines) {
    line++
    if (typeof item === 'string') yield { kind: 'invalid', line, message: item }
    else yield { kind: 'event', line, event: item }
  }
}
