// The sample generator: reads the KvOnce spec in data form (samples/specs/) and the templates
// (samples/templates/) and writes into --out DIR: a JSON Schema of the trace events, a .feature with one
// scenario per example, and a manifest with the generation time (a volatile field the drift check ignores).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

const args = process.argv.slice(2)
const out = args[args.indexOf('--out') + 1]
const specFile = args.includes('--spec') ? args[args.indexOf('--spec') + 1] : 'samples/specs/kvonce.spec.yml'
if (!out || args.indexOf('--out') === -1) {
  process.stderr.write('usage: generate.mjs --out DIR [--spec FILE]\n')
  process.exit(2)
}

const spec = parse(readFileSync(specFile, 'utf8'), { uniqueKeys: true })
const template = (name) => readFileSync(path.join('samples/templates', name), 'utf8')
const fill = (text, values) => text.replace(/\{\{(\w+)\}\}/g, (_, key) => {
  if (!(key in values)) throw new Error(`template placeholder {{${key}}} has no value`)
  return values[key]
})

function eventSchema(type, event) {
  const properties = { type: { const: type }, event: { const: type }, ...spec.common }
  for (const [field, shape] of Object.entries(event.fields ?? {})) {
    properties[field] = field === 'context' && shape.attempt
      ? {
          description: 'Attempt number: (earlier retries of the key) + 1.',
          oneOf: [
            { type: 'object', properties: { attempt: { type: 'integer', minimum: 1 }, attempts: { type: 'integer', minimum: 1 } } },
            { type: 'integer', minimum: 1 },
            { type: 'string' },
            { type: 'null' },
          ],
        }
      : shape
  }
  return { title: `${type} event`, description: event.description, type: 'object', required: ['type', 'key'], properties }
}

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `https://vitest-spec-ci.dev/schemas/${spec.spec}-events.json`,
  title: `${spec.title}: trace events`,
  description: `One line of a ${spec.spec} NDJSON trace. Rules over sequences of events: ${Object.keys(spec.rules).join(', ')}.`,
  oneOf: Object.entries(spec.events).map(([type, event]) => eventSchema(type, event)),
}

function steps(example) {
  const lines = []
  if (example.faults > 0) lines.push(`    Given the first ${example.faults} write attempts of "${example.writes[0][0]}" fail`)
  example.writes.forEach(([key, value], i) => {
    const last = i === example.writes.length - 1
    lines.push(last ? `    When I put "${key}" = "${value}"` : `    ${lines.length === 0 ? 'Given' : 'And'} "${key}" was put with "${value}"`)
  })
  lines.push(`    Then the put result is "${example.results.at(-1)}"`)
  for (const [key, value] of Object.entries(example.reads ?? {})) lines.push(`    And "${key}" reads "${value}"`)
  if (example.retries !== undefined) lines.push(`    And the store emitted ${example.retries} retry events for "${example.writes[0][0]}"`)
  return lines.join('\n')
}

const scenarios = spec.examples.map((example) => fill(template('scenario.feature.tmpl'), { name: example.name, steps: steps(example), spec: spec.spec })).join('')
const feature = fill(template('feature.feature.tmpl'), {
  specFile: path.basename(specFile),
  title: spec.title,
  spec: spec.spec,
  maxRetries: String(spec.options.maxRetries.default),
  scenarios: scenarios.replace(/\n$/, ''),
})

mkdirSync(out, { recursive: true })
const files = {
  [`${spec.spec}-events.schema.json`]: `${JSON.stringify(schema, null, 2)}\n`,
  [`${spec.spec}.generated.feature`]: feature,
}
for (const [name, content] of Object.entries(files)) writeFileSync(path.join(out, name), content)
writeFileSync(
  path.join(out, 'manifest.json'),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), spec: spec.spec, source: specFile, files: Object.keys(files).sort() }, null, 2)}\n`,
)
