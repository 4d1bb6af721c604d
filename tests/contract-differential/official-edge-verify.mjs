#!/usr/bin/env node
/**
 * The official verifier's side of the edge differential test: Pact JS's `Verifier` over
 * tests/fixtures/contract-edge/contracts/edges.pact.json against the fixture's provider, verdicts by
 * description as JSON on stdout.
 */
import { fileURLToPath } from 'node:url'
import { officialVerdicts } from './run-official-verifier.mjs'
import start from '../fixtures/contract-edge/provider/service.mjs'

const pact = fileURLToPath(new URL('../fixtures/contract-edge/contracts/edges.pact.json', import.meta.url))
const verdicts = await officialVerdicts(start(), [pact], 'edge-provider')
process.stdout.write(`\n${JSON.stringify(verdicts)}\n`)
