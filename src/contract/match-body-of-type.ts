import { matchBody, type BodyMatchOptions } from './match-body.ts'
import { isXmlBody, matchXmlBody } from './match-xml.ts'
import { NO_BODY, type Mismatch, type RuleSet } from './types.ts'

/**
 * A body matched by its kind: XML (by the expected content type, else the actual one, else the text's
 * look) as XML, anything else as JSON or text.
 */
export function matchBodyOfType(
  expected: unknown,
  actual: unknown,
  bodyRules: ReadonlyArray<[string, RuleSet]>,
  options: BodyMatchOptions & { expectedContentType?: string | undefined; actualContentType?: string | undefined },
): Mismatch[] {
  if (expected !== NO_BODY && isXmlBody(options.expectedContentType ?? options.actualContentType, expected))
    return matchXmlBody(expected as string, actual === NO_BODY ? '' : actual, bodyRules, options)
  return matchBody(expected, actual, bodyRules, options)
}

/** The value of a header by name in any case, from pairs or a record. */
export function headerValue(headers: ReadonlyArray<[string, string]> | Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [key, value] of Array.isArray(headers) ? headers : Object.entries(headers)) if (key.toLowerCase() === lower) return value
  return undefined
}
