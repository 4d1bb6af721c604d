import { NO_BODY, type ParsedContract } from './types.ts'

/**
 * A parsed contract as JSON text, so the plugin's parse reaches the test worker as data instead of
 * the worker parsing the file again. An absent body (`NO_BODY`, a symbol) is written as a missing
 * `body` key; bodies themselves are JSON or strings, so nothing else needs care.
 */
export function encodeContract(contract: ParsedContract): string {
  return JSON.stringify(contract, (_key, value: unknown) => (value === NO_BODY ? undefined : value))
}

export function decodeContract(text: string): ParsedContract {
  const contract = JSON.parse(text) as ParsedContract
  for (const interaction of contract.interactions) {
    for (const side of [interaction.request, interaction.response]) if (side && !Object.hasOwn(side, 'body')) side.body = NO_BODY
    const { message } = interaction
    if (message) for (const m of [message.request, ...message.responses]) if (m && !Object.hasOwn(m, 'contents')) m.contents = NO_BODY
  }
  return contract
}
