import path from 'node:path'
import { writeFileAtomic } from '../atomic-write.ts'
import type { ConformanceResult } from './check-trace.ts'
import { reportBaseName, stringifyReport, toProjectionReport, toValidationReport } from './origin-reports.ts'

/** The origin's `<name>-validation.json` and `<name>-projection.json`, written into `dir`. */
export async function writeTraceReports(dir: string, traceFile: string, result: ConformanceResult): Promise<string[]> {
  const name = reportBaseName(traceFile)
  const validation = path.join(dir, `${name}-validation.json`)
  const projection = path.join(dir, `${name}-projection.json`)
  await writeFileAtomic(validation, stringifyReport(toValidationReport(result)))
  await writeFileAtomic(projection, stringifyReport(toProjectionReport(result)))
  return [validation, projection]
}
