/** What a focus term is compared with. */
export interface FocusSubject {
  /** Contract file, relative to the project root, with `/`. */
  file: string
  contractId: string | undefined
  interactionId: string | undefined
  consumer: string | undefined
  provider: string | undefined
}

/** `SPEC_CI_FOCUS=kv-once,orders` → ['kv-once', 'orders']. */
export function parseFocusList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/**
 * Whether an interaction stays in focus: no terms keep everything; otherwise a term must occur
 * (case-insensitively) in the contract id, the interaction id, the file path, the consumer or the
 * provider name. `kv-once` thus keeps `contracts/kv-once.pact.json` and a contract whose id is `kv-once`.
 */
export function inFocus(terms: readonly string[], subject: FocusSubject): boolean {
  if (terms.length === 0) return true
  const haystack = [subject.file, subject.contractId, subject.interactionId, subject.consumer, subject.provider]
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.toLowerCase())
  return terms.some((term) => haystack.some((s) => s.includes(term.toLowerCase())))
}
