#!/usr/bin/env node
/**
 * The official verifier's side of the differential test: runs Pact JS's `Verifier` (its Rust core) over
 * the corpus against the HTTP provider and message producers of one variant, in a plain Node process of
 * its own (the native core prints its report on stdout), and writes its verdict per interaction as JSON:
 *
 *   node tests/contract-differential/official-verify.mjs <variant> <out.json>
 *
 * `{ verdicts: { [description]: 'passed' | 'failed' }, errors: [...] }`.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Verifier, providerWithMetadata } from '@pact-foundation/pact'
import { producedMessage, requestProblem } from '../fixtures/contract-differential/provider/behaviour.mjs'
import { startDiffProvider } from '../fixtures/contract-differential/provider/server.mjs'
import states from '../fixtures/contract-differential/provider/states.mjs'

const [variant, out] = process.argv.slice(2)
if (!variant || !out) throw new Error('usage: official-verify.mjs <variant> <out.json>')
const pactsDir = fileURLToPath(new URL('../fixtures/contract-differential/pacts/', import.meta.url))
const pactUrls = readdirSync(pactsDir).filter((f) => f.endsWith('.json')).sort().map((f) => pactsDir + f)

/** Pact JS's message providers, one per description in the corpus, producing what the variant produces. */
const descriptions = pactUrls.flatMap((file) => {
  const pact = JSON.parse(readFileSync(file, 'utf8'))
  return [...(pact.messages ?? []), ...(pact.interactions ?? []).filter((i) => i.type && i.type !== 'Synchronous/HTTP')].map((m) => m.description)
})

const messageProviders = Object.fromEntries(
  descriptions.map((description) => [
    description,
    (descriptor) => {
      const problem = requestProblem(description, descriptor.content)
      if (problem) throw new Error(problem)
      const produced = producedMessage(variant, description)
      const message = Array.isArray(produced) ? produced[0] : produced
      return providerWithMetadata(() => message.contents, message.metadata ?? {})(descriptor)
    },
  ]),
)

const provider = await startDiffProvider(variant)
let result
try {
  result = await new Verifier({ provider: 'diff-provider', providerBaseUrl: provider.url, pactUrls, stateHandlers: states, messageProviders, logLevel: 'error' }).verifyProvider().then(
    (output) => ({ ok: true, output }),
    (error) => ({ ok: false, output: error.message }),
  )
} finally {
  await provider.close()
}
let report
try {
  report = JSON.parse(result.output)
} catch {
  report = undefined
}
const verdicts = {}
for (const r of report?.interactionResults ?? []) verdicts[r.description] = r.result === 'Error' ? 'failed' : r.result === 'OK' ? 'passed' : `unknown result ${JSON.stringify(r.result)}`
writeFileSync(out, JSON.stringify({ verdicts, ok: result.ok, raw: report ? undefined : String(result.output).slice(0, 4000), errors: report?.errors ?? [] }, null, 2))
