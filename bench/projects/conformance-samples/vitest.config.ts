import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { specCiProjects } from 'vitest-spec-ci'

// The conformance project over this repository's samples/, listed the way this repository's
// vitest.workspace.ts lists it, with the repository root as the project root, summary reporter included.
export default defineConfig({
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  test: {
    projects: specCiProjects({
      conformance: {
        traces: [
          { include: 'samples/trace/inventory/**/*.ndjson', spec: 'inventory' },
          'samples/trace/**/*.ndjson',
          'samples/trace/**/*.otlp.json',
          'samples/trace/**/*.otlp.jsonl',
        ],
      },
    }),
  },
})
