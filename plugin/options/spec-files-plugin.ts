import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'
import { SpecCiConfigError } from '../../src/errors.ts'
import { builtInSpecs } from '../../src/built-in-specs/index.ts'
import type { ResolvedConformanceOptions } from '../conformance/resolve-conformance-options.ts'
import { subject } from './known-keys.ts'
import { isSpecModulePath } from './spec-at-config.ts'

/**
 * A spec named by module path is relative to the project root, which is known only once the config is
 * resolved: its file is checked then, by this plugin of the conformance project (left out when every
 * spec is built in). Its options and rules are checked when the module is first imported.
 */
export function specFilesPlugin(options: ResolvedConformanceOptions): Plugin[] {
  // Every place a spec is named: trace groups, remote entries, the live capture.
  const named = [...options.groups, ...options.remote, ...(options.live ? [options.live] : [])]
  const modules = named.filter((g) => !Object.hasOwn(builtInSpecs, g.spec) && isSpecModulePath(g.spec))
  if (modules.length === 0) return []
  const plugin: Plugin = {
    name: 'vitest-spec-ci:spec-files',
    configResolved(config) {
      for (const group of modules) {
        const file = path.resolve(config.root, group.spec)
        if (!existsSync(file) || !statSync(file).isFile())
          throw new SpecCiConfigError(
            `${subject(`${group.path}.spec`)} is ${JSON.stringify(group.spec)}, but ${file} is not a file; ` +
              `name a module whose default export is defineSpec(...), relative to the project root, or a built-in spec (${Object.keys(builtInSpecs).join(', ')})`,
          )
      }
    },
  }
  return [plugin]
}
