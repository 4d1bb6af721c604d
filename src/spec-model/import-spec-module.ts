import { pathToFileURL } from 'node:url'
import { SpecLoadError } from './spec-source.ts'

/** The module a spec file evaluates to, and the files it imported (the spec file among them). */
export interface ImportedSpecModule {
  module: { default?: unknown }
  dependencies: string[]
}

/**
 * How a spec module is imported: `vite` always through Vite's module runner (the plugin, which needs
 * the imported files to re-declare traces in watch mode); `node-unless-typescript` by Node for
 * JavaScript and through the same runner for TypeScript (the CLI, which runs without Vite for a
 * JavaScript spec). A TypeScript spec goes through the same runner in both, so they cannot differ.
 */
export type SpecModuleLoader = 'vite' | 'node-unless-typescript'

const TYPESCRIPT = /\.[cm]?tsx?$/i

export function isTypeScriptFile(file: string): boolean {
  return TYPESCRIPT.test(file)
}

type RunnerImport = typeof import('vite').runnerImport

/**
 * Vite, imported only when a spec needs it: it is a dependency of Vitest, so any project running
 * Vitest has it; the core (and the CLI) must not require it otherwise.
 */
async function viteRunnerImport(file: string): Promise<RunnerImport> {
  try {
    return (await import('vite')).runnerImport
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ERR_MODULE_NOT_FOUND' && /['"]vite['"]/.test(String((error as Error).message)))
      throw new SpecLoadError(
        `cannot load ${file}: a TypeScript spec module is loaded through Vite, as Vitest loads it, and the package "vite" is not installed. ` +
          'Install Vitest (which brings Vite) in this project: pnpm add -D vitest (or npm install -D vitest), or use a JavaScript spec module',
      )
    throw error
  }
}

/** Imports `file` (an absolute path) as a spec module; `root` is the Vite root TypeScript is resolved from. */
export async function importSpecModule(file: string, root: string, loader: SpecModuleLoader): Promise<ImportedSpecModule> {
  if (loader === 'node-unless-typescript' && !isTypeScriptFile(file)) {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown }
    return { module, dependencies: [file] }
  }
  const runnerImport = await viteRunnerImport(file)
  return runnerImport<{ default?: unknown }>(file, { root, configFile: false, logLevel: 'silent' })
}
