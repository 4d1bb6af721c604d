// The Cucumber Messages writer against the Cucumber Compatibility Kit, without running anything: each
// sample's expected NDJSON is read back into the run records a harness would fill, and the writer,
// given those records and our own parse of the sample's feature files, must write the sample's
// messages again (ids, timestamps, durations, stack traces and meta's machine fields aside).
import { readFileSync } from 'node:fs'
import type { Envelope } from '@cucumber/messages'
import { describe, expect, test } from 'vitest'
import { compileFeature } from '../../../src/bdd/compile-feature.ts'
import { cucumberEnvelopes } from '../../../src/bdd/messages/cucumber-envelopes.ts'
import type { FeatureSource } from '../../../src/bdd/messages/feature-source.ts'
import { featureSourceOf } from '../../../plugin/generate/feature-sources.ts'
import { runMeta } from '../../../src/bdd/messages/meta.ts'
import { normaliseMessages } from '../../cck/normalise-messages.ts'
import { recordsFromMessages } from '../../cck/records-from-messages.ts'
import { cckRoot, cckSamples, expectedNdjson, featureFiles } from '../../cck/samples.ts'

/** Samples the writer cannot reproduce, and why; the test fails if one of them starts to match. */
const KNOWN_DIFFERENCES: Record<string, string> = {}

function sourceOf(uri: string): FeatureSource {
  const data = readFileSync(`${cckRoot}${uri}`, 'utf8')
  const compiled = compileFeature(data, uri)
  if (!compiled.ok) throw new Error(`${uri}: ${compiled.problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`)
  return featureSourceOf(uri, data, compiled)
}

function rewrite(sample: string): { ours: unknown[]; expected: unknown[] } {
  const text = expectedNdjson(sample)
  const envelopes = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Envelope)
  const { runs, runError } = recordsFromMessages(envelopes)
  // Sources in the order the expected messages list them (the run's file order).
  const uris = envelopes.flatMap((e) => (e.source ? [e.source.uri] : []))
  expect(uris.slice().sort()).toEqual(featureFiles(sample))
  const lines = [
    ...cucumberEnvelopes({
      meta: runMeta({ name: 'vitest-spec-ci', version: '0.0.0' }),
      sources: uris.map(sourceOf),
      runs,
      startedMs: 0,
      finishedMs: 1,
      strict: true,
      ...(runError && { runError }),
    }),
  ].map((e) => JSON.stringify(e))
  return { ours: normaliseMessages(lines.join('\n')), expected: normaliseMessages(text) }
}

describe('the messages writer rewrites each CCK sample from its records', () => {
  for (const sample of cckSamples) {
    const known = KNOWN_DIFFERENCES[sample]
    test(known ? `${sample} (known difference: ${known})` : sample, () => {
      if (!known) {
        const { ours, expected } = rewrite(sample)
        expect(ours).toEqual(expected)
        return
      }
      let matches = false
      try {
        const { ours, expected } = rewrite(sample)
        matches = JSON.stringify(ours) === JSON.stringify(expected)
      } catch {
        matches = false
      }
      expect(matches, `${sample} now matches: remove it from KNOWN_DIFFERENCES`).toBe(false)
    })
  }
})
