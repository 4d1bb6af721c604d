import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { openTrace } from '../../../src/trace/open-trace.ts'
import type { OpenedTrace, ReadTraceOptions, TraceRecord } from '../../../src/trace/types.ts'

/** A temporary folder for fixture files, removed by `remove`. */
export class TraceDir {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-trace-'))
  private count = 0

  /** Writes `content` to a new file (gzip-compressed when asked) and returns its path. */
  write(content: string | Buffer, options: { name?: string; gzip?: boolean } = {}): string {
    const file = path.join(this.dir, `${this.count++}-${options.name ?? 'trace.ndjson'}`)
    const bytes = typeof content === 'string' ? Buffer.from(content) : content
    writeFileSync(file, options.gzip ? gzipSync(bytes) : bytes)
    return file
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export interface ReadTrace extends Omit<OpenedTrace, 'records' | 'batches' | 'close'> {
  records: TraceRecord[]
}

/** Opens a trace and collects all its records. */
export async function readTrace(file: string, options?: ReadTraceOptions): Promise<ReadTrace> {
  const { format, gzip, records } = await openTrace(file, options)
  const all: TraceRecord[] = []
  for await (const record of records) all.push(record)
  return { format, gzip, records: all }
}

export function event(line: number, fields: Record<string, unknown>): TraceRecord {
  return { kind: 'event', line, event: fields }
}

export function invalid(line: number, message: string): TraceRecord {
  return { kind: 'invalid', line, message }
}
