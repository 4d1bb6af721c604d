import type { Mismatch } from './types.ts'

const SHOWN = 20

/** The failure message of one interaction: what was sent, then one line per mismatch (the first 20). */
export function formatMismatches(request: { method: string; path: string }, displayFile: string, line: number, mismatches: readonly Mismatch[]): string {
  const head = `${request.method} ${request.path} did not meet the contract at ${displayFile}:${line} (${mismatches.length} mismatch${mismatches.length === 1 ? '' : 'es'})`
  const lines = mismatches.slice(0, SHOWN).map((m) => `  [${m.kind}] ${m.message}`)
  if (mismatches.length > SHOWN) lines.push(`  … ${mismatches.length - SHOWN} more`)
  return [head, ...lines].join('\n')
}

/** The failure message of a message interaction: which message, then one line per mismatch (the first 20). */
export function formatMessageMismatches(description: string, at: string, mismatches: readonly Mismatch[]): string {
  const head = `the message "${description}" did not meet the contract at ${at} (${mismatches.length} mismatch${mismatches.length === 1 ? '' : 'es'})`
  const lines = mismatches.slice(0, SHOWN).map((m) => `  [${m.kind}] ${m.message}`)
  if (mismatches.length > SHOWN) lines.push(`  … ${mismatches.length - SHOWN} more`)
  return [head, ...lines].join('\n')
}
