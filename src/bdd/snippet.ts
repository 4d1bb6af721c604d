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
