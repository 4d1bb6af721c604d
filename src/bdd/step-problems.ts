import { describeDefinition, type StepDefinition } from './step-registry.ts'
import type { FeatureStep } from './types.ts'

export interface UndefinedStep {
  keyword: string
  text: string
  line: number
  snippet: string
}

export interface AmbiguousStep {
  keyword: string
  text: string
  line: number
  /** Each matching definition, as `Given('…') file:line`. */
  matches: string[]
}

export function ambiguousStep(step: FeatureStep, definitions: readonly StepDefinition[], relative?: (file: string) => string): AmbiguousStep {
  return { keyword: step.keyword, text: step.text, line: step.line, matches: definitions.map((d) => describeDefinition(d, relative)) }
}

/** The failure of a scenario with undefined steps: where each one is, and code to paste for it. */
export function formatUndefinedSteps(displayFile: string, steps: readonly UndefinedStep[]): string {
  const head =
    steps.length === 1
      ? `Undefined step at ${displayFile}:${steps[0]!.line}: ${steps[0]!.keyword} ${steps[0]!.text}`
      : `${steps.length} undefined steps in this scenario:\n${steps.map((s) => `  ${displayFile}:${s.line}: ${s.keyword} ${s.text}`).join('\n')}`
  const snippets = [...new Set(steps.map((s) => s.snippet))]
  return `${head}\n\nImplement ${snippets.length === 1 ? 'it' : 'them'} in a step file (paste and fill in):\n\n${snippets.join('\n\n')}`
}

/** The failure of a scenario whose step several definitions match: every match, and how to fix it. */
export function formatAmbiguousSteps(displayFile: string, steps: readonly AmbiguousStep[]): string {
  const blocks = steps.map(
    (s) => `Ambiguous step at ${displayFile}:${s.line}: ${s.keyword} ${s.text}\nIt matches ${s.matches.length} step definitions:\n${s.matches.map((m) => `  ${m}`).join('\n')}`,
  )
  return `${blocks.join('\n\n')}\n\nHint: keep one definition per phrase: remove the duplicates or make their expressions more specific.`
}
