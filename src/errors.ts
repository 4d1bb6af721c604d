/** A spec was given options it cannot use. The message names the spec, the option and the bad value. */
export class SpecOptionsError extends Error {
  override name = 'SpecOptionsError'
}

/** A spec definition itself is inconsistent (a programming error in the spec, not in a trace). */
export class SpecDefinitionError extends Error {
  override name = 'SpecDefinitionError'
}

/** Configuration of the plugin or CLI that cannot be used; names the option and what was expected. */
export class SpecCiConfigError extends Error {
  override name = 'SpecCiConfigError'
}
