import { inspect } from 'node:util'
import { stackFrameLines } from './stack-frames.ts'

/** Name and message of whatever user code threw; never throws itself. */
export interface ThrownDescription {
  /** The error's name; `Error` for a thrown value that is not an Error. */
  name: string
  message: string
  /** Whether an Error object was thrown (else a string, a plain object, …). */
  isError: boolean
}

const UNPRINTABLE = '[a thrown value that cannot be printed]'

function attempt<T>(read: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: read() }
  } catch (error) {
    return { ok: false, error }
  }
}

/**
 * Says what a step, hook, state handler or implementation threw, whatever it is: an Error, a string,
 * `Object.create(null)`, an object whose `toString` or `message` getter throws, a revoked Proxy. The
 * failure must still be reported at the input's line, so nothing here may throw: each read that fails
 * falls back to a weaker description.
 */
export function describeThrown(value: unknown): ThrownDescription {
  const isError = attempt(() => value instanceof Error)
  if (isError.ok && isError.value) {
    const error = value as Error
    const name = attempt(() => error.name)
    const message = attempt(() => error.message)
    return {
      isError: true,
      name: name.ok && typeof name.value === 'string' && name.value !== '' ? name.value : 'Error',
      message: message.ok ? (typeof message.value === 'string' ? message.value : printable(message.value)) : `(its message could not be read: ${printable(message.error)})`,
    }
  }
  return { name: 'Error', message: printable(value), isError: false }
}

/** `Name: message` of a thrown Error (as Node prints it), the printed value otherwise; never throws. */
export function thrownText(value: unknown): string {
  const { name, message, isError } = describeThrown(value)
  return isError ? `${name}: ${message}` : message
}

/** A one-line-ish text for any value; never throws. */
function printable(value: unknown): string {
  if (typeof value === 'string') return value
  const asString = attempt(() => String(value))
  if (asString.ok) return asString.value
  const inspected = attempt(() => inspect(value, { depth: 2, breakLength: Infinity, customInspect: false, getters: false }))
  if (inspected.ok) return inspected.value
  return UNPRINTABLE
}

/**
 * The original error object when it is safe to keep and annotate (its name, message and stack are plain
 * strings and no own property is a getter, so Vitest can serialise it to the main process), else undefined.
 * Kept errors keep their `expected`/`actual` for the IDE diff.
 */
export function keepableError(value: unknown): Error | undefined {
  const checked = attempt(() => {
    if (!(value instanceof Error)) return undefined
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)
      if (descriptor && (descriptor.get || descriptor.set)) return undefined
    }
    if (typeof value.name !== 'string' || typeof value.message !== 'string') return undefined
    if (value.stack !== undefined && typeof value.stack !== 'string') return undefined
    return value
  })
  return checked.ok ? checked.value : undefined
}

/** The `    at …` lines of an error's stack, or none; never throws. */
export function stackFrames(value: unknown): string[] {
  const stack = attempt(() => (value as { stack?: unknown } | null)?.stack)
  if (!stack.ok || typeof stack.value !== 'string') return []
  return stackFrameLines(stack.value)
}
