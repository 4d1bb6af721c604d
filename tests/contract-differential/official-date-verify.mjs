#!/usr/bin/env node
/**
 * The official verifier's side of the date/time pattern differential test: one V3 pact with one
 * interaction per (format, value) case, each expecting a body field `v` under a `timestamp` matcher with
 * that format, verified by Pact JS's `Verifier` (its Rust core) against a provider that returns the value.
 *
 *   node tests/contract-differential/official-date-verify.mjs <cases.json> <out.json>
 *
 * cases.json: `[[format, value], ...]`; out.json: `{ verdicts: ['passed' | 'failed', ...] }` by index.
 */
import { createServer } from 'node:http'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { officialVerdicts } from './run-official-verifier.mjs'

const [casesFile, out] = process.argv.slice(2)
const cases = JSON.parse(readFileSync(casesFile, 'utf8'))
const interactions = cases.map(([format, value], i) => ({
  description: `case ${i}`,
  request: { method: 'GET', path: `/c/${i}` },
  response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { v: value }, matchingRules: { body: { '$.v': { matchers: [{ match: 'timestamp', format }] } } } },
}))
const pactFile = path.join(path.dirname(out), 'dates.pact.json')
writeFileSync(pactFile, JSON.stringify({ consumer: { name: 'dates' }, provider: { name: 'dates-provider' }, interactions, metadata: { pactSpecification: { version: '3.0.0' } } }))
const server = createServer((req, res) => {
  const i = Number(String(req.url).split('/').pop())
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ v: cases[i]?.[1] }))
})
const verdicts = await officialVerdicts(server, [pactFile], 'dates-provider')
writeFileSync(out, JSON.stringify({ verdicts: cases.map((_, i) => verdicts[`case ${i}`] ?? 'failed') }))
