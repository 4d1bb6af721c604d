import { existsSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import type { Plugin, Rollup } from 'vite'
import { toPosix } from '../src/posix-path.ts'
import { skipPragmaReads } from './skip-pragma-reads.ts'


/**
 * The absolute file a plain import names, for the plugins that turn input files (traces, contracts,
 * features, manifests) into test modules; `undefined` for ids that already carry a query or are
 * virtual, so an id one of them produced is never claimed again.
 */
export function importedFile(source: string, importer: string | undefined): string | undefined {
  if (source.includes('?') || source.startsWith('\0')) return undefined
  if (path.isAbsolute(source)) return source
  // A bare specifier ('vitest', 'pkg/file.ndjson') names a package, never a file of the project.
  if (!source.startsWith('.')) return undefined
  return importer ? path.resolve(path.dirname(importer), source) : undefined
}

/**
 * The input files of one spec project: files under the Vite root matching its globs and none of its
 * excludes. `configure` is called from `configResolved`, when the root is known.
 */
export class InputFiles {
  root = process.cwd()
  private included: (rel: string) => boolean = () => false
  private excluded: (rel: string) => boolean = () => false
  private readonly matched = new Map<string, boolean>()

  constructor(
    readonly include: readonly string[],
    readonly exclude: readonly string[],
  ) {}

  configure(root: string): void {
    this.matched.clear()
    this.root = root
    this.included = picomatch([...this.include], { dot: true })
    this.excluded = picomatch([...this.exclude], { dot: true })
  }

  /** The path shown to people: relative to the root, with `/`. */
  display(file: string): string {
    return toPosix(path.relative(this.root, file))
  }

  /**
   * Whether the file is one of the inputs by its path (the globs; not whether it exists). Remembered per
   * path: every import of every module of the project asks, most of them for the same few files.
   */
  matches(file: string): boolean {
    let matched = this.matched.get(file)
    if (matched === undefined) {
      const rel = this.display(file)
      matched = !rel.startsWith('../') && this.included(rel) && !this.excluded(rel)
      this.matched.set(file, matched)
    }
    return matched
  }

  /** The id with `query` appended when an import names an existing input file; else null (not ours). */
  resolve(source: string, importer: string | undefined, query: string): string | null {
    const file = importedFile(source, importer)
    return file && this.matches(file) && existsSync(file) ? file + query : null
  }
}

/**
 * An id a plugin serves besides its input files, marked by a query of its own: a trace's sidecar, a
 * refused trace's stand-in.
 */
export interface OwnId {
  query: string
  /** The id (query included) an import names, tried before input files; omit when Vite resolves it. */
  resolve?(source: string, importer: string | undefined): string | null
  /** The module of the id; `path` is the id without its query. */
  load(context: Pick<Rollup.PluginContext, 'addWatchFile'>, path: string): Rollup.LoadResult | Promise<Rollup.LoadResult>
}

export interface InputFileHooks {
  /** A cheap test on the import specifier before any file system work (e.g. its extension). */
  accepts?: (source: string) => boolean
  /** The test module of one input file (absolute path); `context` is Vite's load context. */
  load(context: Pick<Rollup.PluginContext, 'addWatchFile'>, file: string): Rollup.LoadResult | Promise<Rollup.LoadResult>
  /** Ids the plugin serves besides its input files. */
  ownIds?: readonly OwnId[]
  /** Vitest's hook of the plugin, e.g. to change which test files the project lists. */
  configureVitest?: Plugin['configureVitest']
  /** Test files the plugin lists besides its input files (a live capture, a download), also data. */
  otherTestFiles?: (file: string) => boolean
}

/**
 * The common frame of the plugins that turn input files into test modules: matching files are claimed
 * in `resolveId` with a query of the plugin's own (so no other plugin, e.g. Vite's JSON plugin, reads
 * them), and the plugin's `load` renders the module.
 */
export function inputFilePlugin(name: string, inputs: InputFiles, query: string, hooks: InputFileHooks): Plugin {
  const ownIds = hooks.ownIds ?? []
  return {
    name,
    enforce: 'pre',
    configResolved(config) {
      inputs.configure(config.root)
    },
    async configureVitest(context) {
      // An input file is data: Vitest must not read it for `@vitest-environment` pragmas.
      skipPragmaReads(context.vitest, `${context.project.name}\0${name}`, (file) => inputs.matches(file) || hooks.otherTestFiles?.(file) === true)
      await hooks.configureVitest?.(context)
    },
    resolveId: {
      order: 'pre',
      handler(source, importer) {
        for (const own of ownIds) {
          const id = own.resolve?.(source, importer)
          if (id) return id
        }
        return hooks.accepts && !hooks.accepts(source) ? null : inputs.resolve(source, importer, query)
      },
    },
    load(id) {
      const own = ownIds.find((o) => id.endsWith(o.query))
      if (own) return own.load(this, id.slice(0, -own.query.length))
      if (!id.endsWith(query)) return null
      return hooks.load(this, id.slice(0, -query.length))
    },
  }
}
