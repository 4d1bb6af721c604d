import { statSync } from 'node:fs'
import picomatch from 'picomatch'
import { walkGlobBases } from '../../src/find-files.ts'
import { hasUnprintable, printable, replaceUnprintable } from '../../src/printable-text.ts'
import { notRegularFileReason, symlinkTarget } from '../../src/trace/file-kind.ts'
import { ModuleWriter, type NoSourceMap, type RenderedModule } from '../module-writer.ts'
import { harnessPath } from '../harness-path.ts'

/**
 * A trace Vitest must not be handed as a test file. Vitest reads every test file whole in its main
 * process before any plugin hook (for `@vitest-environment` comments): a symlink to a FIFO blocks that
 * read forever, one to /dev/zero fills memory. And it prints test file paths raw, so a line break in a
 * name starts a log line of its own (GitHub Actions runs `::…` lines as workflow commands). Such a
 * trace's test file is swapped for a stand-in path that does not exist (Vitest's read of it fails at
 * once, and it prints as the escaped name), whose module is one failing test saying why.
 */
export const REFUSED_SUFFIX = '.refused-by-spec-ci'
export const REFUSED_QUERY = '?spec-ci-refused&raw'

/** Why `file` cannot be a trace test file, or undefined when it can. Never opens the file. */
export function refusalOf(file: string, display: string): string | undefined {
  // The name as shown (relative to the root): a root folder's own odd name is not the trace's fault.
  if (hasUnprintable(display))
    return (
      `trace file name ${printable(display)} holds a control character (shown escaped): Vitest's glob skips some such ` +
      'names without a word and prints the others raw, where a line break starts a new log line (which GitHub Actions ' +
      'may run as a workflow command). Rename the file'
    )
  let stats
  try {
    stats = statSync(file)
  } catch {
    return undefined // gone or unreadable: the harness says so when it opens it
  }
  if (stats.isFile()) return undefined
  return `trace file ${display} ${notRegularFileReason(stats, escapedLinkTarget(file))}`
}

function escapedLinkTarget(file: string): string | undefined {
  const target = symlinkTarget(file)
  return target === undefined ? undefined : printable(target)
}

/** The stand-in module of a refused trace: one test, failing with the reason, that reads nothing. */
export function renderRefusedTraceModule(display: string, reason: string): RenderedModule<NoSourceMap> {
  const out = new ModuleWriter(display, 'fix or exclude the trace file, which is refused', harnessPath('task-location'))
  out.importVitest(['describe', 'test'])
  out.describe(printable(display.split('/').pop() ?? display), 1, () => {
    out.test('trace file is readable', `() => { const error = new Error(${JSON.stringify(reason)}); error.name = 'RefusedTraceFile'; throw error }`)
  })
  // No map: the stand-in has no input to point at, and the refused file must never be read.
  return out.toUnmappedModule()
}

/**
 * Trace files Vitest's own glob never lists, so they would go unchecked without a word: special files
 * (a FIFO, socket or device placed in the folder itself) and names its glob cannot match because a
 * line break starts a name or sits in a folder name (picomatch's `.` and `(?=.)` stop at line
 * terminators). A name counts when it would match with its unprintable characters replaced. Walks each
 * include glob from its static base (walkGlobBases).
 */
export function unlistedTraceFiles(root: string, include: readonly string[], exclude: readonly string[]): string[] {
  const included = picomatch([...include], { dot: true })
  const excluded = picomatch([...exclude], { dot: true })
  const matches = (rel: string): boolean => included(rel) && !excluded(rel)
  const found: string[] = []
  walkGlobBases(root, include, (full, rel, entry) => {
    const special = !entry.isFile() && !entry.isSymbolicLink()
    if (special ? matches(rel) : hasUnprintable(rel) && !matches(rel) && matches(replaceUnprintable(rel, '_'))) found.push(full)
  })
  return found.sort()
}
