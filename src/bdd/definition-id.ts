import { createHash } from 'node:crypto'
import type { SourceRecord } from './run-record.ts'

/**
 * An id for a definition, hook or parameter type that every worker of a run computes alike: a hash of
 * what it is and where it was written, with the occurrence number for several made at one place (a
 * helper registering the same hook twice).
 */
export function definitionId(kind: string, source: SourceRecord | undefined, what: string, occurrence: number): string {
  const where = source ? `${source.uri}:${source.line}:${source.column ?? 0}` : '?'
  return createHash('sha1').update(`${kind}\0${where}\0${what}\0${occurrence}`).digest('hex').slice(0, 16)
}
