import { fileURLToPath } from 'node:url'
import type { TestProjectConfiguration } from 'vitest/config'
import { specCiProjects } from './plugin/index.ts'

/**
 * The package's own entry points, from source: what samples/ imports as a user would
 * (`vitest-spec-ci/bdd`, `vitest-spec-ci/property`, …) would otherwise resolve to dist/ by package
 * self-reference, so `pnpm spec` would need a build first. Same map as tsconfig.json `paths` (for types)
 * and package.json `exports` (checked by tests/source-aliases.test.ts).
 */
export const sourceEntries: Record<string, string> = {
  'vitest-spec-ci': './plugin/index.ts',
  'vitest-spec-ci/core': './src/index.ts',
  'vitest-spec-ci/specs': './src/built-in-specs/index.ts',
  'vitest-spec-ci/reporter': './plugin/reporter/index.ts',
  'vitest-spec-ci/bdd': './generated-test-harness/bdd.ts',
  'vitest-spec-ci/cucumber': './generated-test-harness/cucumber.ts',
  'vitest-spec-ci/property': './generated-test-harness/property.ts',
}

const sourceAliases = Object.entries(sourceEntries).map(([specifier, file]) => ({
  find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
  replacement: fileURLToPath(new URL(file, import.meta.url)),
}))

/**
 * This repository's projects: `unit` is the package's own suite (its fixture projects run against the
 * built dist/, as an installed package does); the spec projects run over samples/ exactly as a user's
 * config would, but with the plugin, the harness and the entry points above from source, so no build
 * is needed first.
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
      provider: { start: 'samples/contracts/provider.ts', states: 'samples/contracts/states.ts', messages: 'samples/contracts/messages.ts' },
    },
    generate: {
      manifests: ['samples/*.generate.yml'],
      // The generated feature (a committed artifact of samples/kvonce.generate.yml) runs as smoke too.
      features: ['samples/features/**/*.feature', 'samples/artifacts/**/*.feature'],
      steps: ['samples/kvonce/steps/**/*.ts', 'samples/inventory/steps/**/*.ts'],
    },
    property: { include: ['samples/**/*.property.ts'] },
    conformance: {
      // The spans of the sample KvOnce service, exported by the OpenTelemetry SDK while the contract
      // project drives it, checked after it: hermetic-reports/live/kvonce.otlp.jsonl.
      live: true,
      traces: [
        { include: 'samples/trace/inventory/**/*.ndjson', spec: 'inventory', specOptions: { minOnHand: 0 } },
        // Jepsen histories of a register: linearizability per key.
        { include: 'samples/trace/histories/**/*.edn', spec: 'register' },
        'samples/trace/**/*.ndjson',
        'samples/trace/**/*.otlp.json',
        'samples/trace/**/*.otlp.jsonl',
      ],
    },
  }).map((project) => ({ ...project, resolve: { ...project.resolve, alias: sourceAliases } })),
] satisfies TestProjectConfiguration[]
