import path from 'node:path'
import { SpecCiReportError } from '../errors.ts'

/**
 * `dir` joined with a builder's relative path (`trace/x-validation.json`), refusing anything that would
 * land outside `dir`: absolute paths, `..` segments, backslashes, empty or NUL-bearing names.
 */
export function pathInside(dir: string, relative: string): string {
  const segments = relative.split('/')
  const bad =
    relative.length === 0 ||
    relative.includes('\\') ||
    relative.includes('\0') ||
    path.isAbsolute(relative) ||
    /^[a-zA-Z]:/.test(relative) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  const resolved = path.resolve(dir, ...segments)
  if (bad || !resolved.startsWith(path.resolve(dir) + path.sep))
    throw new SpecCiReportError(`report file path ${JSON.stringify(relative)} is not a plain relative path inside the report directory; a section builder must return paths like "trace/x-validation.json"`)
  return resolved
}
