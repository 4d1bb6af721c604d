import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The CCK samples copied into tests/fixtures/cck/samples/ (from cucumber/compatibility-kit b01d5b2). */
export const cckRoot = fileURLToPath(new URL('../fixtures/cck/', import.meta.url))
export const cckSamplesDir = `${cckRoot}samples/`

export const cckSamples: string[] = readdirSync(cckSamplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()

/** The sample's feature files, as the pickles' uri names them (`samples/<name>/<file>`), in name order. */
export function featureFiles(sample: string): string[] {
  return readdirSync(`${cckSamplesDir}${sample}`)
    .filter((f) => f.endsWith('.feature') || f.endsWith('.feature.md'))
    .sort()
    .map((f) => `samples/${sample}/${f}`)
}

export function expectedNdjson(sample: string): string {
  return readFileSync(`${cckSamplesDir}${sample}/${sample}.ndjson`, 'utf8')
}

/** The extra cucumber-js arguments a sample is run with (`--retry 2`, `--order reverse`, `--error`). */
export function sampleArguments(sample: string): string[] {
  try {
    return readFileSync(`${cckSamplesDir}${sample}/${sample}.arguments.txt`, 'utf8').trim().split(/\s+/)
  } catch {
    return []
  }
}
