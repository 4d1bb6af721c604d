import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'
import type { ConformanceSection } from '../../src/report/sections/conformance.ts'
import type { Summary } from '../../src/report/summary-types.ts'
import { repoRoot, runVitestCli, type CliResult } from './run-cli.ts'

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/summary.schema.json'), 'utf8')) as object
const ajv = new Ajv2020({ allErrors: true, strict: true })
addFormats.default(ajv)
const validateSummary = ajv.compile(schema)

/** Checks a summary against the schema the package ships; fails the test with ajv's messages. */
export function expectValidSummary(summary: unknown): void {
  const valid = validateSummary(summary)
  expect(valid ? [] : validateSummary.errors).toEqual([])
}

export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `spec-ci-${label}-`))
}

export interface ReportRun extends CliResult {
  dir: string
  summary: Summary & { conformance: ConformanceSection }
  summaryText: string
  markdown: string
  /** Every file under the report directory, relative, with its content. */
  files: Record<string, string>
}

export function readReportDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (sub: string): void => {
    for (const name of readdirSync(path.join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel)
      else files[rel] = readFileSync(path.join(dir, rel), 'utf8')
    }
  }
  walk('')
  return files
}

/** `vitest <args>` in a fixture with the report directory in a fresh temp dir; the summary read back and validated. */
export async function runWithReport(fixture: string, args: string[], env: Record<string, string | undefined> = {}): Promise<ReportRun> {
  const dir = env.SPEC_CI_REPORT_DIR ?? tempDir(fixture)
  const result = await runVitestCli(fixture, args, { SPEC_CI_REPORT_DIR: dir, ...env })
  const summaryText = readFileSync(path.join(dir, 'spec-ci/summary.json'), 'utf8')
  const summary = JSON.parse(summaryText) as ReportRun['summary']
  expectValidSummary(summary)
  return { ...result, dir, summary, summaryText, markdown: readFileSync(path.join(dir, 'spec-ci/summary.md'), 'utf8'), files: readReportDir(dir) }
}

/** A summary's text with what may differ between identical runs (time, durations) blanked out. */
export function withoutVolatile(text: string): string {
  return text.replace(/"generatedAt": "[^"]*"/g, '"generatedAt": "…"').replace(/"durationMs": \d+(\.\d+)?/g, '"durationMs": 0')
}
