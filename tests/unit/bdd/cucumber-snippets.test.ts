import { CucumberExpressionGenerator, ParameterTypeRegistry } from '@cucumber/cucumber-expressions'
import { expect, test } from 'vitest'
import { cucumberSnippets } from '../../../src/bdd/snippet.ts'

const registry = new ParameterTypeRegistry()
const generator = new CucumberExpressionGenerator(() => registry.parameterTypes)

test("the cucumber entry's snippets: one per suggested expression, typed parameters, no world argument, returning pending", () => {
  expect(cucumberSnippets({ type: 'Context', text: 'a list of 3 things' }, generator)).toEqual([
    'Given("a list of {int} things", (int: number) => {\n  return "pending"\n})',
    'Given("a list of {float} things", (float: number) => {\n  return "pending"\n})',
  ])
  expect(cucumberSnippets({ type: 'Outcome', text: 'it says "hi"' }, generator)).toEqual(['Then("it says {string}", (string: string) => {\n  return "pending"\n})'])
  expect(cucumberSnippets({ type: 'Action', text: 'a "quoted\\\\" step', dataTable: [['a']], docString: { content: 'x' } }, generator)[0]).toBe(
    'When("a {string} step", (string: string, dataTable: DataTable, docString: string) => {\n  return "pending"\n})',
  )
})
