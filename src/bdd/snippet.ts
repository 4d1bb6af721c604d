import type { CucumberExpressionGenerator } from '@cucumber/cucumber-expressions'
import type { FeatureStep, StepKeywordType } from './types.ts'

const KEYWORD_BY_TYPE: Record<StepKeywordType, 'Given' | 'When' | 'Then'> = { Context: 'Given', Action: 'When', Outcome: 'Then', Unknown: 'Given' }

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/**
 * A step definition ready to paste into a step file for a step no definition matches: the expression
 * the step's text suggests (numbers and quoted strings become parameters), the world, the arguments,
 * and the data table or doc string.
 */
export function stepSnippet(step: Pick<FeatureStep, 'type' | 'text' | 'dataTable' | 'docString'>, generator: CucumberExpressionGenerator): string {
  const generated = generator.generateExpressions(step.text)[0]
  const expression = generated?.source ?? step.text
  const params = ['world', ...(generated?.parameterNames ?? [])]
  if (step.dataTable) params.push('dataTable')
  if (step.docString) params.push('docString')
  return [
    `${KEYWORD_BY_TYPE[step.type]}(${quote(expression)}, (${params.join(', ')}) => {`,
    `  // Write code here that turns the phrase above into concrete actions`,
    `})`,
  ].join('\n')
}

const TS_TYPES: Record<string, string> = { Number: 'number', String: 'string', Boolean: 'boolean', BigInt: 'bigint' }

/**
 * The snippets a `vitest-spec-ci/cucumber` step file takes for an undefined step, as Cucumber's
 * suggestion message offers them (the Cucumber Compatibility Kit's form): one per expression the
 * step's text suggests, no world argument (`this` is the world), typed parameters, returning
 * "pending"; the data table or doc string last, as cucumber-js passes them.
 */
export function cucumberSnippets(step: Pick<FeatureStep, 'type' | 'text' | 'dataTable' | 'docString'>, generator: CucumberExpressionGenerator): string[] {
  const generated = generator.generateExpressions(step.text)
  const expressions = generated.length > 0 ? generated.map((g) => ({ source: g.source, names: g.parameterNames, infos: g.parameterInfos })) : [{ source: step.text, names: [], infos: [] }]
  return expressions.map(({ source, names, infos }) => {
    const params = names.map((name, i) => `${name}: ${TS_TYPES[infos[i]?.type ?? ''] ?? 'unknown'}`)
    if (step.dataTable) params.push('dataTable: DataTable')
    if (step.docString) params.push('docString: string')
    return [`${KEYWORD_BY_TYPE[step.type]}(${JSON.stringify(source)}, (${params.join(', ')}) => {`, '  return "pending"', '})'].join('\n')
  })
}
