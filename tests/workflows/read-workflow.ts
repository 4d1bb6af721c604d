import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export interface Step {
  name?: string
  id?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
export interface Job {
  name?: string
  needs?: string | string[]
  if?: string
  permissions?: Record<string, string>
  strategy?: { matrix: Record<string, unknown[]> }
  env?: Record<string, string>
  outputs?: Record<string, string>
  steps: Step[]
}
export interface Workflow {
  on: Record<string, unknown>
  permissions: Record<string, string>
  env?: Record<string, string>
  jobs: Record<string, Job>
}

/** A workflow file of this repository (path relative to the root): its text and its parsed YAML. */
export function readWorkflow(file: string): { text: string; workflow: Workflow } {
  const text = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8')
  return { text, workflow: parse(text) as Workflow }
}

/**
 * `${{ … }}` expressions of a `run:` or `env:` value replaced by `values` (keyed by the expression's
 * text, e.g. `matrix.shard`); an expression without a value is an error, so nothing is left unresolved.
 */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const value = values[expression]
    if (value === undefined) throw new Error(`no value for \${{ ${expression} }} in ${JSON.stringify(text)}`)
    return value
  })
}
