import { defineConfig } from 'tsup'

// dist/ keeps the source layout so the plugin finds its harness at ../generated-test-harness/.
export default defineConfig({
  entry: {
    'plugin/index': 'plugin/index.ts',
    'plugin/reporter/index': 'plugin/reporter/index.ts',
    'generated-test-harness/conformance': 'generated-test-harness/conformance.ts',
    'generated-test-harness/contract': 'generated-test-harness/contract.ts',
    'generated-test-harness/bdd': 'generated-test-harness/bdd.ts',
    'generated-test-harness/cucumber': 'generated-test-harness/cucumber.ts',
    'generated-test-harness/bdd-feature': 'generated-test-harness/bdd-feature.ts',
    'generated-test-harness/property': 'generated-test-harness/property.ts',
    'generated-test-harness/property-plan': 'generated-test-harness/property-plan.ts',
    'generated-test-harness/drift': 'generated-test-harness/drift.ts',
    'src/index': 'src/index.ts',
    'generated-test-harness/task-location': 'generated-test-harness/task-location.ts',
    'src/built-in-specs/index': 'src/built-in-specs/index.ts',
    'cli/bin': 'src/cli/bin.ts',
  },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  // No clean: several builds may overlap while tests import dist/; stale chunks are harmless.
  clean: false,
  splitting: true,
  sourcemap: true,
  external: ['vitest', 'vite'],
})
