import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { VARIANTS } from '../fixtures/contract-differential/provider/behaviour.mjs'
import { startDiffProvider } from '../fixtures/contract-differential/provider/server.mjs'
import { fixturesDir, runFixture } from './run-fixture.ts'

/**
 * Differential test (issue 16): the official Pact JS verifier and this project's contract project give
 * the same verdict on every interaction of one corpus, for a correct provider and for buggy ones.
 *
 * - Corpus: tests/fixtures/contract-differential/pacts/, written by Pact JS's own consumer DSL (PactV3,
 *   PactV4, V3 and V4 messages) with tests/contract-differential/generate-corpus.mjs.
 * - Providers: tests/fixtures/contract-differential/provider/behaviour.mjs, a correct one and buggy ones
 *   with at most one bug per interaction.
 * - Official side: tests/contract-differential/official-verify.mjs in a Node process of its own.
 * - Our side: a real Vitest run of the fixture project tests/fixtures/contract-differential/.
 *
 * A verdict is per interaction: passed or failed (our skipped counts as its own verdict, so a skipped
 * interaction never agrees with either). Paths and messages may differ; verdicts may not, except the
 * disagreements listed in KNOWN, which must still occur (a fixed one fails here until it is taken off).
 */

/** `${variant} ${description}: official <verdict>, ours <verdict>`, each with why. */
const KNOWN: Record<string, string> = {}

const officialScript = fileURLToPath(new URL('../contract-differential/official-verify.mjs', import.meta.url))
const pactsDir = path.join(fixturesDir, 'contract-differential', 'pacts')
const scratch = mkdtempSync(path.join(tmpdir(), 'pact-differential-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

type Verdict = 'passed' | 'failed' | 'skipped' | 'absent'

function corpusDescriptions(): string[] {
  return readdirSync(pactsDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const pact = JSON.parse(readFileSync(path.join(pactsDir, f), 'utf8')) as { interactions?: Array<{ description: string }>; messages?: Array<{ description: string }> }
      return [...(pact.interactions ?? []), ...(pact.messages ?? [])].map((i) => i.description)
    })
    .sort()
}

interface OfficialMismatch {
  type?: string
  path?: string
  key?: string
}

interface OfficialRun {
  verdicts: Record<string, Verdict>
  /** Where the official verifier saw each failing interaction's mismatches, as places in our paths. */
  places: Record<string, string[]>
}

/** Our label of a description's body: `$.body`, a message's `$.contents`, a synchronous one's first response. */
function bodyLabel(description: string): string {
  if (description.endsWith('a price is quoted')) return '$.response[0].contents'
  return /a user was deleted|an order was placed/.test(description) ? '$.contents' : '$.body'
}

/** An official mismatch as a place in our paths; undefined when it names none (a body type). */
function placeOf(description: string, m: OfficialMismatch): string | undefined {
  if (m.type === 'StatusMismatch') return 'status'
  if (m.type === 'HeaderMismatch' && m.key) return `$.headers.${m.key.toLowerCase()}`
  if (m.type === 'MetadataMismatch' && m.key) return `$.metadata.${m.key}`
  if (m.type === 'BodyMismatch' && m.path) return bodyLabel(description) + (m.path === '/' ? '' : m.path.slice(1))
  return undefined
}

async function official(variant: string): Promise<OfficialRun> {
  const out = path.join(scratch, `${variant}.json`)
  await promisify(execFile)(process.execPath, [officialScript, variant, out], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 })
  const report = JSON.parse(readFileSync(out, 'utf8')) as { verdicts: Record<string, Verdict>; errors: Array<{ interaction: string; mismatch: { mismatches?: OfficialMismatch[] } }> }
  const places: Record<string, string[]> = {}
  for (const description of Object.keys(report.verdicts)) {
    const error = report.errors.find((e) => e.interaction.endsWith(` - ${description}`))
    if (error) places[description] = (error.mismatch.mismatches ?? []).flatMap((m) => placeOf(description, m) ?? [])
  }
  return { verdicts: report.verdicts, places }
}

interface OurRun {
  verdicts: Record<string, Verdict>
  /** Each failing interaction's mismatch paths. */
  paths: Record<string, string[]>
}

