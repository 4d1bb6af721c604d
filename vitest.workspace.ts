import type { TestProjectConfiguration } from 'vitest/config'
import { specCiProjects } from './plugin/index.ts'

/**
 * This repository's projects: `unit` is the package's own suite; the spec projects run over samples/
 * exactly as a user's config would, from source so no build is needed first.
 */
export default [
  {
    test: {
      name: 'unit',
      include: ['tests/**/*.test.ts'],
      exclude: ['tests/fixtures/**', '**/node_modules/**'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
  ...specCiProjects({
    contract: {
      contracts: ['samples/contracts/**/*.json'],
      provider: { start: 'samples/contracts/provider.ts', states: 'samples/contracts/states.ts' },
    },
    generate: {
      manifests: ['samples/*.generate.yml'],
      // The generated feature (a committed artifact of samples/kvonce.generate.yml) runs as smoke too.
      features: ['samples/features/**/*.feature', 'samples/artifacts/**/*.feature'],
      steps: ['samples/kvonce/steps/**/*.ts', 'samples/inventory/steps/**/*.ts'],
    },
    property: { include: ['samples/**/*.property.ts'] },
    conformance: {
      traces: [
        { include: 'samples/trace/inventory/**/*.ndjson', spec: 'inventory', specOptions: { minOnHand: 0 } },
        'samples/trace/**/*.ndjson',
        'samples/trace/**/*.otlp.json',
        'samples/trace/**/*.otlp.jsonl',
      ],
    },
  }),
] satisfies TestProjectConfiguration[]
