import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Absolute path of a harness entry, imported by generated test modules. Running from source (this
 * repository's own config) imports the .ts file beside plugin/; the built package keeps the source
 * layout under dist/, but the bundler may place this code in a shared chunk at any depth of dist/, so
 * the folder is looked up from here.
 */
export function harnessPath(entry: string): string {
  return path.join(harnessDir(), `${entry}${harnessExt()}`)
}

export function harnessExt(): '.ts' | '.js' {
  return import.meta.url.endsWith('.ts') ? '.ts' : '.js'
}

let cachedDir: string | undefined

/** The `generated-test-harness` folder of this copy of the package. */
export function harnessDir(): string {
  if (cachedDir) return cachedDir
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, 'generated-test-harness')
    if (existsSync(candidate)) return (cachedDir = candidate)
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`vitest-spec-ci: cannot find generated-test-harness/ above ${fileURLToPath(import.meta.url)}; is the package installed whole?`)
    dir = parent
  }
}
