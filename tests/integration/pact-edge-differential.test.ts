import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { runFixture } from './run-fixture.ts'

/**
 * Edge cases of reading a pact where this project once differed from the official Pact JS verifier,
 * found by probing it (issue 16): an unknown generator type (the official verifier ignores it; this
 * project failed the interaction as an invalid contract), `eachKey`/`eachValue` over an object missing
 * the example's keys (both pass), `values` there (both fail). Both verifiers run over one V4 pact
 * (tests/fixtures/contract-edge/) against one provider; every verdict must agree.
 */
const officialScript = fileURLToPath(new URL('../contract-differential/official-edge-verify.mjs', import.meta.url))

describe('pact edge cases: the official Pact verifier and ours', () => {
  test('give the same verdict on every interaction', { timeout: 120_000 }, async () => {
    const [official, ours] = await Promise.all([
      promisify(execFile)(process.execPath, [officialScript], { timeout: 100_000 }).then(({ stdout }) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string>),
      runFixture('contract-edge'),
    ])
    const oursByName = Object.fromEntries(ours.cases.map((c) => [c.name.split(' > ').pop()!, c.state]))
    expect(Object.keys(official).sort()).toEqual(Object.keys(oursByName).sort())
    expect(oursByName).toEqual(official)
    // the cases are not vacuous: some pass and some fail on both sides
    expect(new Set(Object.values(official))).toEqual(new Set(['passed', 'failed']))
  })
})
