import type { Matcher, Mismatch, RuleSet } from './types.ts'

/**
 * Pact v4's status classes (`matchStatus`) as pact files write them (Pact's reference implementation
 * writes the information class as `info`; `information` is read too); a list of codes is an array.
 */
const CLASSES = {
  info: (s: number) => s >= 100 && s <= 199,
  information: (s: number) => s >= 100 && s <= 199,
  success: (s: number) => s >= 200 && s <= 299,
  redirect: (s: number) => s >= 300 && s <= 399,
  clientError: (s: number) => s >= 400 && s <= 499,
  serverError: (s: number) => s >= 500 && s <= 599,
  nonError: (s: number) => s < 400,
  error: (s: number) => s >= 400,
} as const

export type StatusSpec = keyof typeof CLASSES | number[]

/** A `statusCode` matcher's `status`: a class name or a list of codes; otherwise why it cannot be used. */
export function statusSpecOf(matcher: Matcher): StatusSpec | { problem: string } {
  const status = matcher.status
  if (typeof status === 'string' && Object.hasOwn(CLASSES, status)) return status as keyof typeof CLASSES
  if (Array.isArray(status) && status.length > 0 && status.every((s) => (typeof s === 'number' || (typeof s === 'string' && /^\d+$/.test(s))) && Number.isInteger(Number(s)))) return status.map(Number)
  if (Number.isInteger(status)) return [status as number]
  return { problem: `statusCode matcher: "status" must be one of ${Object.keys(CLASSES).join(', ')} or a list of status codes, got ${JSON.stringify(status) ?? 'nothing'}` }
}

export const isProblem = (spec: StatusSpec | { problem: string }): spec is { problem: string } => typeof spec === 'object' && !Array.isArray(spec)

export function statusMatches(spec: StatusSpec, status: number): boolean {
  return Array.isArray(spec) ? spec.includes(status) : CLASSES[spec](status)
}

/**
 * The response status under the v4 `status` matching rules (`statusCode`), else equal to the contract's.
 * Several matchers combine by the rule set's `combine`.
 */
export function matchStatusWithRules(expected: number, actual: number, rules: RuleSet | undefined): Mismatch[] | undefined {
  const matchers = rules?.matchers.filter((m) => m.match === 'statusCode') ?? []
  if (matchers.length === 0) return undefined
  const failures: Mismatch[] = []
  for (const matcher of matchers) {
    const spec = statusSpecOf(matcher)
    if (isProblem(spec)) failures.push({ kind: 'unsupported', path: 'status', expected: matcher.status, actual, message: `status: ${spec.problem}` })
    else if (!statusMatches(spec, actual))
      failures.push({
        kind: 'status',
        path: 'status',
        expected: matcher.status,
        actual,
        message: `status: expected ${Array.isArray(spec) ? `one of ${spec.join(', ')}` : `a ${spec} status`} but got ${actual} (the contract's example is ${expected})`,
      })
  }
  if (rules!.combine === 'OR' && failures.length < matchers.length) return []
  return failures
}
