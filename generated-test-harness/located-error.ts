/** Where in an input (a trace, a manifest, a .feature, a contract) an error belongs. */
export interface InputLocation {
  /** The stack frame's function name: the title of the failing test or step (`rule multiple-success`, `generator runs`). */
  label: string
  /** Absolute path of the input. */
  file: string
  /** 1-based. */
  line: number
  /** 1-based. @default 1 */
  column?: number
}

/**
 * A stack whose first frame is the input's line. Vitest's reporters take the failure's location from
 * the first stack frame (code frame, GitHub annotation, IDE marker), and the main process leaves frames
 * of transformed test files as they are, so the frame lands on the input. `causeFrames` (the original
 * error's frames, e.g. in a step file) follow it.
 */
export function locatedStack(name: string, message: string, at: InputLocation, causeFrames: readonly string[] = []): string {
  const frame = `    at ${at.label} (${at.file}:${at.line}:${at.column ?? 1})`
  return [`${name}: ${message}`, frame, ...causeFrames].join('\n')
}

export interface LocatedErrorInit extends InputLocation {
  name: string
  message: string
  causeFrames?: readonly string[]
}

/** An error located at a line of an input, by {@link locatedStack}. */
export function locatedError(init: LocatedErrorInit): Error {
  const error = new Error(init.message)
  error.name = init.name
  error.stack = locatedStack(init.name, init.message, init, init.causeFrames)
  return error
}
