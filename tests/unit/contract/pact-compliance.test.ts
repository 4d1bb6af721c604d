import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { matchResponse } from '../../../src/contract/match-http.ts'
import { matchMessage } from '../../../src/contract/match-message.ts'
import { readExpectedMessage } from '../../../src/contract/read-message.ts'
import { readExpectedRequest, readExpectedResponse } from '../../../src/contract/read-http.ts'
import { matchRequest, type ActualRequest } from './match-request.ts'

/**
 * Pact's own compliance cases (pact-specification, MIT; see tests/fixtures/pact-testcases/LICENSE):
 * every case of a kind we verify runs against the matcher and must give the case's answer.
 */
const casesDir = fileURLToPath(new URL('../../fixtures/pact-testcases/', import.meta.url))

interface PactCase {
  match: boolean
  comment: string
  expected: Record<string, unknown>
  actual: Record<string, unknown>
}

interface Listed {
  file: string
  version: number
  side: string
  data: PactCase
}

/** The cases of XML bodies, counted apart so a change in their number shows. */
function isXml(file: string, data: PactCase): boolean {
  const text = JSON.stringify(data)
  return /xml/i.test(path.basename(file)) || /application\/xml|text\/xml|"<\?xml/i.test(text)
}

function listCases(): Listed[] {
  const out: Listed[] = []
  for (const version of [2, 3, 4]) {
    const root = path.join(casesDir, `v${version}`)
    for (const side of readdirSync(root)) {
      for (const category of readdirSync(path.join(root, side))) {
        for (const name of readdirSync(path.join(root, side, category)).sort()) {
          const file = `v${version}/${side}/${category}/${name}`
          const data = JSON.parse(readFileSync(path.join(casesDir, file), 'utf8')) as PactCase
          out.push({ file, version, side, data })
        }
      }
    }
  }
  return out
}

function headersRecord(pairs: Array<[string, string]>): Record<string, string> {
  return Object.fromEntries(pairs)
}

function runCase(c: Listed): boolean {
  const { expected, actual } = c.data
  if (c.side === 'message') {
    const exp = readExpectedMessage(expected, c.version, 256).responses[0]!
    const act = readExpectedMessage(actual, c.version, 256).responses[0]!
    return matchMessage(exp, { contents: act.contents, metadata: Object.fromEntries(act.metadata) }).length === 0
  }
  if (c.side === 'response') {
    const exp = readExpectedResponse(expected, c.version, { statusRequired: false })
    const act = readExpectedResponse(actual, c.version, { statusRequired: false })
    return matchResponse(exp, { status: act.status, headers: headersRecord(act.headers), body: act.body }).length === 0
  }
  const exp = readExpectedRequest(expected, c.version)
  const act = readExpectedRequest(actual, c.version)
  const request: ActualRequest = { method: act.method, path: act.path, query: act.query, headers: headersRecord(act.headers), body: act.body }
  return matchRequest(exp, request).length === 0
}

/** Cases per version and side, every one run (none skipped); of them, the XML body cases. */
const PINNED_COUNTS = {
  run: { 'v2 request': 93, 'v2 response': 85, 'v3 message': 31, 'v3 request': 98, 'v3 response': 97, 'v4 message': 31, 'v4 request': 98, 'v4 response': 97 },
  xml: { 'v2 request': 23, 'v2 response': 27, 'v3 request': 23, 'v3 response': 30, 'v4 request': 23, 'v4 response': 30 },
}

const cases = listCases()

describe('Pact compliance cases', () => {
  for (const c of cases) test(`${c.file}: ${c.data.comment} (${c.data.match ? 'matches' : 'does not match'})`, () => expect(runCase(c)).toBe(c.data.match))

  test('every case file on disk is listed and runs: 630 cases, XML bodies and messages included (counts pinned per version and side)', () => {
    // Counted independently of listCases: a case in a folder the listing misses fails here.
    const onDisk = readdirSync(casesDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'))
    expect(cases.map((c) => c.file).sort()).toEqual(onDisk.map((f) => f.split(path.sep).join('/')).sort())
    expect(cases).toHaveLength(630)
    const tally = (list: Listed[]) => Object.fromEntries([...new Set(list.map((c) => `v${c.version} ${c.side}`))].sort().map((k) => [k, list.filter((c) => `v${c.version} ${c.side}` === k).length]))
    // A change in the cases (or in how they are listed) changes these numbers and must say why here.
    expect({ run: tally(cases), xml: tally(cases.filter((c) => isXml(c.file, c.data))) }).toEqual(PINNED_COUNTS)
  })
})
