import path from 'node:path'
import { writeChunksAtomic } from '../atomic-write.ts'
import { reportChunks } from '../json/report-chunks.ts'
import type { ConformanceResult } from './check-trace.ts'
import { reportBaseName, toValidationReport } from './origin-reports.ts'
import { projectionReport } from './projection-report.ts'

/** The origin's `<name>-validation.json` and `<name>-projection.json`, written into `dir`. */
export async function writeTraceReports(dir: string, traceFile: string, result: ConformanceResult): Promise<string[]> {
  const name = reportBaseName(traceFile)
  const validation = path.join(dir, `${name}-validation.json`)
  const projection = path.join(dir, `${name}-projection.json`)
  // Streamed: a projection of 286,000 keys is some 20 MB of text, never built as one string, and its
  // per-key entries are written from the checker's tables, never built as objects.
  await writeChunksAtomic(validation, reportChunks(toValidationReport(result)))
  await writeChunksAtomic(projection, reportChunks(projectionReport(result.format, result.projection)))
  return [validation, projection]
}
