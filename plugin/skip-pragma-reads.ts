import fs from 'node:fs'
import type { Vitest } from 'vitest/node'

/**
 * Keeps Vitest 4.1 from reading our input files (traces, contracts, features, manifests) for pragmas.
 *
 * Why: before it runs any test file, Vitest 4.1 reads every one of them whole in its main process, all
 * at once (`getSpecificationsOptions`: `fs.promises.readFile(file, 'utf-8')`; static collection reads
 * each file the same way), and takes `@vitest-environment <name>` and `@module-tag <tag>` anywhere in the
 * text as the file's pragmas. For an input file both are wrong: its text is data (an event's field, a
 * response body, a step's doc string), so a trace whose events mention `@vitest-environment jsdom` was
 * run in jsdom, or its worker failed to start and none of the run's traces was checked; and 10 traces of
 * 12 MB each held 250 MB of text at once in the main process (a whole run peaked at 450 MB) that nothing
 * uses. No option or hook of 4.1 skips that read (Vitest 5 keeps a docblock per specification instead).
 *
 * So, while a Vitest instance that registered here is open, such a call resolves to `''` (no pragmas:
 * the project's own environment, no module tags) when it asks for a file that the `claims` of one of its
 * `owner`s (a project's plugin) says is an input file. The call is recognised by its arguments (a path
 * string, `'utf-8'`) and by Vitest's function on the synchronous stack; every other read, of any file,
 * goes to Node's `readFile` unchanged. Were the function renamed, nothing would be skipped: Vitest would
 * read the files as before.
 */
export function skipPragmaReads(vitest: Pick<Vitest, 'onClose'>, owner: string, claims: (file: string) => boolean): void {
  install()
  let owners = registered.get(vitest)
  if (!owners) {
    registered.set(vitest, (owners = new Map()))
    vitest.onClose(() => {
      registered.delete(vitest)
      if (registered.size === 0) uninstall()
    })
  }
  // A config reloaded in watch mode registers its projects' plugins again: the new globs replace the old.
  owners.set(owner, claims)
}

type ReadFile = typeof fs.promises.readFile

/** By Vitest instance, by owner (a project's plugin): which files are input files. */
const registered = new Map<object, Map<string, (file: string) => boolean>>()
let nodeReadFile: ReadFile | undefined

/**
 * Vitest 4.1's reads for pragmas, by their functions on the stack: before a run (`getSpecificationsOptions`)
 * and before static collection (`transformSSR`, under `experimental_parseSpecifications`, which the VS Code
 * extension calls), where a pragma's environment picks which of Vite's environments transforms the file.
 */
const PRAGMA_READERS = new Set(['getSpecificationsOptions', 'transformSSR'])

function pragmaRead(this: unknown, ...args: Parameters<ReadFile>): ReturnType<ReadFile> {
  const [file, options] = args
  if (registered.size > 0 && typeof file === 'string' && (options === 'utf-8' || options === 'utf8') && claimed(file) && calledFromPragmaScan()) return Promise.resolve('')
  return (nodeReadFile as ReadFile).apply(this, args)
}

function claimed(file: string): boolean {
  for (const owners of registered.values()) for (const claims of owners.values()) if (claims(file)) return true
  return false
}

/** Whether a pragma reader is on the stack, by the call sites' function names (whatever the host's stack format). */
function calledFromPragmaScan(): boolean {
  const { stackTraceLimit, prepareStackTrace } = Error
  Error.stackTraceLimit = 10
  Error.prepareStackTrace = (_error, sites) => sites
  try {
    const sites = new Error().stack as unknown as NodeJS.CallSite[]
    return Array.isArray(sites) && sites.some((site) => PRAGMA_READERS.has(site.getFunctionName() ?? ''))
  } finally {
    Error.stackTraceLimit = stackTraceLimit
    Error.prepareStackTrace = prepareStackTrace
  }
}

function install(): void {
  if (nodeReadFile) return
  nodeReadFile = fs.promises.readFile
  fs.promises.readFile = pragmaRead as ReadFile
}

/** Puts Node's function back, unless someone wrapped ours since (ours then passes every call through). */
function uninstall(): void {
  if (!nodeReadFile || fs.promises.readFile !== (pragmaRead as ReadFile)) return
  fs.promises.readFile = nodeReadFile
  nodeReadFile = undefined
}
