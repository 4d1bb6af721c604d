import { matchBodyContentType } from './body-content-type.ts'
import { matchBodyOfType } from './match-body-of-type.ts'
import { matchHeaders } from './match-http.ts'
import { applyRuleSet, jsonEqual, show } from './matchers.ts'
import type { ActualMessage, ExpectedMessageContents } from './message-types.ts'
import { isContentTypeKey, metadataContentType } from './read-message.ts'
import type { Mismatch, RuleSet } from './types.ts'

function metadataRule(rules: ReadonlyArray<[string, RuleSet]>, key: string): RuleSet | undefined {
  return rules.find(([name]) => name === key)?.[1]
}

/**
 * The metadata the contract states must be there with equal values, or values that meet the key's
 * matching rules; extra keys are fine. A content type key compares as a media type, and a producer that
 * gives none is not failed for it: the contents carry their own type (as the official verifier does).
 */
export function matchMetadata(expected: ExpectedMessageContents, actual: Record<string, unknown>, label: string): Mismatch[] {
  const mismatches: Mismatch[] = []
  for (const [key, value] of expected.metadata) {
    const path = `${label}.${key}`
    if (isContentTypeKey(key)) {
      const got = metadataContentType(actual)
      if (got !== undefined && typeof value === 'string')
        mismatches.push(...matchHeaders([['content-type', value]], { 'content-type': got }, []).map((m) => ({ ...m, kind: 'metadata' as const, path, message: m.message.replace('$.headers.content-type', path) })))
      continue
    }
    if (!Object.hasOwn(actual, key)) {
      mismatches.push({ kind: 'metadata', path, expected: value, actual: undefined, message: `${path}: expected ${show(value)} but the message has no such metadata` })
      continue
    }
    const rule = metadataRule(expected.rules.metadata, key)
    if (rule) mismatches.push(...applyRuleSet(rule, value, actual[key], path, 'json'))
    else if (!jsonEqual(value, actual[key])) mismatches.push({ kind: 'metadata', path, expected: value, actual: actual[key], message: `${path}: expected ${show(value)} but got ${show(actual[key])}` })
  }
  return mismatches
}

/** A produced message against the contract's: contents by the body rules, metadata by the metadata rules. */
export function matchMessage(expected: ExpectedMessageContents, actual: ActualMessage, label = '$'): Mismatch[] {
  return [
    ...(matchBodyContentType(expected.rules.body, expected.contents, actual.contents, undefined, `${label}.contents`) ??
      matchBodyOfType(expected.contents, actual.contents, expected.rules.body, {
        allowUnexpectedKeys: true,
        label: `${label}.contents`,
        expectedContentType: expected.contentType,
        actualContentType: metadataContentType(actual.metadata),
      })),
    ...matchMetadata(expected, actual.metadata, `${label}.metadata`),
  ]
}
