import { fileURLToPath } from 'node:url'

/**
 * Absolute path of a harness entry, imported by generated test modules. The built package keeps the
 * source layout under dist/ (dist/plugin → dist/generated-test-harness); running from source (this
 * repository's own config) imports the .ts file directly.
 */
export function harnessPath(entry: 'conformance'): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js'
  return fileURLToPath(new URL(`../generated-test-harness/${entry}${ext}`, import.meta.url))
}
