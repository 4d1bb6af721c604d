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

/** The reporter could not write a report file where it was asked to (a path leaving the report directory). */
export class SpecCiReportError extends Error {
  override name = 'SpecCiReportError'
}

/** A BDD step definition that cannot be used (e.g. an expression naming an unknown parameter type). */
export class StepDefinitionError extends Error {
  override name = 'StepDefinitionError'
}