async function ours(variant: string): Promise<OurRun> {
  const provider = await startDiffProvider(variant)
  const previous = process.env.SPEC_CI_PROVIDER_URL
  process.env.SPEC_CI_PROVIDER_URL = provider.url
  process.env.SPEC_CI_DIFF_VARIANT = variant
  try {
    const run = await runFixture('contract-differential')
    const verdicts: Record<string, Verdict> = {}
    const paths: Record<string, string[]> = {}
    for (const c of run.cases) {
      const description = c.name.split(' > ').at(-1)!
      verdicts[description] = c.state === 'passed' ? 'passed' : c.state === 'failed' ? 'failed' : 'skipped'
      paths[description] = ((c.meta.specCi as { mismatches?: Array<{ path: string }> } | undefined)?.mismatches ?? []).map((m) => m.path)
    }
    return { verdicts, paths }
  } finally {
    if (previous === undefined) delete process.env.SPEC_CI_PROVIDER_URL
    else process.env.SPEC_CI_PROVIDER_URL = previous
    delete process.env.SPEC_CI_DIFF_VARIANT
    await provider.close()
  }
}

/** Indexes aside (Pact names a list where we name its element), ours is the official place or below it. */
function atOrBelow(ours: string, place: string): boolean {
  const plain = (p: string) => p.replace(/\[\d+\]/g, '')
  const o = plain(ours)
  const t = plain(place)
  return o === t || o.startsWith(`${t}.`) || o.startsWith(`${t}[`)
}

describe('the official Pact JS verifier and the contract project agree per interaction', () => {
  const descriptions = corpusDescriptions()
  const found: Record<string, { official: Verdict; ours: Verdict }> = {}

  test.each([...VARIANTS])('provider %s', { timeout: 120_000 }, async (variant) => {
    const [officialRun, ourRun] = await Promise.all([official(variant), ours(variant)])
    const theirs = officialRun.verdicts
    const mine = ourRun.verdicts
    // Both sides saw the whole corpus, once per interaction.
    expect(Object.keys(theirs).sort()).toEqual(descriptions)
    expect(Object.keys(mine).sort()).toEqual(descriptions)
    if (variant === 'correct') expect(Object.entries(theirs).filter(([, v]) => v !== 'passed')).toEqual([])
    const disagreements: string[] = []
    for (const d of descriptions) {
      found[`${variant} ${d}`] = { official: theirs[d] ?? 'absent', ours: mine[d] ?? 'absent' }
      if (theirs[d] !== mine[d]) disagreements.push(`${variant} ${d}: official ${theirs[d]}, ours ${mine[d]}`)
    }
    const known = Object.keys(KNOWN).filter((k) => k.startsWith(`${variant} `))
    expect({ new: disagreements.filter((d) => !known.includes(d)), gone: known.filter((k) => !disagreements.includes(k)) }).toEqual({ new: [], gone: [] })

    // Where both fail, for the same reason: one of our mismatches is at a place the official verifier
    // names, or deeper (a verdict reached through another fault would agree by chance).
    let compared = 0
    const elsewhere = descriptions.flatMap((d) => {
      const places = officialRun.places[d]
      if (theirs[d] !== 'failed' || mine[d] !== 'failed' || !places || places.length === 0) return []
      compared++
      const ourPaths = ourRun.paths[d] ?? []
      return ourPaths.some((p) => places.some((place) => atOrBelow(p, place))) ? [] : [`${d}: official at ${places.join(', ')}; ours at ${ourPaths.join(', ') || 'no mismatch (another failure)'}`]
    })
    expect(elsewhere).toEqual([])
    // Every interaction both fail is compared so (none hides behind a report the test cannot read).
    expect(compared).toBe(descriptions.filter((d) => theirs[d] === 'failed' && mine[d] === 'failed').length)
  })

  test('the buggy providers are caught: every interaction fails under the official verifier for some buggy provider', () => {
    for (const d of descriptions) {
      const caught = VARIANTS.filter((v) => v !== 'correct').some((v) => found[`${v} ${d}`]?.official === 'failed')
      expect(caught, d).toBe(true)
    }
  })
})
