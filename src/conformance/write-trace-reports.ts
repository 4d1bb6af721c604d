import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ConformanceResult } from './check-trace.ts'
import { reportBaseName, stringifyReport, toProjectionReport, toValidationReport } from './origin-reports.ts'

/** Writes a file whole or not at all: a reader never sees half a report. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`
  await writeFile(temp, content)
  await rename(temp, file)
}

/** The origin's `<name>-validation.json` and `<name>-projection.json`, written into `dir`. */
export async function writeTraceReports(dir: string, traceFile: string, result: ConformanceResult): Promise<string[]> {
  const name = reportBaseName(traceFile)
  const validation = path.join(dir, `${name}-validation.json`)
  const projection = path.join(dir, `${name}-projection.json`)
  await writeFileAtomic(validation, stringifyReport(toValidationReport(result)))
  await writeFileAtomic(projection, stringifyReport(toProjectionReport(result)))
  return [validation, projection]
}
