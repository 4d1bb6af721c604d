import { resolveRuleSeverities } from '../../src/conformance/check-trace.ts'
import { SpecCiConfigError, SpecOptionsError } from '../../src/errors.ts'
import type { RuleSeverity, SpecModel } from '../../src/spec-model/types.ts'
import { builtInSpecs } from '../../src/built-in-specs/index.ts'
import { closestName, child, subject, type KeyHint } from './known-keys.ts'
import { quote } from './option-values.ts'

const BUILT_IN = Object.keys(builtInSpecs)
const SEVERITIES = ['error', 'warn', 'off']

/** A spec named by module path has a directory or an extension in it; a bare word names a built-in. */
export function isSpecModulePath(spec: string): boolean {
  return /[./\\]/.test(spec)
}

/** The built-in spec named `spec`, or `undefined` for a module path (its file is checked once the root is known). */
export function builtInSpecAt(spec: unknown, path: string): SpecModel | undefined {
  if (typeof spec !== 'string' || spec.trim() === '')
    throw new SpecCiConfigError(`${subject(path)} is ${quote(spec)}; expected a built-in spec (${BUILT_IN.join(', ')}) or the path of a module whose default export is defineSpec(...), e.g. "specs/my-spec.ts"`)
  if (Object.hasOwn(builtInSpecs, spec)) return builtInSpecs[spec]
  if (isSpecModulePath(spec)) return undefined
  const closest = closestName(spec, BUILT_IN)
  throw new SpecCiConfigError(
    `${subject(path)} is ${JSON.stringify(spec)}, which is no built-in spec${closest ? ` (did you mean ${JSON.stringify(closest)}?)` : ''}; ` +
      `the built-in specs are ${BUILT_IN.join(', ')}, and a spec of your own is named by the path of its defineSpec module, e.g. "specs/my-spec.ts"`,
  )
}

/** The names of a spec's options (its defaults). */
export function specOptionNames(model: SpecModel): string[] {
  return Object.keys(model.resolveOptions(undefined))
}

/** At the level of `spec`, a key that is one of the spec's own options belongs in `specOptions`. */
export function specOptionHint(model: SpecModel | undefined, path: string): KeyHint {
  return (key) =>
    model && specOptionNames(model).includes(key)
      ? `${JSON.stringify(key)} is an option of spec "${model.name}": write ${child(path, 'specOptions')}: { ${key}: … }`
      : undefined
}

/** `specOptions` as given at `path`: an object, checked by a built-in spec's own `resolveOptions`. */
export function specOptionsAt(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected an object of the spec's options, e.g. { maxRetries: 5 } for kvonce`)
  return { ...(value as Record<string, unknown>) }
}

/** `rules` as given at `path`: rule ids to `error`, `warn` or `off` (which rules exist is the spec's to say). */
export function rulesAt(value: unknown, path: string): Record<string, RuleSeverity> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SpecCiConfigError(`${subject(path)} is ${quote(value)}; expected an object of rule ids to "error", "warn" or "off", e.g. { "retry-context-missing": "warn" }`)
  for (const [id, severity] of Object.entries(value))
    if (typeof severity !== 'string' || !SEVERITIES.includes(severity))
      throw new SpecCiConfigError(`${subject(`${path}.${id}`)} is ${quote(severity)}; expected "error", "warn" or "off"`)
  return { ...(value as Record<string, RuleSeverity>) }
}

/**
 * Checks a spec's options and rule ids as the run will use them, with the option path in front of the
 * spec's own message: a built-in spec's when the config loads, a module spec's when it is first imported
 * (its module is not imported at config time).
 */
export function checkSpecSettings(model: SpecModel, settings: { specOptions: Record<string, unknown>; rules: Record<string, RuleSeverity> }, path: string): void {
  try {
    model.resolveOptions(settings.specOptions)
  } catch (error) {
    if (!(error instanceof SpecOptionsError)) throw error
    throw new SpecCiConfigError(`${subject(child(path, 'specOptions'))}: ${error.message}`, { cause: error })
  }
  try {
    resolveRuleSeverities(model, settings.rules)
  } catch (error) {
    if (!(error instanceof SpecCiConfigError)) throw error
    // resolveRuleSeverities speaks of `rules…`; the path says whose.
    throw new SpecCiConfigError(`${subject(path)}.${error.message}`, { cause: error })
  }
}
