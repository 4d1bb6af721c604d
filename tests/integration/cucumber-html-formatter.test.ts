// Our Cucumber Messages read by Cucumber's own HTML formatter: the NDJSON that real runs of CCK
// samples wrote (attachments, hooks, retries, every status) is valid against the messages' JSON Schema
// and @cucumber/html-formatter turns it into a page that carries every message.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { CucumberHtmlStream } from '@cucumber/html-formatter'
import type { Envelope } from '@cucumber/messages'
import { afterEach, describe, expect, test } from 'vitest'
import { schemaProblems } from '../cck/messages-schema.ts'
import { tempDir } from './reporter-helpers.ts'
import { runFixture } from './run-fixture.ts'

const savedEnv = { CCK_SAMPLE: process.env.CCK_SAMPLE, SPEC_CI_REPORT_DIR: process.env.SPEC_CI_REPORT_DIR }
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

async function html(envelopes: Envelope[]): Promise<string> {
  const chunks: string[] = []
  const out = Readable.from(envelopes).pipe(new CucumberHtmlStream())
  for await (const chunk of out) chunks.push(String(chunk))
  return chunks.join('')
}

describe('@cucumber/html-formatter reads our messages', () => {
  for (const sample of ['all-statuses', 'attachments', 'global-hooks-attachments', 'retry']) {
    test(sample, async () => {
      const dir = tempDir(`cck-html-${sample}`)
      process.env.CCK_SAMPLE = sample
      process.env.SPEC_CI_REPORT_DIR = dir
      await runFixture('cck')
      const ndjson = readFileSync(path.join(dir, 'bdd/cucumber-messages.ndjson'), 'utf8')
      expect(schemaProblems(ndjson)).toEqual([])
      const envelopes = ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Envelope)
      expect(envelopes.some((e) => e.testCaseStarted)).toBe(true)
      const page = await html(envelopes)
      expect(page).toMatch(/^<!DOCTYPE html>/i)
      // The page embeds the messages it renders: every one of ours is there.
      for (const e of envelopes.filter((x) => x.testStepFinished)) expect(page).toContain(JSON.stringify(e).replace(/</g, '\\x3C'))
    })
  }
})
