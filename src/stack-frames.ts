import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** A place in a source file, as a stack frame names it. */
export interface FrameLocation {
  file: string
  line: number
  column: number
}

const IN_PARENS = /\((.+):(\d+):(\d+)\)$/
const BARE = /^at (?:async )?(.+):(\d+):(\d+)$/

/** The `    at …` lines of a stack (the message and anything else left out). */
export function stackFrameLines(stack: string): string[] {
  return stack.split('\n').filter((line) => /^\s+at /.test(line))
}

/**
 * The place one `at …` line names: `at fn (file:line:col)` or `at file:line:col`, the file a POSIX or
 * Windows path (spaces and parentheses allowed) or a `file://` URL, returned as a path without a query
 * (`?v=…`). Undefined for frames without a file (`node:` modules, `<anonymous>`, eval, native).
 */
export function parseStackFrame(frameLine: string): FrameLocation | undefined {
  const text = frameLine.trim()
  const match = IN_PARENS.exec(text) ?? BARE.exec(text)
  if (!match) return undefined
  let file = match[1]!
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file)
    } catch {
      return undefined
    }
  } else {
    file = file.replace(/\?.*$/, '')
    if (!path.posix.isAbsolute(file) && !path.win32.isAbsolute(file)) return undefined
  }
  return { file, line: Number(match[2]), column: Number(match[3]) }
}

/**
 * The first frame of `stack` in user code: not a `node:` module, nothing under `node_modules`, and
 * nothing `skip` names (the caller's own module). Where a step definition or a test file's call was written.
 */
export function callerLocation(stack: string | undefined, skip: (file: string) => boolean = () => false): FrameLocation | undefined {
  if (!stack) return undefined
  for (const line of stackFrameLines(stack)) {
    const location = parseStackFrame(line)
    if (location && !location.file.includes('node_modules') && !skip(location.file)) return location
  }
  return undefined
}
