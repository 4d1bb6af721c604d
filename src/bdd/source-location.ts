import { fileURLToPath } from 'node:url'
import type { SourceLocation } from './step-registry.ts'

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/

/**
 * The first stack frame of `stack` outside the frames to skip: where a step definition was written.
 * Frames are `at fn (file:line:col)` or `at file:line:col`, the file possibly a `file://` URL.
 */
export function callerLocation(stack: string | undefined, skip: (file: string) => boolean = () => false): SourceLocation | undefined {
  if (!stack) return undefined
  for (const raw of stack.split('\n').slice(1)) {
    const match = FRAME.exec(raw.trim())
    if (!match) continue
    let file = match[1]!
    if (file.startsWith('file://')) {
      try {
        file = fileURLToPath(file)
      } catch {
        continue
      }
    }
    if (file.startsWith('node:') || file.includes('node_modules') || skip(file)) continue
    return { file: file.replace(/\?.*$/, ''), line: Number(match[2]), column: Number(match[3]) }
  }
  return undefined
}
