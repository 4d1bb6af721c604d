/**
 * An error whose only stack frame is the trace line that broke the rule. Vitest's reporters take the
 * failure's location from the first stack frame (code frame, GitHub annotation, IDE marker), and the
 * main process leaves frames of transformed test files as they are, so the frame lands on the trace.
 */
export function locatedError(name: string, message: string, rule: string, file: string, line: number): Error {
  const error = new Error(message)
  error.name = name
  error.stack = `${name}: ${message}\n    at rule ${rule} (${file}:${line}:1)`
  return error
}
