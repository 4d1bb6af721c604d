import { createRequire } from 'node:module'
import type { ErrorObject } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const require = createRequire(import.meta.url)
const schema = require('@cucumber/messages/schema') as object
const ajv = new Ajv2020({ allErrors: true, strict: false })
addFormats.default(ajv)
const validateEnvelope = ajv.compile(schema)

/** Each line that is not a valid `Envelope` of the installed @cucumber/messages' JSON Schema, with why. */
export function schemaProblems(ndjson: string): Array<{ line: number; errors: ErrorObject[] }> {
  const problems: Array<{ line: number; errors: ErrorObject[] }> = []
  ndjson.split('\n').forEach((text, i) => {
    if (text === '') return
    if (!validateEnvelope(JSON.parse(text))) problems.push({ line: i + 1, errors: validateEnvelope.errors ?? [] })
  })
  return problems
}
