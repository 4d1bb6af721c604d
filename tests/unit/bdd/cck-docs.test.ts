// docs/generate.md's CCK table says, per sample, what tests/integration/cucumber-cck.test.ts checks.
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { KNOWN_DIFFERENCES } from '../../cck/known-differences.ts'
import { cckSamples } from '../../cck/samples.ts'

test("docs/generate.md's CCK table lists every sample as the CCK test's known differences do", () => {
  const docs = readFileSync(new URL('../../../docs/generate.md', import.meta.url), 'utf8')
  const rows = Object.fromEntries(
    [...docs.matchAll(/^\| `([a-z0-9-]+)` \| (match|differs) \| (match|differs) \|/gm)].map((m) => [m[1], { statuses: m[2], messages: m[3] }]),
  )
  const expected = Object.fromEntries(
    cckSamples.map((s) => [s, { statuses: KNOWN_DIFFERENCES[s]?.statuses ? 'differs' : 'match', messages: KNOWN_DIFFERENCES[s]?.messages ? 'differs' : 'match' }]),
  )
  expect(rows).toEqual(expected)
  const matching = cckSamples.filter((s) => !KNOWN_DIFFERENCES[s]).length
  expect(docs).toContain(`CCK status (${matching} of ${cckSamples.length} samples match`)
})
