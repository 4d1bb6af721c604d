#!/usr/bin/env node
/**
 * The official verifier's side of the edge differential test: Pact JS's `Verifier` over
 * tests/fixtures/contract-edge/contracts/edges.pact.json against the fixture's provider, verdicts by
 * description as JSON on stdout.
 */
import { fileURLToPath } from 'node:url'
import { Verifier } from '@pact-foundation/pact'
import start from '../fixtures/contract-edge/provider/service.mjs'

const pact = fileURLToPath(new URL('../fixtures/contract-edge/contracts/edges.pact.json', import.meta.url))
const server = start()
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
let output
try {
  output = await new Verifier({ provider: 'edge-provider', providerBaseUrl: `http://127.0.0.1:${server.address().port}`, pactUrls: [pact], logLevel: 'error' })
    .verifyProvider()
    .catch((error) => error.message)
} finally {
  server.close()
}
const report = JSON.parse(output)
const verdicts = Object.fromEntries(report.interactionResults.map((r) => [r.description, r.result === 'OK' ? 'passed' : 'failed']))
process.stdout.write(`\n${JSON.stringify(verdicts)}\n`)
