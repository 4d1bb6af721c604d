import { compilePactRegex } from './pact-regex.ts'

/**
 * A semantic version as semver.org 2.0.0 defines it (MAJOR.MINOR.PATCH, optional pre-release and build,
 * no leading zeros, no `v` prefix), by the regular expression that the specification itself publishes;
 * the Pact reference implementation's `semver` matcher parses versions with the same grammar.
 */
const SEMVER =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$'

export function isSemver(text: string): boolean {
  const re = compilePactRegex(SEMVER)
  return typeof re !== 'string' && re.matches(text)
}
