import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomicSync } from '../../atomic-write.ts'
import { SpecCiConfigError } from '../../errors.ts'
import type { FailingHistory } from './failing-history.ts'

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60)

/**
 * The directory of `writeFailingHistory`, resolved against the project root; it must stay inside it
 * (a test run writes no file elsewhere).
 */
export function failingHistoryDir(root: string, dir: string): string {
  if (typeof dir !== 'string' || dir.trim() === '')
    throw new SpecCiConfigError(`describeSpecProperties: writeFailingHistory is ${JSON.stringify(dir)}; expected a directory inside the project, e.g. "spec-ci-reports/histories"`)
  const resolved = path.resolve(root, dir)
  const rel = path.relative(root, resolved)
  if (rel.startsWith('..') || path.isAbsolute(rel))
    throw new SpecCiConfigError(`describeSpecProperties: writeFailingHistory ${JSON.stringify(dir)} is outside the project root ${root}; give a directory inside it, e.g. "spec-ci-reports/histories"`)
  return resolved
}

/** Writes the failing run's trace as NDJSON, named after the spec, the property and the seed; returns its path. */
export function writeFailingHistory(dir: string, spec: string, property: string, seed: number, history: FailingHistory): string {
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${slug(spec)}-${slug(property)}-seed-${seed}.ndjson`)
  writeFileAtomicSync(file, history.trace.lines.map((l) => `${l}\n`).join(''))
  return file
}
