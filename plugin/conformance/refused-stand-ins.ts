import path from 'node:path'
import type { Plugin } from 'vite'
import { printable } from '../../src/printable-text.ts'
import type { InputFiles, OwnId } from '../input-files.ts'
import { importedFile } from '../input-files.ts'
import { REFUSED_QUERY, REFUSED_SUFFIX, refusalOf, renderRefusedTraceModule, unlistedTraceFiles } from './refused-traces.ts'

/**
 * The stand-in test files of refused traces (see refused-traces.ts), with why each was refused: swapped
 * into the project's test files by `configureVitest`, and served as the frame's own id.
 */
export class RefusedStandIns {
  private readonly refused = new Map<string, { display: string; reason: string }>()

  constructor(private readonly inputs: InputFiles) {}

  /** Vitest's hook: the project lists each refused trace as its stand-in, unlisted ones included. */
  readonly configureVitest: NonNullable<Plugin['configureVitest']> = ({ project }) => {
    const glob = project.globTestFiles.bind(project)
    project.globTestFiles = async (filters) => {
      const found = await glob(filters)
      return { ...found, testFiles: [...found.testFiles.map((file) => this.testFileFor(file)), ...this.unlisted(filters)] }
    }
  }

  /**
   * Stand-ins come back from Vite's module graph as URLs relative to the root (`/traces/x?…`), which
   * Vite's resolver maps back only for files that exist and are regular; these never both are.
   */
  readonly ownId: OwnId = {
    query: REFUSED_QUERY,
    resolve: (source, importer) => {
      if (source.endsWith(REFUSED_QUERY)) {
        const file = source.slice(0, -REFUSED_QUERY.length)
        if (this.refused.has(file)) return source
        const fromRoot = path.join(this.inputs.root, file)
        return this.refused.has(fromRoot) ? fromRoot + REFUSED_QUERY : null
      }
      const plain = importedFile(source, importer)
      return plain && this.refused.has(plain) ? plain + REFUSED_QUERY : null
    },
    load: (_context, stand) => {
      const refusal = this.refused.get(stand)
      return refusal === undefined ? null : renderRefusedTraceModule(refusal.display, refusal.reason)
    },
  }

  /** The test file Vitest gets for `file`: itself, or a stand-in when it is refused. */
  private testFileFor(file: string): string {
    const display = this.inputs.display(file)
    const reason = this.inputs.matches(file) ? refusalOf(file, display) : undefined
    return reason === undefined ? file : this.refuse(file, display, reason)
  }

  /** Stand-ins for the traces Vitest's glob does not list at all (see unlistedTraceFiles). */
  private unlisted(filters: readonly string[] | undefined): string[] {
    const stands: string[] = []
    for (const file of unlistedTraceFiles(this.inputs.root, this.inputs.include, this.inputs.exclude)) {
      if (filters?.length && !filters.some((f) => file.includes(f) || printable(file).includes(f))) continue
      const display = this.inputs.display(file)
      const reason = refusalOf(file, display)
      if (reason !== undefined) stands.push(this.refuse(file, display, reason))
    }
    return stands
  }

  private refuse(file: string, display: string, reason: string): string {
    const stand = printable(file) + REFUSED_SUFFIX
    this.refused.set(stand, { display, reason })
    return stand
  }
}
