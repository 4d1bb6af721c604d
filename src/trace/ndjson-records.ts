import { jsonTypeName } from './json-type-name.ts'
import type { LineRecordSink } from './line-records.ts'
import type { TraceRecord } from './types.ts'

/** NDJSON: every non-blank line is one event object. The hot path of large traces: keep it lean. */
export class NdjsonRecordSink implements LineRecordSink {
  out: TraceRecord[] = []

  line(text: string, line: number): void {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      this.out.push({ kind: 'invalid', line, message: `line is not valid JSON: ${(error as Error).message}` })
      return
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      this.out.push({ kind: 'event', line, event: value as Record<string, unknown> })
    } else {
      this.out.push({ kind: 'invalid', line, message: `line is not a JSON object (found ${jsonTypeName(value)})` })
    }
  }

  invalidLine(line: number, message: string): void {
    this.out.push({ kind: 'invalid', line, message })
  }

  finish(): void {}
}
